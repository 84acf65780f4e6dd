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

export interface LedgerSend {
  key: LedgerKey;
  messages: OutboundMessage[];
}

const ledgerKeyOf = (k: { recipient: string; kind: string; localDate: string }) =>
  `${k.recipient}|${k.kind}|${k.localDate}`;

/**
 * sendOnce for many recipients in ONE transaction with two statements: all ledger rows in one INSERT … ON
 * CONFLICT DO NOTHING (sorted, so two instances running the same batch lock rows in the same order), then the
 * messages of the rows actually written in one outbox INSERT. A recipient already served today (by this or
 * another instance) gets nothing; a key repeated in the batch counts once. Returns the keys written.
 */
export async function sendOnceEach(db: Database, at: Date, sends: LedgerSend[]): Promise<Set<string>> {
  const unique = new Map<string, LedgerSend>();
  for (const s of sends) if (!unique.has(ledgerKeyOf(s.key))) unique.set(ledgerKeyOf(s.key), s);
  if (unique.size === 0) return new Set();
  const ordered = [...unique.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reminderLedger)
      .values(
        ordered.map(({ key }) => ({
          ...key,
          periodKeys: key.periodKeys ?? [],
          itemCount: key.itemCount ?? 0,
          sentAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({
        recipient: reminderLedger.recipient,
        kind: reminderLedger.kind,
        localDate: reminderLedger.localDate,
      });
    const written = new Set(inserted.map(ledgerKeyOf));
    await enqueue(tx, ...ordered.filter((s) => written.has(ledgerKeyOf(s.key))).flatMap((s) => s.messages));
    return written;
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
