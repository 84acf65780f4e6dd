/** 选派墩苗 storage: set-based queries over batches, assignments and reports. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import {
  dispatchAssignments,
  dispatchBatches,
  dispatchEvaluations,
  dispatchReports,
} from '../../db/schema/dispatches.js';
import { leadershipPositions, people, units } from '../../db/schema/org.js';
import { addDays } from '../../time.js';
import type { ReportCadence } from './dispatches.vocab.js';

/** One reporting period of one assignment with whether its report is in: the report status table. */
export interface ReportStatusRow {
  assignmentId: number;
  personId: number;
  batchId: number;
  countyId: number;
  homeUnitId: number;
  periodKey: string;
  periodStart: string;
  due: string;
  submitted: boolean;
}

/**
 * The current and the previous reporting period of every assignment on post in them, with the report state,
 * in ONE set-based query (the job, the 选派报告 table and the digest use it; bench/dispatches.bench.ts).
 * `countyId` narrows to one county; null = every county.
 */
export async function reportStatus(db: Database, day: string, countyId: number | null = null) {
  const unitExpr = sql`(case when b.cadence = 'monthly' then 'month' else 'quarter' end)`;
  const rows = rowsOf<{
    assignment_id: number;
    person_id: number;
    batch_id: number;
    county_id: number;
    home_unit_id: number;
    period_key: string;
    period_start: string;
    due: string;
    submitted: boolean;
  }>(
    await db.execute(sql`
    with a as (
      select da.id, da.person_id, da.batch_id, da.home_unit_id, b.county_id, b.cadence, da.start_date,
             coalesce(da.ended_on, da.planned_end) as last_day,
             date_trunc(${unitExpr}, ${day}::date::timestamp)::date as cur_start
        from dispatch_assignments da join dispatch_batches b on b.id = da.batch_id
       where da.start_date <= ${day}::date
         and coalesce(da.ended_on, da.planned_end) >= ${addDays(day, -100)}::date
         and (${countyId}::int is null or b.county_id = ${countyId}::int)
    ), p as (
      select a.*, s.p_start,
             (s.p_start + (case when a.cadence = 'monthly' then interval '1 month' else interval '3 months' end))::date - 1
               as p_end
        from a cross join lateral (
          select a.cur_start as p_start
          union all
          select (a.cur_start - (case when a.cadence = 'monthly' then interval '1 month' else interval '3 months' end))::date
        ) s
    )
    select p.id as assignment_id, p.person_id, p.batch_id, p.county_id, p.home_unit_id,
           case when p.cadence = 'monthly' then to_char(p.p_start, 'YYYY-MM') else to_char(p.p_start, 'YYYY-"Q"Q') end
             as period_key,
           to_char(greatest(p.p_start, p.start_date), 'YYYY-MM-DD') as period_start,
           to_char(least(p.p_end, p.last_day), 'YYYY-MM-DD') as due,
           (r.id is not null) as submitted
      from p
      left join dispatch_reports r on r.assignment_id = p.id and r.kind = 'report'
        and r.period_key = (case when p.cadence = 'monthly' then to_char(p.p_start, 'YYYY-MM')
                                 else to_char(p.p_start, 'YYYY-"Q"Q') end)
     where greatest(p.p_start, p.start_date) <= least(p.p_end, p.last_day)
       and greatest(p.p_start, p.start_date) <= ${day}::date
     order by p.batch_id, p.id, p.p_start`),
  );
  return rows.map(
    (r): ReportStatusRow => ({
      assignmentId: r.assignment_id,
      personId: r.person_id,
      batchId: r.batch_id,
      countyId: r.county_id,
      homeUnitId: r.home_unit_id,
      periodKey: r.period_key,
      periodStart: r.period_start,
      due: r.due,
      submitted: r.submitted,
    }),
  );
}

/** An assignment with its batch, person and places. */
export async function assignmentView(db: Database, id: number) {
  const [row] = await db
    .select({
      id: dispatchAssignments.id,
      personId: dispatchAssignments.personId,
      personName: people.name,
      openId: people.openId,
      homeUnitId: dispatchAssignments.homeUnitId,
      batchId: dispatchBatches.id,
      batchName: dispatchBatches.name,
      kind: dispatchBatches.kind,
      cadence: dispatchBatches.cadence,
      countyId: dispatchBatches.countyId,
      destUnitId: dispatchAssignments.destUnitId,
      destUnitName: units.name,
      destPlace: dispatchAssignments.destPlace,
      hostUnitName: dispatchAssignments.hostUnitName,
      hostContactPersonId: dispatchAssignments.hostContactPersonId,
      startDate: dispatchAssignments.startDate,
      plannedEnd: dispatchAssignments.plannedEnd,
      endedOn: dispatchAssignments.endedOn,
      status: dispatchAssignments.status,
      termNoticeOn: dispatchAssignments.termNoticeOn,
    })
    .from(dispatchAssignments)
    .innerJoin(dispatchBatches, eq(dispatchBatches.id, dispatchAssignments.batchId))
    .innerJoin(people, eq(people.id, dispatchAssignments.personId))
    .leftJoin(units, eq(units.id, dispatchAssignments.destUnitId))
    .where(eq(dispatchAssignments.id, id));
  return row ?? null;
}
export type AssignmentView = NonNullable<Awaited<ReturnType<typeof assignmentView>>>;

