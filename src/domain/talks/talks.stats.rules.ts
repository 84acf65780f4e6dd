/** Pure shaping of 统计 for charts: the talks trend in buckets a phone can read, relation totals as series. */
import type { TalkRelation } from '../../db/schema/talks.js';
import type { ChartPoint } from '../../feishu/cards/charts.js';
import type { CoverageTotals } from './talks.stats.js';

export interface Trend {
  title: string;
  points: ChartPoint[];
}

/** Short relation names for a chart axis (the card's table keeps RELATION_LABELS). */
export const RELATION_SHORT: Record<TalkRelation, string> = {
  county_leader: '县级领导',
  unit_main: '主要领导',
  unit_deputy: '分管领导',
  mentor: '结对帮带',
};

const MONTHLY_MAX = 12;
const QUARTERLY_MAX = 36;

/** 'YYYY-MM' months from `first` to `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      y += 1;
      m = 1;
    }
  }
  return out;
}

/**
 * Talks per month, gaps filled with zero, bucketed so the axis never carries more than a dozen labels:
 * up to 12 months by month ('3月', or '25-12' across a new year), up to 36 by quarter ('26Q1'), else by year.
 */
export function talkTrend(months: { month: string; talks: number }[]): Trend {
  if (months.length === 0) return { title: '谈心谈话人次', points: [] };
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((m) => [m.month, m.talks]));
  const all = monthsBetween(sorted[0].month, sorted[sorted.length - 1].month);
  const oneYear = all[0].slice(0, 4) === all[all.length - 1].slice(0, 4);
  const bucket =
    all.length <= MONTHLY_MAX
      ? (ym: string) => (oneYear ? `${Number(ym.slice(5))}月` : `${ym.slice(2, 4)}-${ym.slice(5)}`)
      : all.length <= QUARTERLY_MAX
        ? (ym: string) => `${ym.slice(2, 4)}Q${Math.ceil(Number(ym.slice(5)) / 3)}`
        : (ym: string) => `${ym.slice(0, 4)}年`;
  const sums = new Map<string, number>();
  for (const ym of all) sums.set(bucket(ym), (sums.get(bucket(ym)) ?? 0) + (byMonth.get(ym) ?? 0));
  const unit = all.length <= MONTHLY_MAX ? '每月' : all.length <= QUARTERLY_MAX ? '每季度' : '每年';
  const year = oneYear && all.length <= MONTHLY_MAX ? `（${all[0].slice(0, 4)}年）` : '';
  return {
    title: `${unit}谈心谈话人次${year}`,
    points: [...sums].map(([label, value]) => ({ label, value })),
  };
}

/** 已谈 / 待谈 / 逾期 per relation as a grouped bar chart's points (relations with no obligation left out). */
export function relationPoints(rows: (CoverageTotals & { relation: TalkRelation })[]): ChartPoint[] {
  return rows
    .filter((r) => r.due > 0)
    .flatMap((r) => [
      { label: RELATION_SHORT[r.relation], value: r.done, series: '已谈' },
      { label: RELATION_SHORT[r.relation], value: r.open, series: '待谈' },
      { label: RELATION_SHORT[r.relation], value: r.overdue, series: '逾期' },
    ]);
}

export const rate = (done: number, due: number) => (due === 0 ? '—' : `${Math.round((done / due) * 100)}%`);
