/**
 * Charts as PNG for the Word report, drawn server-side with @napi-rs/canvas and a CJK font (Noto Sans CJK).
 * Without the canvas module or a CJK font the report goes out without images and says why.
 */
import { existsSync } from 'node:fs';
import type { ReportChart } from './reports.types.js';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 360;

const FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
];
const FAMILY = 'QingmiaoCJK';

type Canvas = typeof import('@napi-rs/canvas');
let loaded: Promise<{ canvas: Canvas | null; reason: string | null }> | null = null;

/** Loads the canvas module and registers the first CJK font found (once); `reason` says what is missing. */
export function chartEngine(): Promise<{ canvas: Canvas | null; reason: string | null }> {
  loaded ??= (async () => {
    let canvas: Canvas;
    try {
      canvas = await import('@napi-rs/canvas');
    } catch {
      return { canvas: null, reason: '服务器未能加载图表组件（@napi-rs/canvas），本文件不含图表图片' };
    }
    const font = (process.env.REPORT_CJK_FONT ? [process.env.REPORT_CJK_FONT] : FONT_FILES).find((f) => existsSync(f));
    if (!font || !canvas.GlobalFonts.registerFromPath(font, FAMILY)) {
      return { canvas: null, reason: '服务器未安装中文字体（如 fonts-noto-cjk），本文件不含图表图片' };
    }
    return { canvas, reason: null };
  })();
  return loaded;
}

const COLORS = ['#3370ff', '#34c724', '#ff8800', '#7f3bf5', '#f54a45'];

/** A vertical bar chart, values over the bars, Chinese labels; null when no engine. */
export async function chartPng(chart: ReportChart): Promise<Buffer | null> {
  const { canvas } = await chartEngine();
  if (!canvas) return null;
  const c = canvas.createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const g = c.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  g.fillStyle = '#1f2329';
  g.font = `bold 20px ${FAMILY}`;
  g.textAlign = 'center';
  g.fillText(chart.title, CHART_WIDTH / 2, 32);
  const data = chart.data.slice(0, 24);
  const max = Math.max(1, ...data.map((d) => d.value));
  const left = 40;
  const bottom = CHART_HEIGHT - 50;
  const top = 70;
  const slot = (CHART_WIDTH - left * 2) / Math.max(1, data.length);
  g.strokeStyle = '#8f959e';
  g.beginPath();
  g.moveTo(left, bottom);
  g.lineTo(CHART_WIDTH - left, bottom);
  g.stroke();
  const series = [...new Set(data.map((d) => d.series ?? ''))];
  data.forEach((d, i) => {
    const h = ((bottom - top) * d.value) / max;
    const x = left + i * slot + slot * 0.2;
    g.fillStyle = COLORS[series.indexOf(d.series ?? '') % COLORS.length];
    g.fillRect(x, bottom - h, slot * 0.6, h);
    g.fillStyle = '#1f2329';
    g.font = `14px ${FAMILY}`;
    g.fillText(String(d.value), x + slot * 0.3, bottom - h - 6);
    g.fillText(d.label, x + slot * 0.3, bottom + 22, slot);
  });
  return c.toBuffer('image/png');
}