export const destinationOf = (a: {
  destUnitName: string | null;
  destPlace: string | null;
  hostUnitName: string | null;
}) => [a.destPlace ?? a.destUnitName, a.hostUnitName].filter(Boolean).join(' · ');

/** Assignments of a person, latest first. */
export async function assignmentsOf(db: Database, personId: number) {
  const ids = await db
    .select({ id: dispatchAssignments.id })
    .from(dispatchAssignments)
    .where(eq(dispatchAssignments.personId, personId))
    .orderBy(desc(dispatchAssignments.startDate));
  const out: AssignmentView[] = [];
  for (const r of ids) {
    const v = await assignmentView(db, r.id);
    if (v) out.push(v);
  }
  return out;
}

/** The person's assignments overlapping [start, end] (for the one-active-assignment rule). */
export async function overlappingAssignments(db: Database, personId: number, start: string, end: string) {
  return db
    .select({ id: dispatchAssignments.id, kind: dispatchBatches.kind, batchName: dispatchBatches.name })
    .from(dispatchAssignments)
    .innerJoin(dispatchBatches, eq(dispatchBatches.id, dispatchAssignments.batchId))
    .where(
      and(
        eq(dispatchAssignments.personId, personId),
        sql`${dispatchAssignments.startDate} <= ${end}::date and coalesce(${dispatchAssignments.endedOn}, ${dispatchAssignments.plannedEnd}) >= ${start}::date`,
      ),
    );
}

export async function reportsOf(db: Database, assignmentId: number) {
  return db
    .select()
    .from(dispatchReports)
    .where(eq(dispatchReports.assignmentId, assignmentId))
    .orderBy(asc(dispatchReports.periodKey));
}

export async function reportFor(db: Database, assignmentId: number, periodKey: string, kind: 'report' | 'summary') {
  const [r] = await db
    .select()
    .from(dispatchReports)
    .where(
      and(
        eq(dispatchReports.assignmentId, assignmentId),
        eq(dispatchReports.periodKey, periodKey),
        eq(dispatchReports.kind, kind),
      ),
    );
  return r ?? null;
}

/** Main leaders (主要领导) of units on `day`, with their Feishu ids. */
export async function mainLeadersOf(db: Database, unitIds: number[], day: string) {
  if (unitIds.length === 0) return [];
  return db
    .select({ unitId: leadershipPositions.unitId, personId: people.id, openId: people.openId, name: people.name })
    .from(leadershipPositions)
    .innerJoin(people, eq(people.id, leadershipPositions.personId))
    .where(
      and(
        inArray(leadershipPositions.unitId, unitIds),
        eq(leadershipPositions.role, 'main'),
        sql`${leadershipPositions.startDate} <= ${day}::date and (${leadershipPositions.endDate} is null or ${leadershipPositions.endDate} > ${day}::date)`,
        eq(people.active, true),
      ),
    );
}

