/** org_admin decides a recommendation: into the pool with a tier (with every pending list of the person), or not. */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { people } from '../../db/schema/org.js';
import type { PoolTier } from '../../db/schema/pool.js';
import { recommendations } from '../../db/schema/recommendations.js';
import { outbox } from '../../db/schema/transport.js';
import type { Deps } from '../../deps.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { loadActor } from '../org/org.access.js';
import { assertAdminFor } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { enterOrAttach } from '../pool/pool.store.js';
import { recommendationView } from './recommendations.queries.js';
import { outcomeCard, reviewCard } from './recommendations.review.cards.js';
import { notRecommendableWhy } from './recommendations.rules.js';

const STATUS_WORD = { accepted: '已同意入库', declined: '已不予入库', pending: '待审核' } as const;

/** Loads the recommendation and checks, now, that the actor is org_admin of the person's county. */
export async function reviewable(deps: Deps, actorPersonId: number, recId: number) {
  const on = today(deps);
  const actor = await loadActor(deps.db, actorPersonId, on);
  const view = await recommendationView(deps.db, recId);
  if (!view) throw notFound('未找到该推荐');
  await assertAdminFor(deps.db, actor, view.countyId);
  return { actor, view, today: on };
}

function recommenderNotice(openId: string | null | undefined, card: ReturnType<typeof outcomeCard>) {
  return openId ? [{ kind: 'send' as const, to: { openId }, card }] : [];
}

export async function acceptRecommendation(
  deps: Deps,
  actorPersonId: number,
  recId: number,
  tier: PoolTier,
  eventId?: string,
) {
  const { view, today: on } = await reviewable(deps, actorPersonId, recId);
  if (view.rec.status !== 'pending') throw conflict(`该推荐${STATUS_WORD[view.rec.status]}`);
  const why = notRecommendableWhy(view.person, on, deps.config.youngCadreMaxAge);
  if (why) throw invalid(`${why}，无法入库`);
  const at = deps.clock.now();
  const result = await deps.db.transaction(async (tx) => {
    const pending = await tx
      .select({ id: recommendations.id, list: recommendations.list, recommender: recommendations.recommenderPersonId })
      .from(recommendations)
      .where(and(eq(recommendations.personId, view.person.id), eq(recommendations.status, 'pending')))
      .orderBy(asc(recommendations.list))
      .for('update');
    if (!pending.some((p) => p.id === recId)) throw conflict('该推荐已由其他同志处理');
    const lists = pending.map((p) => p.list);
    const meta = { at, today: on, decidedByPersonId: actorPersonId, eventId };
    const entry = await enterOrAttach(tx, { personId: view.person.id, tier, lists }, meta);
    const ids = pending.map((p) => p.id);
    await tx
      .update(recommendations)
      .set({
        status: 'accepted',
        poolEntryId: entry.entryId,
        decidedByPersonId: actorPersonId,
        decidedAt: at,
        updatedAt: at,
      })
      .where(inArray(recommendations.id, ids));
    await audit(tx, at, {
      actorPersonId,
      action: 'recommendation.accept',
      entity: 'recommendation',
      entityId: recId,
      eventId,
      detail: { recommendationIds: ids, entryId: entry.entryId, tier: entry.tier, created: entry.created },
    });
    await notifyRecommenders(tx, pending, view.person.name, { accepted: true, tier: entry.tier });
    await patchReviewCards(tx, ids, on);
    return { ...entry, recommendationIds: ids, lists };
  });
  deps.outboxWake();
  return result;
}

/**
 * Review cards already delivered to org_admin staff (outbox ref 'rec:<id>') are patched to show the
 * decision, so nobody else acts on a stale card.
 */
async function patchReviewCards(tx: Database, recIds: number[], today: string) {
  const sentCards = await tx
    .select({ ref: outbox.ref, messageId: outbox.messageId })
    .from(outbox)
    .where(
      and(
        inArray(
          outbox.ref,
          recIds.map((id) => `rec:${id}`),
        ),
        isNotNull(outbox.messageId),
      ),
    );
  for (const m of sentCards) {
    const view = await recommendationView(tx, Number(m.ref!.slice(4)));
    if (view && m.messageId)
      await enqueue(tx, { kind: 'patch', messageId: m.messageId, card: reviewCard(view, today) });
  }
}

async function notifyRecommenders(
  tx: Database,
  recs: { list: 'A' | 'B' | 'C'; recommender: number }[],
  personName: string,
  outcome: { accepted: boolean; tier?: PoolTier; declineReason?: string | null },
) {
  const ids = [...new Set(recs.map((r) => r.recommender))];
  const rows = await tx.select({ id: people.id, openId: people.openId }).from(people).where(inArray(people.id, ids));
  const openIdOf = new Map(rows.map((r) => [r.id, r.openId]));
  const messages = recs.flatMap((r) =>
    recommenderNotice(openIdOf.get(r.recommender), outcomeCard({ personName, list: r.list, ...outcome })),
  );
  await enqueue(tx, ...messages);
}

export async function declineRecommendation(
  deps: Deps,
  actorPersonId: number,
  recId: number,
  reason: string,
  eventId?: string,
) {
  if (reason.trim().length < 2) throw invalid('请填写不予入库的理由');
  const { view } = await reviewable(deps, actorPersonId, recId);
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const done = await tx
      .update(recommendations)
      .set({
        status: 'declined',
        current: false,
        declineReason: reason.trim(),
        decidedByPersonId: actorPersonId,
        decidedAt: at,
        updatedAt: at,
      })
      .where(and(eq(recommendations.id, recId), eq(recommendations.status, 'pending')))
      .returning({ id: recommendations.id });
    if (done.length === 0) throw conflict('该推荐已由其他同志处理');
    await audit(tx, at, {
      actorPersonId,
      action: 'recommendation.decline',
      entity: 'recommendation',
      entityId: recId,
      eventId,
      detail: { reason: reason.trim() },
    });
    const rec = { list: view.rec.list, recommender: view.rec.recommenderPersonId };
    await notifyRecommenders(tx, [rec], view.person.name, { accepted: false, declineReason: reason.trim() });
    await patchReviewCards(tx, [recId], today(deps));
  });
  deps.outboxWake();
}
