/** The reminders ledger: a reminder goes out only if its (recipient, kind, local date) row could be written. */
import { and, eq, gt, gte } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { reminderLedger } from '../../db/schema/talks.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';

export interface LedgerKey {
  recipient: string;
  kind: 'due' | 'overdue' | 'escalation' | 'digest' | 'calendar' | 'monthly' | 'quarterly';
  localDate: string;
  periodKeys?: string[];
  itemCount?: number;
}

/**
 * Writes the ledger row and the message in one transaction. Returns false (and sends nothing) when the
 * recipient already got this kind of reminder today — from this instance, another one, or before a restart.
 */
export async function sendOnce(
  db: Database,
  at: Date,
  key: LedgerKey,
  ...messages: OutboundMessage[]
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reminderLedger)
      .values({ ...key, periodKeys: key.periodKeys ?? [], itemCount: key.itemCount ?? 0, sentAt: at })
      .onConflictDoNothing()
      .returning({ id: reminderLedger.id });
    if (inserted.length === 0) return false;
    await enqueue(tx, ...messages);
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
