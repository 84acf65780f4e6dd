import { esc } from './html.js';

/**
 * A small preview of a card chart (a VChart spec) as inline SVG: bar (vertical or horizontal), line/area,
 * pie as proportional bars. Anything else becomes a note — the console is a preview, not VChart.
 */
interface Point {
  label: string;
  value: number;
  /** Series name ('' for a single-series chart). */
  series: string;
}

const W = 320;
const H = 180;
const PAD = { l: 36, r: 8, t: 16, b: 34 };
/** Series colours, Feishu's brand palette order. */
const COLORS = ['#3370ff', '#ff8800', '#f54a45', '#34c724', '#7f3bf5', '#14c0ff'];

export function renderChart(spec: any): string {
  const title = typeof spec?.title?.text === 'string' ? spec.title.text : '';
  const head = title ? `<div class="chart-title">${esc(title)}</div>` : '';
  const type = String(spec?.type ?? '');
  const points = pointsOf(spec);
  if (points.length === 0) return `${head}<div class="chart-note">（图表无数据）</div>`;
  const series = seriesNames(points);
  const legend = series.length > 1 ? legendOf(series) : '';
  if (type === 'bar' && spec.direction === 'horizontal') return head + hbars(points, false, series) + legend;
  if (type === 'bar') return head + vbars(points, series) + legend;
  if (type === 'line' || type === 'area') return head + line(points);
  if (type === 'pie') return head + hbars(points, true);
  return `${head}<div class="chart-note">（暂不支持预览 ${esc(type || '未知')} 类型的图表）</div>`;
}

/** The category field: VChart groups bars with an array field, ['x', 's'] — its first entry is the axis. */
const firstField = (f: unknown) => (Array.isArray(f) ? f[0] : f);

function pointsOf(spec: any): Point[] {
  const data = Array.isArray(spec?.data) ? spec.data[0] : spec?.data;
  const values: any[] = Array.isArray(data?.values) ? data.values : [];
  const pie = spec?.type === 'pie';
  const horizontal = spec?.direction === 'horizontal';
  const xField = firstField(pie ? spec.categoryField : horizontal ? spec.yField : spec?.xField);
  const yField = firstField(pie ? spec.valueField : horizontal ? spec.xField : spec?.yField);
  const sField = typeof spec?.seriesField === 'string' ? spec.seriesField : null;
  return values
    .map((v) => ({
      label: String(v?.[xField] ?? ''),
      value: Number(v?.[yField]),
      series: sField ? String(v?.[sField] ?? '') : '',
    }))
    .filter((p) => Number.isFinite(p.value))
    .slice(0, 60);
}

const seriesNames = (points: Point[]) => [...new Set(points.map((p) => p.series))];
const colorOf = (series: string[], s: string) => COLORS[Math.max(0, series.indexOf(s)) % COLORS.length];

function legendOf(series: string[]): string {
  const items = series.map(
    (s) => `<span class="legend-item"><i style="background:${colorOf(series, s)}"></i>${esc(s)}</span>`,
  );
  return `<div class="chart-legend">${items.join('')}</div>`;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Category labels that fit their slot: shortened, and only every k-th one when slots are narrow. */
function labelEvery(step: number, longest: number): number {
  const width = Math.min(longest, 6) * 10 + 4;
  return Math.max(1, Math.ceil(width / Math.max(step, 1)));
}

function vbars(points: Point[], series: string[] = ['']): string {
  const categories = [...new Set(points.map((p) => p.label))];
  const max = Math.max(...points.map((p) => p.value), 0) || 1;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = iw / categories.length;
  const groupW = Math.max(2, step * 0.7);
  const bw = Math.max(1, groupW / series.length);
  const every = labelEvery(step, Math.max(...categories.map((c) => c.length)));
  const valueLabels = categories.length * series.length <= 24;
  const bars = points.map((p) => {
    const ci = categories.indexOf(p.label);
    const si = Math.max(0, series.indexOf(p.series));
    const h = (Math.max(0, p.value) / max) * ih;
    const x = PAD.l + ci * step + (step - groupW) / 2 + si * bw;
    const y = PAD.t + ih - h;
    const name = p.series ? `${p.label} · ${p.series}` : p.label;
    return (
      `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" style="fill:${colorOf(series, p.series)}"><title>${esc(name)}：${fmt(p.value)}</title></rect>` +
      (valueLabels
        ? `<text class="val" x="${(x + bw / 2).toFixed(1)}" y="${(y - 2).toFixed(1)}">${fmt(p.value)}</text>`
        : '')
    );
  });
  const labels = categories.map((c, i) => {
    if (i % every !== 0) return '';
    const text = c.length > 6 ? `${c.slice(0, 5)}…` : c;
    return `<text class="lbl" x="${(PAD.l + i * step + step / 2).toFixed(1)}" y="${H - PAD.b + 14}">${esc(text)}</text>`;
  });
  return svg(`${axis()}${bars.join('')}${labels.join('')}`);
}

function line(points: Point[]): string {
  const max = Math.max(...points.map((p) => p.value), 0) || 1;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = points.length > 1 ? iw / (points.length - 1) : 0;
  const xy = points.map((p, i) => [PAD.l + i * step, PAD.t + ih - (Math.max(0, p.value) / max) * ih]);
  const path = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  const dots = xy.map(
    ([x, y], i) =>
      `<circle class="dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3"><title>${esc(points[i].label)}：${fmt(points[i].value)}</title></circle>` +
      `<text class="lbl" x="${x.toFixed(1)}" y="${H - PAD.b + 14}">${esc(points[i].label.slice(0, 6))}</text>`,
  );
  return svg(`${axis()}<polyline class="line" points="${path}"/>${dots.join('')}`);
}

function hbars(points: Point[], share = false, series: string[] = ['']): string {
  const total = points.reduce((s, p) => s + Math.max(0, p.value), 0) || 1;
  const max = share ? total : Math.max(...points.map((p) => p.value), 0) || 1;
  const rows = points.map((p, i) => {
    const pct = (Math.max(0, p.value) / max) * 100;
    const text = share ? `${fmt(p.value)}（${((p.value / total) * 100).toFixed(1)}%）` : fmt(p.value);
    // In a grouped chart the category is written once, on its first series' row.
    const label = i > 0 && points[i - 1].label === p.label ? '' : p.label;
    const color =
      series.length > 1
        ? ` style="width:${pct.toFixed(1)}%;background:${colorOf(series, p.series)}"`
        : ` style="width:${pct.toFixed(1)}%"`;
    return `<div class="hbar"><span class="hbar-l">${esc(label)}</span><span class="hbar-t"><span class="hbar-f"${color}></span></span><span class="hbar-v">${text}</span></div>`;
  });
  return `<div class="hbars">${rows.join('')}</div>`;
}

const axis = () =>
  `<line class="axis" x1="${PAD.l}" y1="${H - PAD.b}" x2="${W - PAD.r}" y2="${H - PAD.b}"/><line class="axis" x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${H - PAD.b}"/>`;

const svg = (inner: string) => `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img">${inner}</svg>`;
