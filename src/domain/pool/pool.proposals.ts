/** Proposals (优进绌退, age-out): raised by rules, decided by org_admin; nothing changes until confirmed. */
import { and, eq, like, notInArray, or } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import {
  type ExitReason,
  type PoolStatus,
  type PoolTier,
  type ProposalAction,
  poolEntries,
  poolProposals,
} from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { conflict, notFound } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { localDate } from '../../time.js';
import { loadActor } from '../org/org.access.js';
import { assertAdminFor, orgAdminsOf } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { HELD_ACTIONS, heldPeople } from './pool.holds.js';
import { proposalCard, proposalsDigestCard } from './pool.proposals.cards.js';
import { type ProposalView, proposalView } from './pool.proposals.queries.js';
import { applyChange, type PoolChange, tierDown, tierUp } from './pool.rules.js';
import { changeEntry } from './pool.store.js';

export interface ProposalInput {
  ruleId: string;
  action: ProposalAction;
  exitReason: ExitReason | null;
  reason: string;
  dedupKey: string;
  basis: unknown;
}

/** Inserts proposals for an entry (skipping any whose dedup key exists); returns the new ids. */
export async function raiseProposals(
  tx: Database,
  entry: { id: number; tier: PoolTier },
  drafts: ProposalInput[],
  at: Date,
): Promise<number[]> {
  // 暂缓 (pool.holds.ts): while a hold lasts (an open problem clue), no promotion proposal is raised.
  if (drafts.some((d) => HELD_ACTIONS.includes(d.action))) {
    const [e] = await tx
      .select({ personId: poolEntries.personId })
      .from(poolEntries)
      .where(eq(poolEntries.id, entry.id));
    if (e && (await heldPeople(tx, [e.personId])).has(e.personId))
      drafts = drafts.filter((d) => !HELD_ACTIONS.includes(d.action));
  }
  if (drafts.length === 0) return [];
  const toTier = (a: ProposalAction) =>
    a === 'tier_up' ? tierUp(entry.tier) : a === 'tier_down' ? tierDown(entry.tier) : null;
  const rows = await tx
    .insert(poolProposals)
    .values(drafts.map((d) => ({ ...d, entryId: entry.id, toTier: toTier(d.action), createdAt: at })))
    .onConflictDoNothing({ target: poolProposals.dedupKey })
    .returning({ id: poolProposals.id, ruleId: poolProposals.ruleId, action: poolProposals.action });
  await audit(
    tx,
    at,
    ...rows.map((r) => ({
      action: 'pool.proposal.create',
      entity: 'pool_proposal',
      entityId: r.id,
      detail: { entryId: entry.id, ruleId: r.ruleId, action: r.action },
    })),
  );
  return rows.map((r) => r.id);
}

/**
 * Voids an entry's still-open proposals whose dedup key starts with one of `keyPrefixes`, except the keys in `keep`
 * (status void / 已失效, the note says why; a later confirm or dismiss answers 「该建议已处理」). Runs in the caller's
 * transaction; audited `pool.proposal.void`. Returns the voided ids.
 */
export async function voidOpenProposals(
  tx: Database,
  entryId: number,
  keyPrefixes: string[],
  keep: string[],
  why: string,
  at: Date,
  actorPersonId: number | null = null,
): Promise<number[]> {
  if (keyPrefixes.length === 0) return [];
  const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await tx
    .update(poolProposals)
    .set({ status: 'void', decisionNote: why, decidedAt: at })
    .where(
      and(
        eq(poolProposals.entryId, entryId),
        eq(poolProposals.status, 'open'),
        or(...keyPrefixes.map((k) => like(poolProposals.dedupKey, `${likeEscape(k)}%`))),
        keep.length > 0 ? notInArray(poolProposals.dedupKey, keep) : undefined,
      ),
    )
    .returning({ id: poolProposals.id });
  await audit(
    tx,
    at,
    ...rows.map((r) => ({
      actorPersonId,
      action: 'pool.proposal.void',
      entity: 'pool_proposal',
      entityId: r.id,
      detail: { entryId, why },
    })),
  );
  return rows.map((r) => r.id);
}

const INDIVIDUAL_CARDS = 5;

