/**
 * Overdue problem clues: each workday the owner of every overdue step gets one consolidated reminder, and clues
 * overdue for ESCALATE_AFTER_WORKDAYS go to the county's org_admin as well. Once per person per kind per day
 * (clue_sends), across instances and restarts.
 */
import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { clueSends } from '../../db/schema/clues.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';
import type { Job } from '../../jobs/job.js';
import { localDate } from '../../time.js';
import { orgAdminsOf } from '../org/org.admins.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { escalationCard, type OverdueItem, overdueCard } from './clues.cards.js';
import { allOpenClues } from './clues.queries.js';
import { lateness, STEP_OWNER } from './clues.rules.js';
import type { OpenStep } from './clues.vocab.js';

/** Writes the send row and the message in one transaction; false (nothing sent) when already sent today. */
export async function sendOnce(
  db: Database,
  at: Date,
  key: { recipient: string; kind: 'overdue' | 'escalation'; localDate: string; itemCount: number },
  message: OutboundMessage,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(clueSends)
      .values({ ...key, sentAt: at })
      .onConflictDoNothing()
      .returning({ id: clueSends.id });
    if (inserted.length === 0) return false;
    await enqueue(tx, message);
    return true;
  });
}

export async function runClueReminders(deps: Pick<Deps, 'db' | 'clock' | 'config' | 'outboxWake'>, firedAt: Date) {
  const today = localDate(firedAt, deps.config.timezone);
  const cal = await loadCalendar(deps.db);
  if (!cal.isWorkday(today)) return { skipped: 'not_workday', reminded: 0, escalated: 0 };
  const open = await allOpenClues(deps.db);
  const late = open.map((c) => ({ ...c, state: lateness(cal, c.dueOn, today) })).filter((c) => c.state !== 'on_time');
  if (late.length === 0) return { reminded: 0, escalated: 0 };
  const names = new Map(
    (
      await deps.db
        .select({ id: people.id, name: people.name, openId: people.openId })
        .from(people)
        .where(
          inArray(people.id, [...new Set(late.flatMap((c) => [c.cadrePersonId, c.leaderPersonId ?? c.cadrePersonId]))]),
        )
    ).map((p) => [p.id, p]),
  );
  const owners = new Map<string, { openId: string; items: OverdueItem[] }>();
  const escalations = new Map<number, (OverdueItem & { ownerName: string })[]>();
  const admins = new Map<number, Awaited<ReturnType<typeof orgAdminsOf>>>();
  for (const c of late) {
    const item: OverdueItem = {
      id: c.id,
      step: c.step,
      dueOn: c.dueOn!,
      cadreName: names.get(c.cadrePersonId)?.name ?? '',
    };
    const owner = STEP_OWNER[c.step as OpenStep];
    if (!admins.has(c.countyId)) admins.set(c.countyId, await orgAdminsOf(deps.db, c.countyId));
    const recipients =
      owner === 'leader' && c.leaderPersonId
        ? [{ personId: c.leaderPersonId, openId: names.get(c.leaderPersonId)?.openId ?? null }]
        : admins.get(c.countyId)!.map((a) => ({ personId: a.personId, openId: a.openId }));
    for (const r of recipients) {
      if (!r.openId) continue;
      const o = owners.get(`person:${r.personId}`) ?? { openId: r.openId, items: [] };
      o.items.push(item);
      owners.set(`person:${r.personId}`, o);
    }
    if (c.state === 'escalate' && owner === 'leader') {
      const ownerName = c.leaderPersonId ? (names.get(c.leaderPersonId)?.name ?? '') : '';
      escalations.set(c.countyId, [...(escalations.get(c.countyId) ?? []), { ...item, ownerName }]);
    }
  }
  let reminded = 0;
  let escalated = 0;
  const at = deps.clock.now();
  for (const [recipient, o] of owners) {
    const sent = await sendOnce(
      deps.db,
      at,
      { recipient, kind: 'overdue', localDate: today, itemCount: o.items.length },
      { kind: 'send', to: { openId: o.openId }, card: overdueCard(o.items) },
    );
    if (sent) reminded++;
  }
  for (const [countyId, items] of escalations) {
    for (const a of admins.get(countyId) ?? []) {
      const sent = await sendOnce(
        deps.db,
        at,
        { recipient: `person:${a.personId}`, kind: 'escalation', localDate: today, itemCount: items.length },
        { kind: 'send', to: { openId: a.openId }, card: escalationCard(items) },
      );
      if (sent) escalated++;
    }
  }
  deps.outboxWake();
  return { reminded, escalated };
}

export function clueJobs(deps: Deps): Job[] {
  return [
    {
      name: 'clues.reminders',
      cron: `10 ${deps.config.reminders.hour} * * *`,
      description: '问题线索超期提醒：工作日提醒各环节超期线索的责任人，超期满 3 个工作日报组织部门督办',
      run: (firedAt) => runClueReminders(deps, firedAt),
    },
  ];
}
