/** Calendar helpers over plain 'YYYY-MM-DD' strings; the timezone is always passed in. */

/** The calendar date of `at` in `timezone`, as 'YYYY-MM-DD'. */
export function localDate(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Adds days to a 'YYYY-MM-DD' date (calendar arithmetic, no timezone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b ('YYYY-MM-DD'); negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export const isIsoDate = (s: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** A closed range of local dates, 'YYYY-MM-DD'. */
export interface DateRange {
  from: string;
  to: string;
}

const TYPED_DATE = /\d{4}-\d{1,2}-\d{1,2}/g;
const padDate = (d: string) => d.replace(/-(\d)(?=-|$)/g, '-0$1');

/**
 * A date range typed after a command word (报告, 导出 问题线索 …): '' → `empty`; '2026' → that year (to today
 * when running); 'A B' / 'A 至 B' → A..B (an end after today is cut to today). Returns a Chinese message when bad;
 * `noun` names the range in it ('报告期', '时间范围'), `help` is the format hint.
 */
export function parseDateRange(
  args: string,
  today: string,
  o: { empty: DateRange; noun: string; help: string },
): DateRange | string {
  const text = args.normalize('NFKC').trim();
  let from: string;
  let to: string;
  if (!text) ({ from, to } = o.empty);
  else if (/^\d{4}年?$/.test(text)) {
    from = `${text.slice(0, 4)}-01-01`;
    to = `${text.slice(0, 4)}-12-31`;
  } else {
    const dates = (text.match(TYPED_DATE) ?? []).map(padDate);
    const rest = text.replace(TYPED_DATE, '').replace(/[至到~—\-\s，,]/g, '');
    if (dates.length === 0 || dates.length > 2 || rest || dates.some((d) => !isIsoDate(d))) return o.help;
    [from, to = today] = dates;
  }
  if (from > today) {
    const span = to >= from ? ` 至 ${to}` : ' 起';
    return `${o.noun} ${from}${span} 尚未开始（今天是 ${today}），请选择已经过去的时间`;
  }
  if (to < from) return `结束日期 ${to} 早于开始日期 ${from}，请检查${o.noun}`;
  if (from < '2000-01-01') return `${o.noun}不能早于 2000 年`;
  return { from, to: to > today ? today : to };
}