/** Queues proposal cards to each county's org_admin staff: one card each when few, else one digest. */
export async function notifyProposals(tx: Database, ids: number[]): Promise<void> {
  const views = await proposalView(tx, ids);
  const byCounty = new Map<number | null, ProposalView[]>();
  for (const v of views) byCounty.set(v.countyId, [...(byCounty.get(v.countyId) ?? []), v]);
  for (const [countyId, list] of byCounty) {
    const admins = await orgAdminsOf(tx, countyId);
    const cards =
      list.length <= INDIVIDUAL_CARDS ? list.map((v) => proposalCard(v)) : [proposalsDigestCard(list.length)];
    await enqueue(
      tx,
      ...admins.flatMap((a) => cards.map((card) => ({ kind: 'send' as const, to: { openId: a.openId }, card }))),
    );
  }
}

function changeOf(p: { action: ProposalAction; toTier: PoolTier | null; exitReason: ExitReason | null }): PoolChange {
  if ((p.action === 'tier_up' || p.action === 'tier_down') && p.toTier) return { action: 'set_tier', toTier: p.toTier };
  return { action: p.action, exitReason: p.exitReason };
}

/** The proposal, once the actor is known to be org_admin for its county (else FORBIDDEN / NOT_FOUND). */
export async function decidable(deps: Deps, actorPersonId: number, proposalId: number) {
  const actor = await loadActor(deps.db, actorPersonId, today(deps));
  const [view] = await proposalView(deps.db, [proposalId]);
  if (!view) throw notFound('未找到该调整建议');
  await assertAdminFor(deps.db, actor, view.countyId);
  return view;
}

export type Decision = { outcome: 'confirmed' | 'dismissed' } | { outcome: 'void'; why: string };

/** Confirms a proposal: the entry changes and its history records the proposal and who confirmed it. */
export async function confirmProposal(deps: Deps, actorPersonId: number, proposalId: number, eventId?: string) {
  await decidable(deps, actorPersonId, proposalId);
  const at = deps.clock.now();
  const today = localDate(at, deps.config.timezone);
  const result = await deps.db.transaction(async (tx): Promise<Decision> => {
    const [p] = await tx.select().from(poolProposals).where(eq(poolProposals.id, proposalId)).for('update');
    if (p.status !== 'open') throw conflict('该建议已处理');
    const [entry] = await tx.select().from(poolEntries).where(eq(poolEntries.id, p.entryId)).for('update');
    const change = changeOf(p);
    const check = applyChange(entry as { tier: PoolTier; status: PoolStatus }, change);
    const decided = { decidedByPersonId: actorPersonId, decidedAt: at };
    if (!check.ok) {
      await tx
        .update(poolProposals)
        .set({ status: 'void', decisionNote: check.why, ...decided })
        .where(eq(poolProposals.id, p.id));
      return { outcome: 'void', why: check.why };
    }
    await changeEntry(tx, p.entryId, change, {
      at,
      today,
      decidedByPersonId: actorPersonId,
      eventId,
      proposalId: p.id,
      note: p.reason,
    });
    await tx
      .update(poolProposals)
      .set({ status: 'confirmed', ...decided })
      .where(eq(poolProposals.id, p.id));
    await audit(tx, at, {
      actorPersonId,
      action: 'pool.proposal.confirm',
      entity: 'pool_proposal',
      entityId: p.id,
      eventId,
    });
    return { outcome: 'confirmed' };
  });
  return result;
}

/** Dismisses a proposal: nothing else changes, and the same facts will not raise it again. */
export async function dismissProposal(
  deps: Deps,
  actorPersonId: number,
  proposalId: number,
  note: string | null,
  eventId?: string,
) {
  await decidable(deps, actorPersonId, proposalId);
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(poolProposals)
      .set({ status: 'dismissed', decidedByPersonId: actorPersonId, decidedAt: at, decisionNote: note })
      .where(and(eq(poolProposals.id, proposalId), eq(poolProposals.status, 'open')))
      .returning({ id: poolProposals.id });
    if (done.length === 0) throw conflict('该建议已处理');
    await audit(tx, at, {
      actorPersonId,
      action: 'pool.proposal.dismiss',
      entity: 'pool_proposal',
      entityId: proposalId,
      eventId,
      detail: { note },
    });
  });
}
