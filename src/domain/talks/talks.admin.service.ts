/** org_admin settings of the talk capability: the holiday calendar and the cadences. */
import { and, eq, gt } from 'drizzle-orm';
import { today } from '../../clock.js';
import { stamps } from '../../db/schema/_columns.js';
import { type PeriodKind, TALK_RELATIONS, type TalkRelation, talkCadences } from '../../db/schema/talks.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { assertRole, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import type { CadenceLine, CalendarStatus } from './talks.admin.cards.js';
import { loadCalendar, replaceYearSchedule, yearOverrideRows } from './talks.calendar.queries.js';
import { cadenceChangeProblem, rulesFor } from './talks.periods.js';
import { loadCadences } from './talks.queries.js';
import { parseSchedule } from './talks.schedule.js';
import type { TalkDeps } from './talks.service.js';

export async function assertAdmin(deps: TalkDeps, actorId: number): Promise<void> {
  assertRole(await loadActor(deps.db, actorId, today(deps)), 'org_admin', '此操作仅限组织部门');
}

export async function calendarStatus(deps: TalkDeps, years: number[]): Promise<CalendarStatus[]> {
  const calendar = await loadCalendar(deps.db);
  return Promise.all(
    years.map(async (year) => ({
      year,
      source: calendar.source(year),
      loadedDays: (await yearOverrideRows(deps.db, year)).length,
      provisional: calendar.provisionalDays(year),
    })),
  );
}

/** Replaces a year's schedule with the parsed text; all-or-nothing. Returns the number of days loaded. */
export async function loadYearSchedule(
  deps: TalkDeps,
  actorId: number,
  year: number,
  text: string,
  eventId: string | null,
) {
  await assertAdmin(deps, actorId);
  const thisYear = Number(today(deps).slice(0, 4));
  if (!Number.isInteger(year) || year < thisYear - 1 || year > thisYear + 2)
    throw invalid(`年度须在 ${thisYear - 1}–${thisYear + 2} 之间`);
  const parsed = parseSchedule(text, year);
  if (!parsed.ok) {
    const more = parsed.errors.length > 3 ? `等 ${parsed.errors.length} 处错误` : '';
    throw invalid(`${parsed.errors.slice(0, 3).join('；')}${more}，未载入任何安排`);
  }
  const before = await loadCalendar(deps.db);
  const changed = before.changedPastDays(before.withYear(year, parsed.schedule), year, today(deps));
  if (changed.length > 0) {
    const shown = changed.slice(0, 3).join('、') + (changed.length > 3 ? ` 等 ${changed.length} 天` : '');
    throw invalid(`该安排会改变已经过去的日子（${shown}）是否为工作日，已结束的周期不能改写；未载入任何安排`);
  }
  return deps.db.transaction(async (tx) => {
    const n = await replaceYearSchedule(tx, year, parsed.schedule, actorId, deps.clock.now());
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'calendar.load',
      entity: 'calendar',
      entityId: year,
      eventId,
      detail: { days: n },
    });
    return n;
  });
}

export async function cadenceLines(deps: TalkDeps): Promise<{ current: CadenceLine[]; scheduled: CadenceLine[] }> {
  const day = today(deps);
  const cadences = await loadCadences(deps.db);
  const current = TALK_RELATIONS.map((relation) => {
    const rule = rulesFor(cadences, relation)
      .filter((r) => r.effectiveFrom <= day)
      .at(-1)!;
    return { id: null, relation, periodKind: rule.periodKind, effectiveFrom: rule.effectiveFrom, scheduled: false };
  });
  const rows = await deps.db.select().from(talkCadences).where(gt(talkCadences.effectiveFrom, day));
  const scheduled = rows
    .map((r) => ({
      id: r.id,
      relation: r.relation,
      periodKind: r.periodKind,
      effectiveFrom: r.effectiveFrom,
      scheduled: true,
    }))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return { current, scheduled };
}

export async function addCadence(
  deps: TalkDeps,
  actorId: number,
  c: { relation: TalkRelation; periodKind: PeriodKind; effectiveFrom: string },
  eventId: string | null,
) {
  await assertAdmin(deps, actorId);
  const problem = cadenceChangeProblem(c.effectiveFrom, today(deps));
  if (problem) throw invalid(problem);
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(talkCadences)
      .values({ ...c, createdByPersonId: actorId, ...stamps(deps.clock.now()) })
      .onConflictDoNothing()
      .returning({ id: talkCadences.id });
    if (rows.length === 0) throw conflict('该谈话关系在这一天已有调整，请先撤销');
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'cadence.add',
      entity: 'talk_cadence',
      entityId: rows[0].id,
      eventId,
      detail: c,
    });
  });
}

export async function removeCadence(deps: TalkDeps, actorId: number, id: number, eventId: string | null) {
  await assertAdmin(deps, actorId);
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(talkCadences)
      .where(and(eq(talkCadences.id, id), gt(talkCadences.effectiveFrom, today(deps))))
      .returning({ id: talkCadences.id });
    if (rows.length === 0) throw notFound('该调整已生效或不存在，不能撤销');
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'cadence.remove',
      entity: 'talk_cadence',
      entityId: id,
      eventId,
    });
  });
}
