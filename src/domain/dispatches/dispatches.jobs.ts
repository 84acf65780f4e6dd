/**
 * 选派工作报告 reminders (daily, workdays only): due → overdue (daily at most) → escalation to the home-unit
 * leader and org_admin; org_admin's missing-reports card per batch; end-of-term 总结 and evaluation requests.
 * Every send goes through the dispatch send ledger: once per recipient, kind and day, across instances.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { dispatchAssignments, dispatchBatches } from '../../db/schema/dispatches.js';
import type { Deps } from '../../deps.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';
import type { Job } from '../../jobs/job.js';
import { localDate } from '../../time.js';
import { leadersChatId } from '../chats/chats.queries.js';
import { orgAdminsOf } from '../org/org.admins.js';
import type { WorkCalendar } from '../talks/talks.calendar.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import {
  escalationCard,
  evaluationFormCard,
  type MissingRow,
  missingReportsCard,
  monthlyDigestCard,
  reportFormCard,
} from './dispatches.cards.js';
import { sendOnce } from './dispatches.ledger.js';
import {
  assignmentView,
  mainLeadersOf,
  peopleNames,
  type ReportStatusRow,
  reportStatus,
} from './dispatches.queries.js';
import { monthlyDigest, monthStart, type ReminderStep, reminderStep, termNoticeDue } from './dispatches.rules.js';

export interface ReminderRun {
  workday: boolean;
  due: number;
  overdue: number;
  escalations: number;
  missingCards: number;
  termNotices: number;
}

export interface ClassifiedRow extends ReportStatusRow {
  step: ReminderStep;
  workdaysLate: number;
}

/** The status rows with their reminder step on `day` (missing reports only). */
export function classify(rows: ReportStatusRow[], day: string, cal: WorkCalendar): ClassifiedRow[] {
  return rows
    .filter((r) => !r.submitted)
    .map((r) => {
      const left = r.due >= day ? cal.workdaysAfter(day, r.due) : 0;
      const late = r.due < day ? cal.workdaysAfter(r.due, day) : 0;
      return { ...r, step: reminderStep(day, r.due, left, late), workdaysLate: late };
    })
    .filter((r) => r.step !== 'none');
}

async function reportMessage(deps: Deps, r: ClassifiedRow, openId: string): Promise<OutboundMessage | null> {
  const a = await assignmentView(deps.db, r.assignmentId);
  if (!a) return null;
  const reminder = r.step === 'due' ? 'due' : 'overdue';
  return {
    kind: 'send',
    to: { openId },
    card: reportFormCard(a, r.periodKey, 'report', { due: r.due, reminder }),
    ref: `dispatch:${r.assignmentId}:${r.periodKey}`,
  };
}

