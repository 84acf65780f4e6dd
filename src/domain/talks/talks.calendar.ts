/**
 * Working days in mainland China (pure): weekends, public holidays and 调休 make-up workdays.
 * The official schedules come from `chinese-days` (it knows the years the State Council has published);
 * a year loaded by org_admin (calendar_overrides) replaces the library for that year. A year without an
 * official schedule uses the statutory holidays computed for it (talks.statutory.ts) as PROVISIONAL days off,
 * without 调休. A statutory holiday is never a workday, whatever the source.
 */
import { createRequire } from 'node:module';
import { addDays } from '../../time.js';
import { type StatutoryDay, statutoryHoliday, statutoryHolidays } from './talks.statutory.js';

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

export type ScheduleSource = 'override' | 'library' | 'provisional';

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
    return libraryKnowsYear(year) ? 'library' : 'provisional';
  }

  knowsYear(year: number): boolean {
    return this.source(year) !== 'provisional';
  }

  isWorkday(date: string): boolean {
    const year = Number(date.slice(0, 4));
    const source = this.source(year);
    const weekdayWork = weekday(date) >= 1 && weekday(date) <= 5;
    if (statutoryHoliday(date)) return false;
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

  /** This calendar with `year` replaced by a loaded schedule. */
  withYear(year: number, schedule: YearSchedule): WorkCalendar {
    return new WorkCalendar(new Map([...this.overrides, [year, schedule]]));
  }

  /** The days before `today` of `year` whose workday status differs in `other` (finished days it would rewrite). */
  changedPastDays(other: WorkCalendar, year: number, today: string): string[] {
    const out: string[] = [];
    for (let d = `${year}-01-01`; d < today && d <= `${year}-12-31`; d = addDays(d, 1)) {
      if (this.isWorkday(d) !== other.isWorkday(d)) out.push(d);
    }
    return out;
  }

  /** The provisional days off of a year without an official schedule (empty once one is known). */
  provisionalDays(year: number): StatutoryDay[] {
    return this.source(year) === 'provisional' ? statutoryHolidays(year) : [];
  }

  /** Workdays in (from, to]: 1 on the first workday after `from`. */
  workdaysAfter(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}
