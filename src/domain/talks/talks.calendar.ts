/**
 * Working days in mainland China (pure): weekends, public holidays and 调休 make-up workdays.
 * The official schedules come from `chinese-days` (it knows the years the State Council has published);
 * a year loaded by org_admin (calendar_overrides) replaces the library for that year. A year nobody knows
 * falls back to Monday–Friday.
 */
import { createRequire } from 'node:module';
import { addDays } from '../../time.js';

interface LibraryData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const library: LibraryData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');

/** One year's official schedule: days off (放假) and make-up workdays (调休上班), with the holiday's name. */
export interface YearSchedule {
  holidays: Map<string, string>;
  workdays: Map<string, string>;
}

export type ScheduleSource = 'override' | 'library' | 'weekdays';

/** Day of week of a 'YYYY-MM-DD' date, 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The library publishes a year when its New Year's Day (元旦) is listed as a holiday. */
export function libraryKnowsYear(year: number): boolean {
  return `${year}-01-01` in library.holidays;
}

export class WorkCalendar {
  constructor(private readonly overrides: ReadonlyMap<number, YearSchedule> = new Map()) {}

  source(year: number): ScheduleSource {
    if (this.overrides.has(year)) return 'override';
    return libraryKnowsYear(year) ? 'library' : 'weekdays';
  }

  knowsYear(year: number): boolean {
    return this.source(year) !== 'weekdays';
  }

  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const source = this.source(year);
    const weekdayWork = weekday(date) >= 1 && weekday(date) <= 5;
    if (source === 'override') {
      const y = this.overrides.get(year)!;
      if (y.workdays.has(date)) return true;
      return weekdayWork && !y.holidays.has(date);
    }
    if (source === 'library') {
      if (date in library.workdays) return true;
      return weekdayWork && !(date in library.holidays);
    }
    return weekdayWork;
  }

  /** Workdays in (from, to]: 1 on the first workday after `from`. */
  workdaysAfter(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}
