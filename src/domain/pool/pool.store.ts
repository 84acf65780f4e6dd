/** Writes to the pool, always inside the caller's transaction, each with its history row. */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { type PoolTier, poolEntries, poolHistory } from '../../db/schema/pool.js';
import { recommendations } from '../../db/schema/recommendations.js';
import { conflict } from '../../errors.js';
import { applyChange, type PoolChange } from './pool.rules.js';

export interface DecisionMeta {
  at: Date;
  today: string;
  decidedByPersonId: number | null;
  eventId?: string | null;
  proposalId?: number | null;
  note?: string | null;
}

/** The live (not exited) entry of a person, locked for update. */
export async function liveEntryForUpdate(tx: Database, personId: number) {
  const [row] = await tx
    .select()
    .from(poolEntries)
    .where(and(eq(poolEntries.personId, personId), sql`${poolEntries.status} <> 'exited'`))
    .for('update');
  return row ?? null;
}

/**
 * Puts a person into the pool at `tier`, or attaches new lists to their live entry (the tier stays:
 * changing it is a separate, recorded decision). Returns the entry and whether it was created.
 */
export async function enterOrAttach(
  tx: Database,
  a: { personId: number; tier: PoolTier; lists: string[] },
  meta: DecisionMeta,
): Promise<{ entryId: number; created: boolean; tier: PoolTier }> {
  const live = await liveEntryForUpdate(tx, a.personId);
  const history = {
    at: meta.at,
    lists: a.lists,
    decidedByPersonId: meta.decidedByPersonId,
    eventId: meta.eventId ?? null,
    note: meta.note ?? null,
  };
  if (live) {
    await tx.insert(poolHistory).values({ ...history, entryId: live.id, kind: 'list_added' });
    return { entryId: live.id, created: false, tier: live.tier };
  }
  const [entry] = await tx
    .insert(poolEntries)
    .values({ personId: a.personId, tier: a.tier, status: 'active', enteredOn: meta.today, ...stamps(meta.at) })
    .returning({ id: poolEntries.id });
  await tx.insert(poolHistory).values({ ...history, entryId: entry.id, kind: 'entered', toTier: a.tier });
  return { entryId: entry.id, created: true, tier: a.tier };
}

/**
 * Applies a change to an entry (tier, watch, exit) and records who decided it. An exit also frees the
 * person's lists, so a later recommendation can put them back.
 */
export async function changeEntry(tx: Database, entryId: number, change: PoolChange, meta: DecisionMeta) {
  const [entry] = await tx.select().from(poolEntries).where(eq(poolEntries.id, entryId)).for('update');
  if (!entry) throw conflict('未找到该资源库记录');
  const outcome = applyChange(entry, change);
  if (!outcome.ok) throw conflict(outcome.why);
  const exitReason = outcome.kind === 'exited' && 'exitReason' in change ? (change.exitReason ?? null) : null;
  await tx
    .update(poolEntries)
    .set({
      tier: outcome.next.tier,
      status: outcome.next.status,
      updatedAt: meta.at,
      ...(outcome.kind === 'exited' ? { exitedOn: meta.today, exitReason } : {}),
    })
    .where(eq(poolEntries.id, entryId));
  await tx.insert(poolHistory).values({
    entryId,
    at: meta.at,
    kind: outcome.kind,
    fromTier: entry.tier,
    toTier: outcome.next.tier,
    exitReason,
    note: meta.note ?? null,
    decidedByPersonId: meta.decidedByPersonId,
    proposalId: meta.proposalId ?? null,
    eventId: meta.eventId ?? null,
  });
  if (outcome.kind === 'exited') {
    await tx
      .update(recommendations)
      .set({ current: false, updatedAt: meta.at })
      .where(eq(recommendations.poolEntryId, entryId));
  }
  return { before: entry, after: outcome.next, kind: outcome.kind };
}
