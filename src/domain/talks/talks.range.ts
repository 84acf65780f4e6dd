/** The date range typed after 统计 (pure). */
import { isIsoDate } from '../../time.js';

export interface DateRange {
  from: string;
  to: string;
}

const DATE = /\d{4}-\d{1,2}-\d{1,2}/g;
const pad = (d: string) => d.replace(/-(\d)(?=-|$)/g, '-0$1');

/** '' → this year so far; '2026' → that year; 'A 至 B' → A..B; one date → from it to today. */
export function parseRange(args: string, today: string): DateRange | string {
  const text = args.trim();
  if (!text) return { from: `${today.slice(0, 4)}-01-01`, to: today };
  const year = /^(\d{4})年?$/.exec(text);
  if (year) {
    const to = `${year[1]}-12-31`;
    return { from: `${year[1]}-01-01`, to: to < today ? to : today };
  }
  const dates = (text.match(DATE) ?? []).map(pad);
  if (dates.length === 0 || dates.length > 2 || dates.some((d) => !isIsoDate(d))) {
    return '时间范围格式：统计 2026，或 统计 2026-01-01 至 2026-06-30';
  }
  const [from, to = today] = dates;
  if (to < from) return '结束日期不能早于开始日期';
  return { from, to };
}
