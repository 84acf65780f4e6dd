import { esc } from './html.js';

/**
 * A small preview of a card chart (a VChart spec) as inline SVG: bar (vertical or horizontal), line/area,
 * pie as proportional bars. Anything else becomes a note — the console is a preview, not VChart.
 */
interface Point {
  label: string;
  value: number;
}

const W = 320;
const H = 180;
const PAD = { l: 36, r: 8, t: 8, b: 34 };

export function renderChart(spec: any): string {
  const title = typeof spec?.title?.text === 'string' ? spec.title.text : '';
  const head = title ? `<div class="chart-title">${esc(title)}</div>` : '';
  const type = String(spec?.type ?? '');
  const points = pointsOf(spec);
  if (points.length === 0) return `${head}<div class="chart-note">（图表无数据）</div>`;
  if (type === 'bar' && spec.direction === 'horizontal') return head + hbars(points);
  if (type === 'bar') return head + vbars(points);
  if (type === 'line' || type === 'area') return head + line(points);
  if (type === 'pie') return head + hbars(points, true);
  return `${head}<div class="chart-note">（暂不支持预览 ${esc(type || '未知')} 类型的图表）</div>`;
}

function pointsOf(spec: any): Point[] {
  const data = Array.isArray(spec?.data) ? spec.data[0] : spec?.data;
  const values: any[] = Array.isArray(data?.values) ? data.values : [];
  const pie = spec?.type === 'pie';
  const xField = pie ? spec.categoryField : spec?.direction === 'horizontal' ? spec.yField : spec?.xField;
  const yField = pie ? spec.valueField : spec?.direction === 'horizontal' ? spec.xField : spec?.yField;
  return values
    .map((v) => ({ label: String(v?.[xField] ?? ''), value: Number(v?.[yField]) }))
    .filter((p) => Number.isFinite(p.value))
    .slice(0, 60);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function vbars(points: Point[]): string {
  const max = Math.max(...points.map((p) => p.value), 0) || 1;
  const iw = W - PAD.l - PAD.r;
  const ih = H - PAD.t - PAD.b;
  const step = iw / points.length;
  const bw = Math.max(2, step * 0.6);
  const bars = points.map((p, i) => {
    const h = (Math.max(0, p.value) / max) * ih;
    const x = PAD.l + i * step + (step - bw) / 2;
    const y = PAD.t + ih - h;
    const label = p.label.length > 6 ? `${p.label.slice(0, 5)}…` : p.label;
    return (
      `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(p.label)}：${fmt(p.value)}</title></rect>` +
      `<text class="val" x="${(x + bw / 2).toFixed(1)}" y="${(y - 2).toFixed(1)}">${fmt(p.value)}</text>` +
      `<text class="lbl" x="${(x + bw / 2).toFixed(1)}" y="${H - PAD.b + 14}">${esc(label)}</text>`
    );
  });
  return svg(`${axis()}${bars.join('')}`);
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

function hbars(points: Point[], share = false): string {
  const total = points.reduce((s, p) => s + Math.max(0, p.value), 0) || 1;
  const max = share ? total : Math.max(...points.map((p) => p.value), 0) || 1;
  const rows = points.map((p) => {
    const pct = (Math.max(0, p.value) / max) * 100;
    const text = share ? `${fmt(p.value)}（${((p.value / total) * 100).toFixed(1)}%）` : fmt(p.value);
    return `<div class="hbar"><span class="hbar-l">${esc(p.label)}</span><span class="hbar-t"><span class="hbar-f" style="width:${pct.toFixed(1)}%"></span></span><span class="hbar-v">${text}</span></div>`;
  });
  return `<div class="hbars">${rows.join('')}</div>`;
}

const axis = () =>
  `<line class="axis" x1="${PAD.l}" y1="${H - PAD.b}" x2="${W - PAD.r}" y2="${H - PAD.b}"/><line class="axis" x1="${PAD.l}" y1="${PAD.t}" x2="${PAD.l}" y2="${H - PAD.b}"/>`;

const svg = (inner: string) => `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img">${inner}</svg>`;
