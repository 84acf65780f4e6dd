import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { calendarOverrides } from '../../db/schema/talks.js';
import { WorkCalendar, type YearSchedule } from './talks.calendar.js';

/** The working-day calendar with every year org_admin has loaded. */
export async function loadCalendar(db: Database): Promise<WorkCalendar> {
  const rows = await db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.day));
  const years = new Map<number, YearSchedule>();
  for (const r of rows) {
    let y = years.get(r.year);
    if (!y) {
      y = { holidays: new Map(), workdays: new Map() };
      years.set(r.year, y);
    }
    (r.kind === 'holiday' ? y.holidays : y.workdays).set(r.day, r.name);
  }
  return new WorkCalendar(years);
}

/** Replaces the loaded schedule of `year` (inside the caller's transaction). */
export async function replaceYearSchedule(
  db: Database,
  year: number,
  schedule: YearSchedule,
  by: number,
  at: Date,
): Promise<number> {
  await db.delete(calendarOverrides).where(eq(calendarOverrides.year, year));
  const rows = [
    ...[...schedule.holidays].map(([day, name]) => ({ day, name, kind: 'holiday' as const })),
    ...[...schedule.workdays].map(([day, name]) => ({ day, name, kind: 'workday' as const })),
  ].map((r) => ({ ...r, year, loadedByPersonId: by, loadedAt: at }));
  if (rows.length > 0) await db.insert(calendarOverrides).values(rows);
  return rows.length;
}

export async function yearOverrideRows(db: Database, year: number) {
  return db
    .select()
    .from(calendarOverrides)
    .where(and(gte(calendarOverrides.day, `${year}-01-01`), lte(calendarOverrides.day, `${year}-12-31`)))
    .orderBy(asc(calendarOverrides.day));
}
