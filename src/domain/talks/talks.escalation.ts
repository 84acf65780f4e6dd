/** Escalation of overdue talks to org_admin: one list per admin, once per period. */
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { orgAdmins } from '../org/org.admins.js';
import { sendOnce, sentPeriodKeys } from './talks.ledger.js';
import type { ObligationRow } from './talks.obligations.js';
import { earlierDate, keyLabel } from './talks.periods.js';
import { peopleByIds } from './talks.queries.js';
import { type EscalationLine, escalationCard } from './talks.reminder.cards.js';
import { RELATION_LABELS } from './talks.rules.js';

export interface UnitInfo {
  name: string;
  countyId: number | null;
}

export async function unitMap(db: Database): Promise<Map<number, UnitInfo>> {
  const rows = await db.select({ id: units.id, name: units.name, countyId: units.countyId }).from(units);
  return new Map(rows.map((r) => [r.id, { name: r.name, countyId: r.countyId }]));
}

/** Lines of (unit, leader, task) with their overdue counts, most first. */
export function escalationLines(
  rows: ObligationRow[],
  unitsById: Map<number, UnitInfo>,
  leaderNames: Map<number, string>,
): EscalationLine[] {
  const lines = new Map<string, EscalationLine>();
  for (const r of rows) {
    const k = `${r.unitId}|${r.leaderId}|${r.relation}|${r.periodKey}`;
    const line = lines.get(k) ?? {
      unitName: unitsById.get(r.unitId)?.name ?? '',
      leaderName: leaderNames.get(r.leaderId) ?? '',
      what: `${RELATION_LABELS[r.relation]} · ${keyLabel(r.periodKey)}`,
      count: 0,
    };
    line.count++;
    lines.set(k, line);
  }
  return [...lines.values()].sort((a, b) => b.count - a.count || a.unitName.localeCompare(b.unitName));
}

export async function sendEscalations(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  today: string,
  rows: ObligationRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const [admins, unitsById] = await Promise.all([orgAdmins(deps.db), unitMap(deps.db)]);
  const leaders = await peopleByIds(
    deps.db,
    rows.map((r) => r.leaderId),
  );
  const leaderNames = new Map([...leaders].map(([id, p]) => [id, p.name]));
  const since = rows.reduce((m, r) => earlierDate(m, r.periodEnd), today);
  let sent = 0;
  for (const admin of admins) {
    const recipient = `person:${admin.personId}`;
    const done = await sentPeriodKeys(deps.db, recipient, 'escalation', since);
    const mine = rows.filter(
      (r) =>
        !done.has(`${r.relation}:${r.periodKey}`) &&
        (admin.countyId === null || unitsById.get(r.unitId)?.countyId === admin.countyId),
    );
    if (mine.length === 0) continue;
    const periodKeys = [...new Set(mine.map((r) => `${r.relation}:${r.periodKey}`))];
    const card = escalationCard(
      escalationLines(mine, unitsById, leaderNames),
      deps.config.reminders.escalateAfterWorkdays,
    );
    const key = { recipient, kind: 'escalation' as const, localDate: today, periodKeys, itemCount: mine.length };
    const urgent = deps.config.reminders.urgent;
    if (await sendOnce(deps.db, deps.clock.now(), key, { kind: 'send', to: { openId: admin.openId }, card, urgent }))
      sent++;
  }
  return sent;
}
