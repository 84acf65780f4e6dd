import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { conflict, notFound } from '../../errors.js';
import { type ActorContext, assertRole, canViewPerson } from './org.access.js';
import { audit } from './org.audit.js';
import type { AuditContext } from './org.profile.js';
import { scopeOn } from './org.profile.js';

export interface BindResult {
  checked: number;
  bound: number;
  notFound: number;
  conflicts: number;
  failed: number;
}

/** Feishu's batch_get_id takes at most 50 mobiles and 50 emails per call. */
const BATCH = 50;

const digits = (m: string) => m.replace(/\D/g, '').slice(-11);

interface Candidate {
  id: number;
  mobile: string | null;
  email: string | null;
}

/**
 * Binds active people without an open_id to Feishu accounts by mobile or email (contact batch_get_id).
 * Each batch commits on its own; an API failure is counted and the next batch still runs.
 */
export async function bindAccounts(deps: Deps, opts: { personIds?: number[]; actor?: ActorContext } = {}) {
  const candidates: Candidate[] = [];
  // A 100k-row roster touches 100k ids: ask in slices, never one IN list beyond the driver's parameter limit.
  for (const ids of opts.personIds ? chunks(opts.personIds, ID_SLICE) : [undefined]) {
    candidates.push(...(await unboundPeople(deps, ids)));
  }
  candidates.sort((a, b) => a.id - b.id);
  const result: BindResult = { checked: candidates.length, bound: 0, notFound: 0, conflicts: 0, failed: 0 };
  for (let i = 0; i < candidates.length; i += BATCH) {
    await bindBatch(deps, candidates.slice(i, i + BATCH), result, opts.actor);
  }
  return result;
}

const ID_SLICE = 5_000;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unboundPeople(deps: Deps, ids: number[] | undefined): Promise<Candidate[]> {
  return deps.db
    .select({ id: people.id, mobile: people.mobile, email: people.email })
    .from(people)
    .where(
      and(
        eq(people.active, true),
        isNull(people.openId),
        or(isNotNull(people.mobile), isNotNull(people.email)),
        ids ? inArray(people.id, ids) : undefined,
      ),
    )
    .orderBy(people.id);
}

/** Feishu ids found for a batch, by person id: open_id always, user_id when the app may read it. */
type Found = Map<number, { openId: string; userId: string | null }>;

async function lookup(deps: Deps, batch: Candidate[]): Promise<Found | null> {
  try {
    const openIds = await idsByPerson(deps, batch, 'open_id');
    // user_id needs an extra permission (contact:user.employee_id:readonly); without it we bind by open_id alone.
    const userIds = await idsByPerson(deps, batch, 'user_id').catch((err) => {
      deps.log.warn({ err }, 'contact batch_get_id (user_id) failed; binding by open_id only');
      return new Map<number, string>();
    });
    const found: Found = new Map();
    for (const [id, openId] of openIds) found.set(id, { openId, userId: userIds.get(id) ?? null });
    return found;
  } catch (err) {
    deps.log.warn({ err }, 'contact batch_get_id failed');
    return null;
  }
}

async function idsByPerson(deps: Deps, batch: Candidate[], type: 'open_id' | 'user_id'): Promise<Map<number, string>> {
  const mobiles = batch.flatMap((c) => (c.mobile ? [digits(c.mobile)] : []));
  const emails = batch.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
  const res = await deps.lark.contact.user.batchGetId({
    params: { user_id_type: type },
    data: { mobiles, emails, include_resigned: false },
  });
  if (res.code !== 0) throw new Error(`batch_get_id (${type}) code ${res.code}: ${res.msg}`);
  const byMobile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  for (const u of res.data?.user_list ?? []) {
    if (!u.user_id) continue;
    if (u.mobile) byMobile.set(digits(u.mobile), u.user_id);
    if (u.email) byEmail.set(u.email.toLowerCase(), u.user_id);
  }
  const found = new Map<number, string>();
  for (const c of batch) {
    const id = (c.mobile && byMobile.get(digits(c.mobile))) || (c.email && byEmail.get(c.email.toLowerCase()));
    if (id) found.set(c.id, id);
  }
  return found;
}

async function bindBatch(deps: Deps, batch: Candidate[], result: BindResult, actor?: ActorContext): Promise<void> {
  const found = await lookup(deps, batch);
  if (!found) {
    result.failed += batch.length;
    return;
  }
  result.notFound += batch.length - found.size;
  if (found.size === 0) return;
  await deps.db.transaction(async (tx) => {
    const taken = await tx
      .select({ openId: people.openId })
      .from(people)
      .where(
        inArray(
          people.openId,
          [...found.values()].map((f) => f.openId),
        ),
      );
    const used = new Set(taken.map((t) => t.openId));
    const pairs: [number, string, string | null][] = [];
    for (const [personId, { openId, userId }] of found) {
      if (used.has(openId)) result.conflicts++;
      else pairs.push([personId, openId, userId]);
      used.add(openId);
    }
    if (pairs.length === 0) return;
    const now = deps.clock.now();
    const values = sql.join(
      pairs.map(([id, openId, userId]) => sql`(${id}::int, ${openId}::text, ${userId}::text)`),
      sql`, `,
    );
    const updated = rowsOf<{ id: number; open_id: string }>(
      await tx.execute(sql`update people set open_id = v.open_id, user_id = coalesce(v.user_id, people.user_id),
          updated_at = ${now.toISOString()}::timestamptz
        from (values ${values}) as v(id, open_id, user_id)
        where people.id = v.id and people.open_id is null returning people.id, people.open_id`),
    );
    await audit(
      tx,
      now,
      ...updated.map((u) => ({
        actorPersonId: actor?.personId ?? null,
        actorOpenId: actor?.openId ?? null,
        action: 'person.bind',
        entity: 'person',
        entityId: u.id,
        detail: { via: 'batch_get_id', openId: u.open_id },
      })),
    );
    result.bound += updated.length;
  });
}

/** org_admin binds a person to a Feishu user by hand; checked now, refused when either side is taken. */
export async function bindByHand(
  deps: Deps,
  actor: ActorContext,
  personId: number,
  openId: string,
  ctx: AuditContext = {},
): Promise<{ name: string }> {
  assertRole(actor, 'org_admin', '只有组织部门可以绑定账号');
  const on = scopeOn(deps);
  if (!(await canViewPerson(deps.db, actor, personId, on.onDate, on.youngMaxAge))) {
    throw notFound('未找到该人员，或不在您的管理范围内');
  }
  return deps.db.transaction(async (tx) => {
    const [other] = await tx.select({ name: people.name }).from(people).where(eq(people.openId, openId));
    if (other) throw conflict(`该飞书账号已绑定到“${other.name}”，请先核实`);
    const [updated] = await tx
      .update(people)
      .set({ openId, updatedAt: deps.clock.now() })
      .where(and(eq(people.id, personId), isNull(people.openId), eq(people.active, true)))
      .returning({ name: people.name });
    if (!updated) throw conflict('该人员已绑定飞书账号或已停用');
    await audit(tx, deps.clock.now(), {
      actorPersonId: actor.personId,
      actorOpenId: actor.openId,
      action: 'person.bind',
      entity: 'person',
      entityId: personId,
      eventId: ctx.eventId,
      detail: { via: 'manual', openId },
    });
    return updated;
  });
}