export async function peopleNames(db: Database, ids: number[]) {
  if (ids.length === 0) return new Map<number, { name: string; openId: string | null; unitName: string }>();
  const rows = await db
    .select({ id: people.id, name: people.name, openId: people.openId, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(inArray(people.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Batch counts by kind and status (the 选派 view and the report), for one county. */
export async function batchCounts(db: Database, countyId: number, day: string) {
  return rowsOf<{
    batch_id: number;
    kind: string;
    name: string;
    start_date: string;
    end_date: string;
    cadence: ReportCadence;
    total: number;
    on_post: number;
    completed: number;
    recalled: number;
    extended: number;
    months: number | null;
    places: string | null;
  }>(
    await db.execute(sql`
    select b.id as batch_id, b.kind, b.name, to_char(b.start_date, 'YYYY-MM-DD') as start_date,
           to_char(b.end_date, 'YYYY-MM-DD') as end_date, b.cadence,
           count(a.id)::int as total,
           count(a.id) filter (where a.status in ('on_post', 'extended') and a.start_date <= ${day}::date)::int as on_post,
           count(a.id) filter (where a.status = 'completed')::int as completed,
           count(a.id) filter (where a.status = 'recalled')::int as recalled,
           count(a.id) filter (where a.status = 'extended')::int as extended,
           round(avg((coalesce(a.ended_on, a.planned_end) - a.start_date + 1) / 30.4))::int as months,
           string_agg(distinct a.dest_place, '、') as places
      from dispatch_batches b left join dispatch_assignments a on a.batch_id = b.id
     where b.county_id = ${countyId}
     group by b.id order by b.kind, b.start_date, b.id`),
  );
}

/** Active assignments ending within `days` of `day`. */
export async function endingSoon(db: Database, countyId: number, day: string, days: number) {
  return db
    .select({
      id: dispatchAssignments.id,
      name: people.name,
      batchName: dispatchBatches.name,
      kind: dispatchBatches.kind,
      plannedEnd: dispatchAssignments.plannedEnd,
    })
    .from(dispatchAssignments)
    .innerJoin(dispatchBatches, eq(dispatchBatches.id, dispatchAssignments.batchId))
    .innerJoin(people, eq(people.id, dispatchAssignments.personId))
    .where(
      and(
        eq(dispatchBatches.countyId, countyId),
        sql`${dispatchAssignments.status} in ('on_post', 'extended')`,
        sql`${dispatchAssignments.plannedEnd} between ${day}::date and ${addDays(day, days)}::date`,
      ),
    )
    .orderBy(asc(dispatchAssignments.plannedEnd))
    .limit(50);
}

/** The assignment ledger (台账) of a county: everyone ever dispatched. */
export async function ledger(db: Database, countyId: number) {
  const home = sql<string>`(select u.name from units u where u.id = ${dispatchAssignments.homeUnitId})`;
  return db
    .select({
      id: dispatchAssignments.id,
      name: people.name,
      homeUnit: home,
      kind: dispatchBatches.kind,
      batchName: dispatchBatches.name,
      destUnitName: units.name,
      destPlace: dispatchAssignments.destPlace,
      hostUnitName: dispatchAssignments.hostUnitName,
      startDate: dispatchAssignments.startDate,
      plannedEnd: dispatchAssignments.plannedEnd,
      endedOn: dispatchAssignments.endedOn,
      status: dispatchAssignments.status,
      grade: dispatchEvaluations.grade,
    })
    .from(dispatchAssignments)
    .innerJoin(dispatchBatches, eq(dispatchBatches.id, dispatchAssignments.batchId))
    .innerJoin(people, eq(people.id, dispatchAssignments.personId))
    .leftJoin(units, eq(units.id, dispatchAssignments.destUnitId))
    .leftJoin(dispatchEvaluations, eq(dispatchEvaluations.assignmentId, dispatchAssignments.id))
    .where(eq(dispatchBatches.countyId, countyId))
    .orderBy(asc(dispatchBatches.kind), asc(dispatchBatches.startDate), asc(dispatchAssignments.id));
}

export async function batchesOf(db: Database, countyId: number) {
  return db
    .select()
    .from(dispatchBatches)
    .where(eq(dispatchBatches.countyId, countyId))
    .orderBy(asc(dispatchBatches.kind), asc(dispatchBatches.startDate));
}

/**
 * Recent reports a non-admin may read: as host contact of the assignment, or as main leader (on `day`)
 * of the cadre's home unit. Newest first.
 */
export async function readableReports(db: Database, personId: number, day: string, limit = 20) {
  return rowsOf<{
    assignment_id: number;
    period_key: string;
    kind: 'report' | 'summary';
    name: string;
    submitted_on: string;
  }>(
    await db.execute(sql`
    select r.assignment_id, r.period_key, r.kind, p.name, to_char(r.submitted_on, 'YYYY-MM-DD') as submitted_on
      from dispatch_reports r join dispatch_assignments a on a.id = r.assignment_id join people p on p.id = a.person_id
     where a.person_id <> ${personId}
       and (a.host_contact_person_id = ${personId}
            or exists (select 1 from leadership_positions lp where lp.person_id = ${personId} and lp.role = 'main'
                        and lp.unit_id = a.home_unit_id and lp.start_date <= ${day}::date
                        and (lp.end_date is null or lp.end_date > ${day}::date)))
     order by r.submitted_on desc, r.id desc limit ${limit}`),
  );
}

export interface AwayRow {
  personId: number;
  kind: string;
  destUnitName: string | null;
  destPlace: string | null;
  hostUnitName: string | null;
  plannedEnd: string;
}

/** Who among `personIds` is away on an active dispatch on `day` (one row each; set-based, chunked). */
export async function awayOn(db: Database, personIds: number[], day: string): Promise<Map<number, AwayRow>> {
  const out = new Map<number, AwayRow>();
  const unique = [...new Set(personIds)];
  for (let i = 0; i < unique.length; i += 5000) {
    const rows = await db
      .select({
        personId: dispatchAssignments.personId,
        kind: dispatchBatches.kind,
        destUnitName: units.name,
        destPlace: dispatchAssignments.destPlace,
        hostUnitName: dispatchAssignments.hostUnitName,
        plannedEnd: dispatchAssignments.plannedEnd,
      })
      .from(dispatchAssignments)
      .innerJoin(dispatchBatches, eq(dispatchBatches.id, dispatchAssignments.batchId))
      .leftJoin(units, eq(units.id, dispatchAssignments.destUnitId))
      .where(
        and(
          inArray(dispatchAssignments.personId, unique.slice(i, i + 5000)),
          sql`${dispatchAssignments.status} in ('on_post', 'extended')`,
          sql`${dispatchAssignments.startDate} <= ${day}::date and coalesce(${dispatchAssignments.endedOn}, ${dispatchAssignments.plannedEnd}) >= ${day}::date`,
        ),
      )
      .orderBy(asc(dispatchAssignments.startDate));
    for (const r of rows) if (!out.has(r.personId)) out.set(r.personId, r);
  }
  return out;
}
