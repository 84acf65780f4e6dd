/**
 * Calendar periods and cadences (pure). Dates are 'YYYY-MM-DD' local dates in config.timezone;
 * a period is [start, end] with both days inclusive.
 */
import type { PeriodKind, TalkRelation } from '../../db/schema/talks.js';
import { addDays } from '../../time.js';

export interface Period {
  kind: PeriodKind;
  /** Stable key: '2026-03', '2026-Q1', '2026-H1', '2026'. */
  key: string;
  start: string;
  end: string;
}

export interface Cadence {
  relation: TalkRelation;
  periodKind: PeriodKind;
  effectiveFrom: string;
}

/** 半年一谈、一季一谈、一月一谈 (SPEC §5.4) and the mentors' half-year (结对帮带): in force unless changed. */
export const DEFAULT_CADENCES: readonly Cadence[] = [
  { relation: 'county_leader', periodKind: 'half_year', effectiveFrom: '1900-01-01' },
  { relation: 'unit_main', periodKind: 'quarter', effectiveFrom: '1900-01-01' },
  { relation: 'unit_deputy', periodKind: 'month', effectiveFrom: '1900-01-01' },
  { relation: 'mentor', periodKind: 'half_year', effectiveFrom: '1900-01-01' },
];

/** The later / earlier of two 'YYYY-MM-DD' dates (string order is date order). */
export const laterDate = (a: string, b: string) => (a.localeCompare(b) >= 0 ? a : b);
export const earlierDate = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

function lastDayOfMonth(y: number, m: number): string {
  return m === 12 ? `${y}-12-31` : addDays(`${y}-${pad(m + 1)}-01`, -1);
}

function keyOf(kind: PeriodKind, y: number, index: number): string {
  if (kind === 'month') return `${y}-${pad(index + 1)}`;
  if (kind === 'quarter') return `${y}-Q${index + 1}`;
  if (kind === 'half_year') return `${y}-H${index + 1}`;
  return String(y);
}

/** The calendar period of `kind` containing `date`. */
export function calendarPeriod(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const span = MONTHS_PER[kind];
  const index = Math.floor((m - 1) / span);
  const firstMonth = index * span + 1;
  const lastMonth = firstMonth + span - 1;
  return { kind, key: keyOf(kind, y, index), start: `${y}-${pad(firstMonth)}-01`, end: lastDayOfMonth(y, lastMonth) };
}

/** Sorted cadence rules of one relation: built-in default first, then the changes by date. */
export function rulesFor(cadences: readonly Cadence[], relation: TalkRelation): Cadence[] {
  return cadences
    .filter((c) => c.relation === relation)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/**
 * The period of `relation` containing `date`: the calendar period of the cadence in force on `date`,
 * cut at cadence changes so that periods never overlap and a change is never retroactive.
 */
export function periodOf(cadences: readonly Cadence[], relation: TalkRelation, date: string): Period {
  const rules = rulesFor(cadences, relation);
  let i = -1;
  for (let k = 0; k < rules.length; k++) if (rules[k].effectiveFrom <= date) i = k;
  if (i < 0) throw new Error(`no cadence for ${relation} on ${date}`);
  const rule = rules[i];
  const next = rules[i + 1];
  const p = calendarPeriod(rule.periodKind, date);
  const start = laterDate(p.start, rule.effectiveFrom);
  const end = next ? earlierDate(p.end, addDays(next.effectiveFrom, -1)) : p.end;
  return { ...p, start, end };
}

/** The period just before the one containing `date`. */
export function previousPeriod(cadences: readonly Cadence[], relation: TalkRelation, date: string): Period {
  return periodOf(cadences, relation, addDays(periodOf(cadences, relation, date).start, -1));
}

/** Every period of `relation` that overlaps [from, to], in order. */
export function periodsBetween(
  cadences: readonly Cadence[],
  relation: TalkRelation,
  from: string,
  to: string,
): Period[] {
  const out: Period[] = [];
  for (let d = from; d <= to; ) {
    const p = periodOf(cadences, relation, d);
    out.push(p);
    d = addDays(p.end, 1);
  }
  return out;
}

/** The kind of a period key ('2026-03', '2026-Q1', '2026-H1', '2026'). */
export function periodKindOfKey(key: string): PeriodKind {
  if (/Q\d$/.test(key)) return 'quarter';
  if (/H\d$/.test(key)) return 'half_year';
  return key.length === 4 ? 'year' : 'month';
}

/** Label of a period key. */
export const keyLabel = (key: string) => periodLabel({ kind: periodKindOfKey(key), key });

const QUARTERS = ['一', '二', '三', '四'];

/** 2026年3月 / 2026年第一季度 / 2026年上半年 / 2026年. */
export function periodLabel(p: Pick<Period, 'kind' | 'key'>): string {
  const y = p.key.slice(0, 4);
  if (p.kind === 'month') return `${y}年${Number(p.key.slice(5, 7))}月`;
  if (p.kind === 'quarter') return `${y}年第${QUARTERS[Number(p.key.slice(6)) - 1]}季度`;
  if (p.kind === 'half_year') return `${y}年${p.key.endsWith('H1') ? '上' : '下'}半年`;
  return `${y}年`;
}

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: '每月一谈',
  quarter: '每季度一谈',
  half_year: '每半年一谈',
  year: '每年一谈',
};

/** The first day of the month after `today`: the earliest date a cadence change may take effect. */
export function earliestCadenceChange(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}

/** A cadence change is never retroactive and starts on the 1st of a month; null when acceptable. */
export function cadenceChangeProblem(effectiveFrom: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-01$/.test(effectiveFrom)) return '生效日期须为某月的 1 日';
  if (effectiveFrom < earliestCadenceChange(today))
    return `生效日期不能早于 ${earliestCadenceChange(today)}（调整不追溯）`;
  return null;
}
