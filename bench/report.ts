import { table } from '../src/cli/format.js';
import type { BenchOutcome, Measurement } from './lib.js';

const ms = (v: number | undefined) => (v === undefined ? '—' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const mb = (v: number) => `${v.toFixed(1)} MB`;
const x = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(2)}×`);
const lat = (m: Measurement) => (m.p50Ms === undefined ? '—' : `${ms(m.p50Ms)} / ${ms(m.p99Ms)}`);

/** The console report: one row per bench (candidate vs baseline), then each limit's verdict and notes. */
export function formatReport(outcomes: BenchOutcome[]): string {
  const rows = outcomes.map((o) => {
    if (!o.result || !o.ratios) return [o.name, '失败', '', '', '', '', '', '', ''];
    const { baseline: b, candidate: c } = o.result;
    const r = o.ratios;
    return [o.name, ms(b.totalMs), ms(c.totalMs), x(r.time), mb(b.heapMb), mb(c.heapMb), x(r.memory), lat(b), lat(c)];
  });
  const header = [
    '基准',
    '基线用时',
    '候选用时',
    '用时比',
    '基线内存',
    '候选内存',
    '内存比',
    '基线 p50/p99',
    '候选 p50/p99',
  ];
  const lines = ['', ...table(header, rows), ''];
  for (const o of outcomes) {
    lines.push(`${o.name}:`);
    if (o.error) lines.push(`  ✗ 出错：${o.error}`);
    if (o.result) lines.push(`  基线 = ${o.result.baseline.label}；候选 = ${o.result.candidate.label}`);
    for (const l of o.limits ?? []) {
      const actual = l.actual === null ? '无数据' : l.actual.toFixed(1);
      lines.push(`  ${l.ok ? '✓' : '✗'} ${l.metric} = ${actual}，限额 ${l.bound} — ${l.why}`);
    }
    for (const n of o.result?.notes ?? []) lines.push(`  · ${n}`);
  }
  return lines.join('\n');
}
