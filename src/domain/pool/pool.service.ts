/** Pool use-cases: views within the viewer's scope, and org_admin's manual decisions on an entry. */
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { assertAdminFor } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { heldPeople, poolMarks } from './pool.holds.js';
import {
  entryDetail,
  listedCounts,
  listsOfEntries,
  type MemberFilter,
  poolCounts,
  poolMembers,
} from './pool.queries.js';
import type { PoolChange } from './pool.rules.js';
import { canSeeEntry, isAdmin, poolViewer } from './pool.scope.js';
import { changeEntry } from './pool.store.js';

export const MEMBERS_PAGE = 10;

export async function overview(deps: Deps, personId: number) {
  const v = await poolViewer(deps, personId);
  const [{ totals, byUnit }, listed] = await Promise.all([
    poolCounts(deps.db, v.scope),
    listedCounts(deps.db, v.scope),
  ]);
  return { viewer: v, totals, byUnit, listed };
}

export async function members(deps: Deps, personId: number, f: MemberFilter, page: number) {
  const v = await poolViewer(deps, personId);
  const res = await poolMembers(deps.db, v.scope, f, page, MEMBERS_PAGE);
  const lists = await listsOfEntries(
    deps.db,
    res.rows.map((r) => r.entryId),
  );
  const heldPersons = await heldPeople(
    deps.db,
    res.rows.map((r) => r.personId),
  );
  const held = new Set(res.rows.filter((r) => heldPersons.has(r.personId)).map((r) => r.entryId));
  const byPerson = await poolMarks(
    deps.db,
    res.rows.map((r) => r.personId),
    v.today,
  );
  const marks = new Map(
    res.rows.filter((r) => byPerson.has(r.personId)).map((r) => [r.entryId, byPerson.get(r.personId)!]),
  );
  return { viewer: v, ...res, lists, held, marks };
}

/** One entry, if within the viewer's scope; the view is audited. */
export async function entry(deps: Deps, personId: number, entryId: number, eventId?: string) {
  const v = await poolViewer(deps, personId);
  if (!(await canSeeEntry(deps.db, v, entryId))) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: personId,
      action: 'pool.view.denied',
      entity: 'pool_entry',
      entityId: entryId,
      eventId,
      detail: { reason: 'out_of_scope' },
    });
    throw forbidden('您无权查看该干部的资源库信息');
  }
  const d = await entryDetail(deps.db, entryId);
  if (!d) throw notFound('未找到该资源库记录');
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: personId,
    action: 'pool.view',
    entity: 'pool_entry',
    entityId: entryId,
    eventId,
    detail: { personId: d.person.id },
  });
  const canManage = isAdmin(v) && (v.adminCounties === null || v.adminCounties.includes(d.countyId ?? -1));
  const marks = (await poolMarks(deps.db, [d.person.id], v.today)).get(d.person.id) ?? [];
  return { viewer: v, detail: d, canManage, marks };
}

/** org_admin changes an entry by hand (tier, watch, exit); the history records who and why. */
export async function manualChange(
  deps: Deps,
  personId: number,
  entryId: number,
  change: PoolChange,
  note: string | null,
  eventId?: string,
) {
  const v = await poolViewer(deps, personId);
  const d = await entryDetail(deps.db, entryId);
  if (!d) throw notFound('未找到该资源库记录');
  await assertAdminFor(deps.db, v.actor, d.countyId);
  if (change.action === 'exit' && !change.exitReason) throw invalid('请选择出库原因');
  if (change.action === 'exit' && change.exitReason === 'other' && !note) throw invalid('出库原因为“其他”时请填写说明');
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const res = await changeEntry(tx, entryId, change, {
      at,
      today: v.today,
      decidedByPersonId: personId,
      eventId,
      note,
    });
    await audit(tx, at, {
      actorPersonId: personId,
      action: `pool.${res.kind}`,
      entity: 'pool_entry',
      entityId: entryId,
      eventId,
      detail: { change, note },
    });
    return res;
  });
}
