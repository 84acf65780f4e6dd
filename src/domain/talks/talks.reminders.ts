/** The daily talk reminders: due cards, overdue cards, escalation to org_admin, the December calendar check. */
import type { Deps } from '../../deps.js';
import { addDays, localDate } from '../../time.js';
import { orgAdmins } from '../org/org.admins.js';
import type { WorkCalendar } from './talks.calendar.js';
import { loadCalendar } from './talks.calendar.queries.js';
import { loadSpecContext } from './talks.context.js';
import { sendEscalations } from './talks.escalation.js';
import { type LedgerSend, sendOnce, sendOnceEach, sentSince } from './talks.ledger.js';
import { type ObligationRow, obligationStates } from './talks.obligations.js';
import { peopleByIds } from './talks.queries.js';
import { calendarWarningCard, dueReminderCard, overdueReminderCard } from './talks.reminder.cards.js';
import { currentSpecs, inReminderWindow, overdueSteps, type PeriodSpec, previousSpecs } from './talks.rules.js';
import { type TodoItem, toItems, withNotes } from './talks.todo.js';

export type ReminderDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'log' | 'outboxWake'>;

export interface ReminderResult {
  date: string;
  skipped?: string;
  due: number;
  overdue: number;
  escalations: number;
  calendarWarnings: number;
  /** Leaders with reminders who have no Feishu account bound. */
  unreachable: number;
}

function byLeader(rows: ObligationRow[]): Map<number, ObligationRow[]> {
  const m = new Map<number, ObligationRow[]>();
  for (const r of rows) m.set(r.leaderId, [...(m.get(r.leaderId) ?? []), r]);
  return m;
}

/** Leaders per transaction of the reminders job: one ledger INSERT and one outbox INSERT per batch. */
export const REMINDER_BATCH = 500;

/**
 * One consolidated card per leader: `kind` due or overdue. Set-based per batch of leaders: the cadres' notes
 * in one query, then the ledger rows and the cards in one transaction (sendOnceEach). Returns [sent, unreachable].
 */
async function sendLeaderCards(
  deps: ReminderDeps,
  today: string,
  kind: 'due' | 'overdue',
  rows: ObligationRow[],
  batchSize = REMINDER_BATCH,
): Promise<[number, number]> {
  const groups = byLeader(rows);
  const names = await peopleByIds(deps.db, [...groups.keys(), ...rows.map((r) => r.cadreId)]);
  const reachable = [...groups.keys()].filter((id) => names.get(id)?.openId);
  let sent = 0;
  for (let i = 0; i < reachable.length; i += batchSize) {
    const leaders = reachable.slice(i, i + batchSize);
    // The other capabilities' notes (在外选派 …), as on the 待办 card: one lookup for the whole batch.
    const items = await withNotes(
      deps,
      leaders.flatMap((id) => toItems(groups.get(id)!, names, today)),
      today,
    );
    const itemsOf = new Map<number, TodoItem[]>();
    for (const it of items) itemsOf.set(it.leaderId, [...(itemsOf.get(it.leaderId) ?? []), it]);
    const urgent = deps.config.reminders.urgent;
    const sends: LedgerSend[] = leaders.map((leaderId) => {
      const leader = names.get(leaderId)!;
      const list = itemsOf.get(leaderId) ?? [];
      const c = kind === 'due' ? dueReminderCard(leader.name, list) : overdueReminderCard(leader.name, list);
      const periodKeys = [...new Set(groups.get(leaderId)!.map((r) => `${r.relation}:${r.periodKey}`))];
      return {
        key: { recipient: `person:${leaderId}`, kind, localDate: today, periodKeys, itemCount: list.length },
        // Overdue cards go out as 应用内加急 when URGENT_OVERDUE=on; due reminders never do.
        messages: [{ kind: 'send', to: { openId: leader.openId! }, card: c, urgent: urgent && kind === 'overdue' }],
      };
    });
    sent += (await sendOnceEach(deps.db, deps.clock.now(), sends)).size;
  }
  return [sent, groups.size - reachable.length];
}