/** Sends the cadres their report cards for `rows` (one send per cadre and day). */
export async function remindCadres(deps: Deps, rows: ClassifiedRow[], day: string) {
  const names = await peopleNames(
    deps.db,
    rows.map((r) => r.personId),
  );
  let due = 0;
  let overdue = 0;
  const byPerson = new Map<number, ClassifiedRow[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  for (const [personId, mine] of byPerson) {
    const openId = names.get(personId)?.openId;
    if (!openId) continue;
    const messages = (await Promise.all(mine.map((r) => reportMessage(deps, r, openId)))).filter(
      (m): m is OutboundMessage => m !== null,
    );
    const kind = mine.some((r) => r.step !== 'due') ? 'overdue' : 'due';
    const sent = await sendOnce(
      deps.db,
      deps.clock.now(),
      { recipient: openId, kind, localDate: day, subjectKeys: mine.map((r) => `${r.assignmentId}:${r.periodKey}`) },
      ...messages,
    );
    if (sent) kind === 'due' ? due++ : overdue++;
  }
  return { due, overdue };
}

export async function runDispatchReminders(deps: Deps, firedAt: Date): Promise<ReminderRun> {
  const day = localDate(firedAt, deps.config.timezone);
  const cal = await loadCalendar(deps.db);
  const run: ReminderRun = {
    workday: cal.isWorkday(day),
    due: 0,
    overdue: 0,
    escalations: 0,
    missingCards: 0,
    termNotices: 0,
  };
  if (!run.workday) return run;
  const rows = classify(await reportStatus(deps.db, day), day, cal);
  const cadres = await remindCadres(deps, rows, day);
  run.due = cadres.due;
  run.overdue = cadres.overdue;

  // Escalation: the home-unit main leader and org_admin, once per recipient and day.
  const late = rows.filter((r) => r.step === 'escalate');
  const names = await peopleNames(
    deps.db,
    rows.map((r) => r.personId),
  );
  const batchRows = await deps.db.select().from(dispatchBatches);
  const batches = new Map(batchRows.map((b) => [b.id, b]));
  const missingRow = (r: ClassifiedRow) => ({
    name: names.get(r.personId)?.name ?? '',
    periodKey: r.periodKey,
    due: r.due,
    workdaysLate: r.workdaysLate,
    batch: batches.get(r.batchId)?.name ?? '',
  });
  const leaders = await mainLeadersOf(deps.db, [...new Set(late.map((r) => r.homeUnitId))], day);
  const forRecipient = new Map<string, (MissingRow & { batch: string })[]>();
  for (const r of late) {
    for (const l of leaders.filter((x) => x.unitId === r.homeUnitId && x.openId && x.personId !== r.personId))
      forRecipient.set(l.openId as string, [...(forRecipient.get(l.openId as string) ?? []), missingRow(r)]);
  }
  const counties = [...new Set(rows.map((r) => r.countyId))];
  const adminsByCounty = new Map<number, { openId: string }[]>();
  for (const c of counties) adminsByCounty.set(c, await orgAdminsOf(deps.db, c));
  for (const r of late)
    for (const adm of adminsByCounty.get(r.countyId) ?? [])
      forRecipient.set(adm.openId, [...(forRecipient.get(adm.openId) ?? []), missingRow(r)]);
  for (const [openId, list] of forRecipient) {
    const sent = await sendOnce(
      deps.db,
      deps.clock.now(),
      {
        recipient: openId,
        kind: 'escalation',
        localDate: day,
        subjectKeys: list.map((l) => `${l.name}:${l.periodKey}`),
      },
      { kind: 'send', to: { openId }, card: escalationCard(list) },
    );
    if (sent) run.escalations++;
  }

  // org_admin: one missing-reports card per batch with overdue reports (all cards in one ledger send).
  for (const c of counties) {
    const overdueRows = rows.filter((r) => r.countyId === c && r.step !== 'due');
    const byBatch = new Map<number, ClassifiedRow[]>();
    for (const r of overdueRows) byBatch.set(r.batchId, [...(byBatch.get(r.batchId) ?? []), r]);
    if (byBatch.size === 0) continue;
    for (const adm of adminsByCounty.get(c) ?? []) {
      const cards: OutboundMessage[] = [...byBatch].map(([batchId, list]) => {
        const b = batches.get(batchId)!;
        return {
          kind: 'send',
          to: { openId: adm.openId },
          card: missingReportsCard({ id: b.id, name: b.name, kind: b.kind }, list.map(missingRow)),
        };
      });
      if (
        await sendOnce(deps.db, deps.clock.now(), { recipient: adm.openId, kind: 'missing', localDate: day }, ...cards)
      )
        run.missingCards += cards.length;
    }
  }
  run.termNotices = await termNotices(deps, day);
  return run;
}

/** One month before the end: the cadre is asked for the 总结, the host contact for an evaluation — once. */
async function termNotices(deps: Deps, day: string): Promise<number> {
  const candidates = await deps.db
    .select({
      id: dispatchAssignments.id,
      plannedEnd: dispatchAssignments.plannedEnd,
      termNoticeOn: dispatchAssignments.termNoticeOn,
    })
    .from(dispatchAssignments)
    .where(
      and(
        sql`${dispatchAssignments.status} in ('on_post', 'extended')`,
        isNull(dispatchAssignments.termNoticeOn),
        sql`${dispatchAssignments.plannedEnd} between ${day}::date and (${day}::date + 30)`,
      ),
    );
  let n = 0;
  for (const c of candidates.filter((x) => termNoticeDue(x, day))) {
    const a = await assignmentView(deps.db, c.id);
    if (!a) continue;
    const host = a.hostContactPersonId
      ? (await peopleNames(deps.db, [a.hostContactPersonId])).get(a.hostContactPersonId)
      : null;
    const sent = await deps.db.transaction(async (tx) => {
      // Claimed by an update: a second instance finds term_notice_on set and sends nothing.
      const claimed = await tx
        .update(dispatchAssignments)
        .set({ termNoticeOn: day, updatedAt: deps.clock.now() })
        .where(and(eq(dispatchAssignments.id, c.id), isNull(dispatchAssignments.termNoticeOn)))
        .returning({ id: dispatchAssignments.id });
      if (claimed.length === 0) return false;
      const messages: OutboundMessage[] = [];
      if (a.openId)
        messages.push({
          kind: 'send',
          to: { openId: a.openId },
          card: reportFormCard(a, 'term', 'summary', { due: a.plannedEnd }),
        });
      if (host?.openId) messages.push({ kind: 'send', to: { openId: host.openId }, card: evaluationFormCard(a) });
      await enqueue(tx, ...messages);
      return true;
    });
    if (sent) n++;
  }
  return n;
}

const monthLabel = (first: string) => `${first.slice(0, 4)}年${Number(first.slice(5, 7))}月`;

/** One county's monthly digest outcome. */
export interface CountyDigestRun {
  countyId: number;
  county: string;
  sent: boolean;
  batches: number;
  skipped?: string;
}

/**
 * The leaders' group monthly dispatch digest (counts only): on the first workday the job runs in a month, one card
 * per county that has dispatch batches — reports of last month's periods in / missing by batch and assignments
 * ending this month and next, that county's batches only. The deployment has one leaders' group (`leadersChatId`,
 * as `reports.digest`), so each county's card goes there titled with the county. The ledger row
 * (`chat:<chat>:county:<id>`, 'digest', month's first day) makes each county's card once per month across days,
 * reruns and instances.
 */
export async function runDispatchDigest(deps: Deps, firedAt: Date) {
  const day = localDate(firedAt, deps.config.timezone);
  const cal = await loadCalendar(deps.db);
  if (!cal.isWorkday(day)) return { date: day, sent: false, skipped: '非工作日' };
  const chatId = await leadersChatId(deps.db);
  if (!chatId) return { date: day, sent: false, skipped: '未设置领导群' };
  const counties = rowsOf<{ id: number; name: string }>(
    await deps.db.execute(sql`select u.id, u.name from units u
     where u.kind = 'county' and exists (select 1 from dispatch_batches b where b.county_id = u.id)
     order by u.sort_order, u.id`),
  );
  if (counties.length === 0) return { date: day, sent: false, skipped: '没有选派批次' };
  const runs: CountyDigestRun[] = [];
  for (const c of counties) runs.push(await countyDigest(deps, day, chatId, Number(c.id), c.name));
  const sent = runs.some((r) => r.sent);
  const allSent = runs.every((r) => r.skipped === '本月已发送');
  return { date: day, sent, counties: runs, ...(allSent ? { skipped: '本月已发送' } : {}) };
}

async function countyDigest(
  deps: Deps,
  day: string,
  chatId: string,
  countyId: number,
  county: string,
): Promise<CountyDigestRun> {
  const ends = rowsOf<{ batch_id: number; planned_end: string }>(
    await deps.db.execute(sql`select a.batch_id, to_char(a.planned_end, 'YYYY-MM-DD') as planned_end
      from dispatch_assignments a join dispatch_batches b on b.id = a.batch_id
     where b.county_id = ${countyId} and a.status in ('on_post', 'extended')
       and a.planned_end >= ${monthStart(day)}::date and a.planned_end < ${monthStart(day, 2)}::date`),
  );
  const lines = monthlyDigest(
    day,
    await reportStatus(deps.db, day, countyId),
    ends.map((e) => ({ batchId: Number(e.batch_id), plannedEnd: e.planned_end })),
  );
  if (lines.length === 0) return { countyId, county, sent: false, batches: 0, skipped: '本月没有选派报告和期满' };
  const batches = new Map(
    (await deps.db.select().from(dispatchBatches).where(eq(dispatchBatches.countyId, countyId))).map((b) => [b.id, b]),
  );
  const card = monthlyDigestCard(
    monthLabel(monthStart(day)),
    monthLabel(monthStart(day, -1)),
    lines.map((l) => ({ ...l, batch: batches.get(l.batchId)?.name ?? '', kind: batches.get(l.batchId)?.kind ?? '' })),
    county,
  );
  const sent = await sendOnce(
    deps.db,
    deps.clock.now(),
    { recipient: `chat:${chatId}:county:${countyId}`, kind: 'digest', localDate: monthStart(day) },
    { kind: 'send', to: { chatId }, card },
  );
  return { countyId, county, sent, batches: lines.length, ...(sent ? {} : { skipped: '本月已发送' }) };
}

export function dispatchJobs(deps: Deps): Job[] {
  const hour = deps.config.reminders.hour;
  return [
    {
      name: 'dispatches.reminders',
      cron: `10 ${hour} * * *`,
      description:
        '选派工作报告提醒：工作日提醒本期未交报告的选派干部，逾期每日提醒并报派出单位主要领导和组织部门；期满前一个月请干部写总结、接收单位评价',
      run: async (firedAt) => {
        const r = await runDispatchReminders(deps, firedAt);
        deps.outboxWake();
        return r;
      },
    },
    {
      name: 'dispatches.digest',
      cron: `25 ${hour} * * *`,
      description:
        '选派墩苗月报：每月第一个工作日按县向领导群发送上月各批次选派工作报告应交/已交/未交和本月、下月期满人数（仅统计数字），每月一次',
      run: async (firedAt) => {
        const r = await runDispatchDigest(deps, firedAt);
        deps.outboxWake();
        return r;
      },
    },
  ];
}
