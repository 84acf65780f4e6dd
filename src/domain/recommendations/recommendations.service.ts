/** Submitting a recommendation: the list follows from the submitter's roles; scope checked in the database. */
import { and, eq } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { type RecList, recommendations } from '../../db/schema/recommendations.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { localDate } from '../../time.js';
import { loadActor } from '../org/org.access.js';
import { orgAdminsOf } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { candidateInScope, recommendationView, searchCandidates } from './recommendations.queries.js';
import { reviewCard } from './recommendations.review.cards.js';
import { heldLists, LIST_LABELS, listGrants, notRecommendableWhy } from './recommendations.rules.js';

export interface RecommendationText {
  reason: string;
  achievements: string;
  evaluation: string;
  basis?: string | null;
}

/** The submitter, loaded now, with the lists their roles give them. */
export async function recommender(deps: Deps, personId: number) {
  const on = today(deps);
  const actor = await loadActor(deps.db, personId, on);
  const grants = listGrants(actor.roles);
  const lists = heldLists(grants);
  if (lists.length === 0) {
    throw forbidden('推荐需由单位党组织、领域主管部门或组织部门提交。如需开通，请联系组织部门。');
  }
  return { actor, grants, lists, today: on };
}

export type Recommender = Awaited<ReturnType<typeof recommender>>;

export function assertHolds(r: Recommender, list: RecList): void {
  if (!r.lists.includes(list)) throw forbidden(`您不能提交「${LIST_LABELS[list]}」的推荐`);
}

export async function searchForRecommend(deps: Deps, r: Recommender, list: RecList, query: string) {
  assertHolds(r, list);
  if (!query.trim()) throw invalid('请输入候选人的姓名或拼音首字母');
  const rows = await searchCandidates(deps.db, {
    grants: r.grants,
    list,
    query,
    today: r.today,
    youngMaxAge: deps.config.youngCadreMaxAge,
    limit: 11,
  });
  return { rows: rows.slice(0, 10), more: rows.length > 10 };
}

/** The candidate, if in the list's scope and recommendable today; throws a Chinese refusal otherwise. */
export async function checkedCandidate(deps: Deps, r: Recommender, list: RecList, personId: number, eventId?: string) {
  assertHolds(r, list);
  const cand = await candidateInScope(deps.db, r.grants, list, personId);
  if (!cand) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: r.actor.personId,
      action: 'recommendation.denied',
      entity: 'person',
      entityId: personId,
      eventId,
      detail: { reason: 'out_of_scope', list },
    });
    throw forbidden('该同志不在您的推荐范围内');
  }
  const why = notRecommendableWhy(cand, r.today, deps.config.youngCadreMaxAge);
  if (why) throw invalid(why);
  return cand;
}

/** The polite refusal when `personId` is already current on `list` (null when not). */
export async function duplicateMessage(
  db: Database,
  personId: number,
  list: RecList,
  timezone: string,
): Promise<string | null> {
  const [dup] = await db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(
      and(eq(recommendations.personId, personId), eq(recommendations.list, list), eq(recommendations.current, true)),
    );
  if (!dup) return null;
  const v = await recommendationView(db, dup.id);
  if (!v) return null;
  const state = v.rec.status === 'pending' ? '正在等待组织部门审核' : '已纳入资源库';
  const on = localDate(v.rec.createdAt, timezone);
  return `${v.person.name}已由${v.recommender?.name ?? ''}于${on}列入${LIST_LABELS[list]}，${state}，无需重复推荐。感谢您的关注！`;
}

const isUniqueViolation = (e: any): boolean => (e?.cause?.code ?? e?.code) === '23505';

/**
 * Writes a recommendation in `tx` (the caller's transaction), audits it and queues the review card
 * to the county's org_admin staff. A second current recommendation of the same person on the same list
 * is refused politely.
 */
export async function insertRecommendation(
  deps: Deps,
  tx: Database,
  a: { list: RecList; personId: number; countyId: number | null; scopeUnitId: number | null },
  text: RecommendationText,
  meta: { actorPersonId: number; eventId?: string },
): Promise<number> {
  const dup = await duplicateMessage(tx, a.personId, a.list, deps.config.timezone);
  if (dup) throw conflict(dup);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(recommendations)
    .values({
      personId: a.personId,
      list: a.list,
      recommenderPersonId: meta.actorPersonId,
      scopeUnitId: a.scopeUnitId,
      reason: text.reason,
      achievements: text.achievements,
      evaluation: text.evaluation,
      basis: a.list === 'C' ? (text.basis as never) : null,
      eventId: meta.eventId ?? null,
      ...stamps(now),
    })
    .returning({ id: recommendations.id });
  await audit(tx, now, {
    actorPersonId: meta.actorPersonId,
    action: 'recommendation.create',
    entity: 'recommendation',
    entityId: row.id,
    eventId: meta.eventId,
    detail: { list: a.list, personId: a.personId },
  });
  const view = await recommendationView(tx, row.id);
  const admins = await orgAdminsOf(tx, a.countyId);
  const card = reviewCard(view!, localDate(now, deps.config.timezone));
  await enqueue(
    tx,
    ...admins.map((ad) => ({ kind: 'send' as const, to: { openId: ad.openId }, card, ref: `rec:${row.id}` })),
  );
  return row.id;
}

/** Runs a write; a unique violation on the recommendation (a concurrent duplicate) becomes the polite refusal. */
export async function withDuplicateGuard<T>(
  deps: Pick<Deps, 'db' | 'config'>,
  personId: number,
  list: RecList,
  work: () => Promise<T>,
) {
  try {
    return await work();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    throw conflict(
      (await duplicateMessage(deps.db, personId, list, deps.config.timezone)) ?? '该同志已在此清单中，无需重复推荐',
    );
  }
}

export async function submitRecommendation(
  deps: Deps,
  r: Recommender,
  input: { list: RecList; personId: number } & RecommendationText,
  eventId?: string,
) {
  const cand = await checkedCandidate(deps, r, input.list, input.personId, eventId);
  if (input.list === 'C' && !input.basis) throw invalid('组织部门推荐请选择推荐依据');
  const id = await withDuplicateGuard(deps, cand.id, input.list, () =>
    deps.db.transaction((tx) =>
      insertRecommendation(
        deps,
        tx,
        { list: input.list, personId: cand.id, countyId: cand.countyId, scopeUnitId: scopeUnitOf(r, input.list, cand) },
        input,
        { actorPersonId: r.actor.personId, eventId },
      ),
    ),
  );
  deps.outboxWake();
  return { id, candidate: cand };
}

/** The scope unit recorded with the recommendation: the unit (A), the department (B), the county (C). */
export function scopeUnitOf(r: Recommender, list: RecList, cand: { unitId: number; countyId: number | null }) {
  if (list === 'A')
    return (
      r.grants.find((g) => g.list === 'A' && g.unitId === cand.unitId)?.unitId ??
      r.grants.find((g) => g.list === 'A')!.unitId
    );
  if (list === 'B') return r.grants.find((g) => g.list === 'B')!.unitId;
  return cand.countyId;
}
