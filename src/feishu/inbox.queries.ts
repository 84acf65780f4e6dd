import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { inboxEvents } from '../db/schema/transport.js';
import type { InboundEvent } from './router.types.js';

export interface InboxRow {
  id: number;
  event: InboundEvent;
  orderKey: string;
  attempts: number;
}

export interface Lease {
  leasedBy: string;
  leaseUntil: Date;
}

/** Pending rows nobody holds a lease on, oldest first, leased to `lease` (FOR UPDATE SKIP LOCKED). */
export async function claimInbox(db: Database, now: Date, lease: Lease, limit: number): Promise<InboxRow[]> {
  const picked = db
    .select({ id: inboxEvents.id })
    .from(inboxEvents)
    .where(and(eq(inboxEvents.status, 'pending'), lte(inboxEvents.leaseUntil, now)))
    .orderBy(inboxEvents.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = db.$with('claimed').as(picked);
  const rows = await db
    .with(claimed)
    .update(inboxEvents)
    .set({ ...lease, attempts: sql`${inboxEvents.attempts} + 1` })
    .where(inArray(inboxEvents.id, db.select({ id: claimed.id }).from(claimed)))
    .returning({
      id: inboxEvents.id,
      payload: inboxEvents.payload,
      orderKey: inboxEvents.orderKey,
      attempts: inboxEvents.attempts,
    });
  return rows
    .map((r) => ({ id: r.id, event: r.payload as InboundEvent, orderKey: r.orderKey, attempts: r.attempts }))
    .sort((a, b) => a.id - b.id);
}

/** Keeps the rows this instance is still working on out of other instances' claims. */
export async function renewLeases(db: Database, ids: number[], lease: Lease): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(inboxEvents)
    .set({ leaseUntil: lease.leaseUntil })
    .where(
      and(inArray(inboxEvents.id, ids), eq(inboxEvents.leasedBy, lease.leasedBy), eq(inboxEvents.status, 'pending')),
    );
}

/**
 * Gives back rows this instance claimed but did not start (shutdown): claimable by any instance at once, and
 * the claim that never ran is not counted against the row's attempts.
 */
export async function releaseLeases(db: Database, ids: number[], instance: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const released = await db
    .update(inboxEvents)
    .set({ leasedBy: null, leaseUntil: now, attempts: sql`greatest(${inboxEvents.attempts} - 1, 0)` })
    .where(and(inArray(inboxEvents.id, ids), eq(inboxEvents.leasedBy, instance), eq(inboxEvents.status, 'pending')))
    .returning({ id: inboxEvents.id });
  return released.length;
}

export async function markInboxDone(db: Database, id: number, at: Date): Promise<void> {
  await db
    .update(inboxEvents)
    .set({ status: 'done', finishedAt: at, leasedBy: null, lastError: null })
    .where(eq(inboxEvents.id, id));
}

/** Processing threw (e.g. the database went away): try again after `retryAt`, or give up after the last attempt. */
export async function markInboxRetry(
  db: Database,
  row: { id: number; attempts: number },
  retryAt: Date,
  error: string,
  maxAttempts: number,
): Promise<void> {
  const failed = row.attempts >= maxAttempts;
  await db
    .update(inboxEvents)
    .set({
      status: failed ? 'failed' : 'pending',
      leasedBy: null,
      leaseUntil: retryAt,
      finishedAt: failed ? retryAt : null,
      lastError: error.slice(0, 2000),
    })
    .where(eq(inboxEvents.id, row.id));
}

/** Rows claimed too often without finishing (an event that kills the process every time) stop being claimed. */
export async function failExhausted(db: Database, now: Date, maxAttempts: number): Promise<number> {
  const rows = await db
    .update(inboxEvents)
    .set({ status: 'failed', finishedAt: now, leasedBy: null, lastError: 'gave up: claimed too often' })
    .where(
      and(
        eq(inboxEvents.status, 'pending'),
        lte(inboxEvents.leaseUntil, now),
        sql`${inboxEvents.attempts} >= ${maxAttempts}`,
      ),
    )
    .returning({ id: inboxEvents.id });
  return rows.length;
}

/** Finished rows older than `before` (pruned with the dedup keys). */
export async function pruneInbox(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(inboxEvents)
    .where(and(sql`${inboxEvents.status} <> 'pending'`, lte(inboxEvents.finishedAt, before)))
    .returning({ id: inboxEvents.id });
  return rows.length;
}
