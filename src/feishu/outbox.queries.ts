import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { outbox } from '../db/schema/transport.js';
import type { OutboxRow } from './outbox.send.js';

export interface ClaimOptions {
  now: Date;
  /** Claimed rows are hidden from other workers until then; a crashed worker's rows come back after it. */
  leaseUntil: Date;
  limit: number;
  /** At most this many rows per receiver in one batch, so one busy receiver cannot hold up the others. */
  perTarget: number;
}

/** Rows a worker may send now: pending and due. New rows are always due, whatever the (test) clock says. */
function due(now: Date) {
  return and(eq(outbox.status, 'pending'), or(eq(outbox.attempts, 0), lte(outbox.nextAttemptAt, now)));
}

const rateKeySql = (t: string) => sql.raw(`coalesce(${t}.receiver, ${t}.target)`);

/**
 * Not behind an earlier row of the same receiver that waits (backed off after a 429/5xx, or leased by a worker
 * sending now): a receiver's messages go in the order they were written, across batches and workers.
 */
function notBehindWaiting(now: Date) {
  return sql`not exists (select 1 from outbox w where w.status = 'pending' and w.next_attempt_at > ${now.toISOString()}::timestamptz
    and w.attempts > 0 and w.id < ${outbox.id} and ${rateKeySql('w')} = ${rateKeySql('outbox')})`;
}

/**
 * Claims due rows in one statement: locks them with FOR UPDATE SKIP LOCKED (rows another worker is
 * claiming are skipped), pushes next_attempt_at to the lease and counts the attempt. The attempt
 * count then fences the claim: only the claimant's later update matches it.
 */
export async function claimDue(db: Database, opts: ClaimOptions): Promise<OutboxRow[]> {
  const window = db
    .select({ id: outbox.id, key: sql<string>`coalesce(${outbox.receiver}, ${outbox.target})`.as('key') })
    .from(outbox)
    .where(and(due(opts.now), notBehindWaiting(opts.now)))
    .orderBy(outbox.id)
    .limit(opts.limit * 20)
    .as('window');
  const ranked = db
    .select({
      id: window.id,
      rank: sql<number>`row_number() over (partition by ${window.key} order by ${window.id})`.as('rank'),
    })
    .from(window)
    .as('ranked');
  const fair = db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, opts.perTarget));
  const picked = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(due(opts.now), inArray(outbox.id, fair)))
    .orderBy(outbox.id)
    .limit(opts.limit)
    .for('update', { skipLocked: true });
  const claimed = db.$with('claimed').as(picked);
  const rows = await db
    .with(claimed)
    .update(outbox)
    .set({ nextAttemptAt: opts.leaseUntil, attempts: sql`${outbox.attempts} + 1` })
    .where(inArray(outbox.id, db.select({ id: claimed.id }).from(claimed)))
    .returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** The claimant's own row, still pending (a worker whose lease ran out and was re-claimed matches nothing). */
function mine(row: OutboxRow) {
  return and(eq(outbox.id, row.id), eq(outbox.attempts, row.attempts), eq(outbox.status, 'pending'));
}

export async function markSent(db: Database, row: OutboxRow, messageId: string | null, at: Date): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set({ status: 'sent', sentAt: at, messageId, lastError: null })
    .where(mine(row))
    .returning({ id: outbox.id });
  return done.length > 0;
}

/** A note on a row already sent (e.g. its urgent call was refused). */
export async function noteSent(db: Database, row: OutboxRow, note: string): Promise<void> {
  await db
    .update(outbox)
    .set({ lastError: note.slice(0, 2000) })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sent')));
}

export async function markFailed(db: Database, row: OutboxRow, reason: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'failed', lastError: reason.slice(0, 2000) })
    .where(mine(row));
}

export async function reschedule(db: Database, row: OutboxRow, at: Date, reason: string): Promise<void> {
  await db
    .update(outbox)
    .set({ nextAttemptAt: at, lastError: reason.slice(0, 2000) })
    .where(mine(row));
}
