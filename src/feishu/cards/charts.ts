/** Chart components (Card JSON 2.0 `chart`, a VChart spec) sized to read on a phone. */
import type { Element } from './atoms.js';

export interface ChartPoint {
  /** Category on the axis, short and Chinese (e.g. '青山镇', '12月'). */
  label: string;
  value: number;
  /** Series name (legend); omit for a single-series chart. */
  series?: string;
}

export interface ChartOptions {
  /** Horizontal bars: long category names (units) read better down the screen. */
  horizontal?: boolean;
  /** Feishu accepts 1:1, 2:1, 4:3, 16:9; phones want 4:3 (vertical) or 1:1 (horizontal, many bars). */
  aspect?: '1:1' | '2:1' | '4:3' | '16:9';
}

/** Series in the order they first appear (the legend's order). */
export function seriesOf(data: ChartPoint[]): string[] {
  return [...new Set(data.map((d) => d.series ?? ''))];
}

/**
 * A bar chart (grouped when the points carry more than one series): values on the bars, legend below,
 * category labels that hide rather than overlap.
 */
export function barChart(title: string, data: ChartPoint[], opts: ChartOptions = {}): Element {
  const grouped = seriesOf(data).length > 1;
  const category = grouped ? ['x', 's'] : 'x';
  const horizontal = opts.horizontal === true;
  return {
    tag: 'chart',
    aspect_ratio: opts.aspect ?? (horizontal ? '1:1' : '4:3'),
    color_theme: 'brand',
    chart_spec: {
      type: 'bar',
      ...(horizontal ? { direction: 'horizontal', xField: 'y', yField: category } : { xField: category, yField: 'y' }),
      title: { text: title },
      data: { values: data.map((d) => ({ x: d.label, y: d.value, s: d.series ?? title })) },
      seriesField: 's',
      label: { visible: true },
      legends: { visible: grouped, orient: 'bottom' },
      axes: [{ orient: horizontal ? 'left' : 'bottom', label: { autoHide: true, autoLimit: true } }],
    },
  };
}
