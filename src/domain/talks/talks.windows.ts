/**
 * Reminder windows per cadence, counted in workdays up to a period's last day (pure). The same window is the
 * late-arrival grace: a leader who took the post, or a cadre who arrived, inside it is not overdue.
 */
import type { PeriodKind } from '../../db/schema/talks.js';
import { addDays } from '../../time.js';
import type { WorkCalendar } from './talks.calendar.js';
import type { Period } from './talks.periods.js';
import type { GraceFn } from './talks.rules.js';

export type WindowWorkdays = Record<PeriodKind, number>;

/**
 * The first day of the window holding the last `workdays` workdays up to `end` (inclusive): the
 * `workdays`-th workday counted back from `end`. With 0 workdays there is no window (the day after `end`).
 */
export function windowStart(calendar: WorkCalendar, end: string, workdays: number): string {
  if (workdays <= 0) return addDays(end, 1);
  let d = end;
  let seen = 0;
  // A window never needs more than a few months of calendar days; the bound only guards a broken calendar.
  for (let i = 0; i < 400; i++, d = addDays(d, -1)) {
    if (calendar.isWorkday(d) && ++seen === workdays) return d;
  }
  return d;
}

/** The grace function of the specs: each period's window start by its cadence. */
export function graceOf(calendar: WorkCalendar, windows: WindowWorkdays): GraceFn {
  const cache = new Map<string, string>();
  return (_relation, period: Period) => {
    const key = `${period.end}:${period.kind}`;
    let v = cache.get(key);
    if (v === undefined) {
      v = windowStart(calendar, period.end, windows[period.kind]);
      cache.set(key, v);
    }
    return v;
  };
}
