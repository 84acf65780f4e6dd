import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { deputySupervisions, leadershipPositions, leaderUnitLinks, people, units } from '../../../db/schema/org.js';
import type { AuditEntry } from '../org.audit.js';
import { bulkInsert } from '../org.bulk.js';
import type { DatedPlan } from './structure.dated.js';
import type { StructurePlan } from './structure.plan.js';
import type { UnitFields } from './structure.unitplan.js';

/** Who writes, for the audit entries. */
export interface WriteContext {
  now: Date;
  actorPersonId: number | null;
  actorOpenId: string | null;
  eventId?: string;
}

type Entry = (action: string, entity: string, entityId: number, detail?: unknown) => AuditEntry;

/** Writes a checked plan inside the caller's transaction; returns the audit entries of every change. */
export async function writePlan(tx: Database, plan: StructurePlan, ctx: WriteContext): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  const entry: Entry = (action, entity, entityId, detail) => {
    const e = { actorPersonId: ctx.actorPersonId, actorOpenId: ctx.actorOpenId, eventId: ctx.eventId };
    return { ...e, action, entity, entityId, detail };
  };
  const unitId = await writeUnits(tx, plan.units, ctx.now, entries, entry);
  await writeDated(
    tx,
    leadershipPositions,
    plan.posts,
    (p) => ({
      personId: p.personId,
      unitId: unitId(p.unitId),
      role: p.role,
      title: p.attrs.title ?? null,
      startDate: p.start,
      endDate: p.end ?? null,
    }),
    entries,
    entry,
    'post',
  );
  await writeDated(
    tx,
    leaderUnitLinks,
    plan.links,
    (l) => ({
      leaderPersonId: l.leader.id,
      unitId: unitId(l.unitId),
      kind: l.kind,
      startDate: l.start,
      endDate: l.end ?? null,
    }),
    entries,
    entry,
    'link',
  );
  await writeDated(
    tx,
    deputySupervisions,
    plan.supervisions,
    (s) => ({
      deputyPersonId: s.deputyId,
      cadrePersonId: s.cadreId,
      area: s.attrs.area ?? null,
      startDate: s.start,
      endDate: s.end ?? null,
    }),
    entries,
    entry,
    'supervision',
  );
  if (plan.newCountyLeaders.length > 0) {
    await tx
      .update(people)
      .set({ isCountyLeader: true, updatedAt: ctx.now })
      .where(inArray(people.id, plan.newCountyLeaders));
    for (const id of plan.newCountyLeaders)
      entries.push(entry('person.update', 'person', id, { fields: ['isCountyLeader'] }));
  }
  return entries;
}

/** Inserts new units, then wires parents and competent departments, then recomputes every unit's county. */
async function writeUnits(tx: Database, plan: StructurePlan['units'], now: Date, entries: AuditEntry[], entry: Entry) {
  const real = new Map<number, number>();
  const id = (ref: number) => (ref < 0 ? real.get(ref)! : ref);
  const ref = (r: number | null) => (r === null ? null : id(r));
  for (const c of plan.creates) {
    const [row] = await tx
      .insert(units)
      .values({
        code: c.code,
        name: c.name,
        kind: c.kind,
        domain: c.domain,
        sortOrder: c.sortOrder,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: units.id });
    real.set(c.id, row.id);
  }
  for (const c of plan.creates) {
    await tx
      .update(units)
      .set({ parentId: ref(c.parentId), domainDeptUnitId: ref(c.domainDeptUnitId) })
      .where(eq(units.id, id(c.id)));
    entries.push(entry('unit.create', 'unit', id(c.id), { code: c.code, name: c.name }));
  }
  for (const u of plan.updates) {
    const set: Partial<UnitFields> = { ...u.set };
    if (set.parentId !== undefined) set.parentId = ref(set.parentId);
    if (set.domainDeptUnitId !== undefined) set.domainDeptUnitId = ref(set.domainDeptUnitId);
    await tx
      .update(units)
      .set({ ...set, updatedAt: now })
      .where(eq(units.id, u.id));
    entries.push(entry('unit.update', 'unit', u.id, { fields: Object.keys(u.set) }));
  }
  if (plan.creates.length + plan.updates.length > 0) await recomputeCounties(tx);
  return id;
}

/** county_id = the root of each unit's parent chain (itself for a county). */
async function recomputeCounties(tx: Database): Promise<void> {
  await tx.execute(sql`
    with recursive t(id, county) as (
      select id, id from units where parent_id is null
      union all
      select u.id, t.county from units u join t on u.parent_id = t.id
    )
    update units set county_id = t.county from t where units.id = t.id and units.county_id is distinct from t.county`);
}

async function writeDated<R extends { start: string }>(
  tx: Database,
  table: typeof leadershipPositions | typeof leaderUnitLinks | typeof deputySupervisions,
  plan: DatedPlan<any> & { creates: R[] },
  row: (r: R) => Record<string, unknown>,
  entries: AuditEntry[],
  entry: Entry,
  entity: string,
): Promise<void> {
  const inserted = await bulkInsert(tx, table, plan.creates.map(row) as never[], ['id']);
  for (const r of inserted) entries.push(entry(`${entity}.create`, entity, Number(r.id)));
  for (const u of plan.updates) {
    await tx.update(table).set(u.set).where(eq(table.id, u.id));
    const action = u.set.endDate ? `${entity}.end` : `${entity}.update`;
    entries.push(entry(action, entity, u.id, { ...u.set }));
  }
}