/** In December, org_admin is warned (at most weekly) when next year's official schedule is unknown. */
async function calendarCheck(deps: ReminderDeps, today: string, calendar: WorkCalendar): Promise<number> {
  const year = Number(today.slice(0, 4));
  if (today.slice(5, 7) !== '12' || calendar.knowsYear(year + 1)) return 0;
  let sent = 0;
  for (const admin of await orgAdmins(deps.db)) {
    const recipient = `person:${admin.personId}`;
    if (await sentSince(deps.db, recipient, 'calendar', addDays(today, -7))) continue;
    const key = { recipient, kind: 'calendar' as const, localDate: today, periodKeys: [String(year + 1)] };
    if (
      await sendOnce(deps.db, deps.clock.now(), key, {
        kind: 'send',
        to: { openId: admin.openId },
        card: calendarWarningCard(year + 1),
      })
    )
      sent++;
  }
  return sent;
}

/** Everything the daily job does for the local day of `firedAt`; a non-workday sends nothing. */
export async function runDailyReminders(
  deps: ReminderDeps,
  firedAt: Date,
  opts: { batchSize?: number } = {},
): Promise<ReminderResult> {
  const today = localDate(firedAt, deps.config.timezone);
  const result: ReminderResult = {
    date: today,
    due: 0,
    overdue: 0,
    escalations: 0,
    calendarWarnings: 0,
    unreachable: 0,
  };
  const calendar = await loadCalendar(deps.db);
  result.calendarWarnings = await calendarCheck(deps, today, calendar);
  if (!calendar.isWorkday(today)) {
    if (result.calendarWarnings) deps.outboxWake();
    return { ...result, skipped: '非工作日' };
  }
  const { escalateAfterWorkdays } = deps.config.reminders;
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  const dueSpecs = currentSpecs(cadences, today, maxAge, grace).filter((s) => inReminderWindow(s, today));
  const steps = previousSpecs(cadences, today, maxAge, grace).map((s) => ({
    s,
    ...overdueSteps(calendar.workdaysAfter(s.period.end, today), escalateAfterWorkdays),
  }));
  const pick = (f: (x: (typeof steps)[number]) => boolean): PeriodSpec[] => steps.filter(f).map((x) => x.s);
  // The running periods in their window and the last finished ones in ONE obligations query (one pass over
  // the deployment's org and talks); a row belongs to the spec of its (relation, period).
  const overdueSpecs = pick((x) => x.leader || x.admin);
  const dueKeys = new Set(dueSpecs.map((s) => `${s.relation}:${s.period.key}`));
  const all = await obligationStates(deps.db, [...dueSpecs, ...overdueSpecs], today);
  const isDue = (r: ObligationRow) => dueKeys.has(`${r.relation}:${r.periodKey}`);
  const due = all.filter((r) => isDue(r) && r.state === 'open');
  const overdue = all.filter((r) => !isDue(r) && r.state === 'overdue');
  const leaderKeys = new Set(pick((x) => x.leader).map((s) => `${s.relation}:${s.period.key}`));
  const adminKeys = new Set(pick((x) => x.admin).map((s) => `${s.relation}:${s.period.key}`));
  const key = (r: ObligationRow) => `${r.relation}:${r.periodKey}`;
  [result.due, result.unreachable] = await sendLeaderCards(deps, today, 'due', due, opts.batchSize);
  const [overdueSent, unreachable2] = await sendLeaderCards(
    deps,
    today,
    'overdue',
    overdue.filter((r) => leaderKeys.has(key(r))),
    opts.batchSize,
  );
  result.overdue = overdueSent;
  result.unreachable += unreachable2;
  result.escalations = await sendEscalations(
    deps,
    today,
    overdue.filter((r) => adminKeys.has(key(r))),
  );
  deps.outboxWake();
  deps.log.info(result, 'talk reminders done');
  return result;
}
