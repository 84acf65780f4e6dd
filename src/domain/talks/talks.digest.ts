/** The weekly talks digest for the leaders' group: overdue counts by unit, sent on the week's first workday. */
import type { Database } from '../../db/client.js';
import { addDays, localDate } from '../../time.js';
import { weekday } from './talks.calendar.js';
import { loadCalendar } from './talks.calendar.queries.js';
import { loadSpecContext } from './talks.context.js';
import { unitMap } from './talks.escalation.js';
import { sendOnce, sentSince } from './talks.ledger.js';
import { type DigestUnitLine, talksDigestCard } from './talks.reminder.cards.js';
import type { ReminderDeps } from './talks.reminders.js';
import { currentSpecs, previousSpecs } from './talks.rules.js';
import { coverage } from './talks.stats.js';

export type ChatResolver = (db: Database) => Promise<string | null>;

/** Unit lines of the digest: overdue of the finished periods, open/done of the running ones. */
export async function digestLines(deps: ReminderDeps, today: string): Promise<DigestUnitLine[]> {
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  const rows = await coverage(
    deps.db,
    [...previousSpecs(cadences, today, maxAge, grace), ...currentSpecs(cadences, today, maxAge, grace)],
    today,
  );
  const units = await unitMap(deps.db);
  const lines = new Map<number, DigestUnitLine>();
  for (const r of rows) {
    const l = lines.get(r.unitId) ?? { unitName: units.get(r.unitId)?.name ?? '', overdue: 0, open: 0, done: 0 };
    l.overdue += r.overdue;
    if (r.periodEnd >= today) {
      l.open += r.open;
      l.done += r.done;
    }
    lines.set(r.unitId, l);
  }
  return [...lines.values()];
}

export async function runWeeklyDigest(deps: ReminderDeps, firedAt: Date, leadersChat: ChatResolver) {
  const today = localDate(firedAt, deps.config.timezone);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const calendar = await loadCalendar(deps.db);
  if (!calendar.isWorkday(today)) return { date: today, sent: false, skipped: '非工作日' };
  const chatId = await leadersChat(deps.db);
  if (!chatId) return { date: today, sent: false, skipped: '未设置领导群' };
  const recipient = `chat:${chatId}`;
  if (await sentSince(deps.db, recipient, 'digest', addDays(monday, -1))) {
    return { date: today, sent: false, skipped: '本周已发送' };
  }
  const lines = await digestLines(deps, today);
  const card = talksDigestCard(monday, lines);
  const itemCount = lines.reduce((n, l) => n + l.overdue, 0);
  const sent = await sendOnce(
    deps.db,
    deps.clock.now(),
    { recipient, kind: 'digest', localDate: today, itemCount },
    { kind: 'send', to: { chatId }, card },
  );
  deps.outboxWake();
  return { date: today, sent, overdue: itemCount };
}
