/** The reminders ledger: a reminder goes out only if its (recipient, kind, local date) row could be written. */
import { and, eq, gt, gte, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, roleGrants, units } from '../../db/schema/org.js';
import { reminderLedger } from '../../db/schema/talks.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';

export interface LedgerKey {
  recipient: string;
  kind: 'due' | 'overdue' | 'escalation' | 'digest' | 'calendar';
  localDate: string;
  periodKeys?: string[];
  itemCount?: number;
}

/**
 * Writes the ledger row and the message in one transaction. Returns false (and sends nothing) when the
 * recipient already got this kind of reminder today — from this instance, another one, or before a restart.
 */
export async function sendOnce(db: Database, at: Date, key: LedgerKey, message: OutboundMessage): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reminderLedger)
      .values({ ...key, periodKeys: key.periodKeys ?? [], itemCount: key.itemCount ?? 0, sentAt: at })
      .onConflictDoNothing()
      .returning({ id: reminderLedger.id });
    if (inserted.length === 0) return false;
    await enqueue(tx, message);
    return true;
  });
}

/** Period keys already sent to `recipient` with `kind` since `since` (inclusive). */
export async function sentPeriodKeys(db: Database, recipient: string, kind: LedgerKey['kind'], since: string) {
  const rows = await db
    .select({ keys: reminderLedger.periodKeys })
    .from(reminderLedger)
    .where(
      and(eq(reminderLedger.recipient, recipient), eq(reminderLedger.kind, kind), gte(reminderLedger.localDate, since)),
    );
  return new Set(rows.flatMap((r) => r.keys));
}

/** Whether `kind` went to `recipient` on a day after `after`. */
export async function sentSince(db: Database, recipient: string, kind: LedgerKey['kind'], after: string) {
  const rows = await db
    .select({ id: reminderLedger.id })
    .from(reminderLedger)
    .where(
      and(eq(reminderLedger.recipient, recipient), eq(reminderLedger.kind, kind), gt(reminderLedger.localDate, after)),
    )
    .limit(1);
  return rows.length > 0;
}

export interface AdminRecipient {
  personId: number;
  openId: string;
  /** The county an org_admin grant is limited to; null = the whole deployment. */
  countyId: number | null;
}

/** org_admin people reachable in Feishu. */
export async function orgAdmins(db: Database): Promise<AdminRecipient[]> {
  const rows = await db
    .select({ personId: people.id, openId: people.openId, countyId: units.countyId })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      and(
        eq(roleGrants.role, 'org_admin'),
        isNull(roleGrants.revokedAt),
        eq(people.active, true),
        isNotNull(people.openId),
      ),
    );
  const seen = new Map<string, AdminRecipient>();
  for (const r of rows) {
    const prev = seen.get(`${r.personId}`);
    // A deployment-wide grant wins over a county-limited one.
    if (!prev || r.countyId === null)
      seen.set(`${r.personId}`, { personId: r.personId, openId: r.openId!, countyId: r.countyId });
  }
  return [...seen.values()];
}
