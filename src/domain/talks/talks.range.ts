/** The date range typed after 统计 (pure): the rules of every period typed after a command (src/time.ts). */
import { type DateRange, parseDateRange } from '../../time.js';

export type { DateRange };

/** '' → this year so far; '2026' → that year; 'A 至 B' → A..B; one date → from it to today. */
export function parseRange(args: string, today: string): DateRange | string {
  return parseDateRange(args, today, {
    empty: { from: `${today.slice(0, 4)}-01-01`, to: today },
    noun: '统计期',
    help: '时间范围格式：统计 2026，或 统计 2026-01-01 至 2026-06-30',
  });
}
