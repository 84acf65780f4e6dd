/**
 * 提拔/职级晋升: the xlsx import checked into a preview (nothing written), written all-or-nothing on 确认导入
 * (the record, and the cadre's dated posts and assignment), and the `用` figures for any period.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { today } from '../../../clock.js';
import { type Database, rowsOf } from '../../../db/client.js';
import { personAssignments } from '../../../db/schema/assignments.js';
import { leadershipPositions, people, units } from '../../../db/schema/org.js';
import { usePendingImports, usePromotions } from '../../../db/schema/use.js';
import type { Deps } from '../../../deps.js';
import { conflict, invalid } from '../../../errors.js';
import { audit } from '../../org/org.audit.js';
import { adminCounty, checkStructureAfterChange } from '../structure/teams.service.js';
import { claimPending } from '../use.pending.js';
import {
  checkFields,
  checkRow,
  duplicateKey,
  type Lookup,
  type PersonRef,
  type PromotionCells,
  type PromotionDraft,
  type PromotionFact,
  useFigures,
} from './promotions.rules.js';

export async function lookup(db: Database, countyId: number, on: string): Promise<Lookup> {
  const rows = rowsOf<{ id: number; name: string; unit_id: number; key: string; post_since: string | null }>(
    await db.execute(sql`
      select p.id, p.name, p.unit_id, p.person_key as key,
        greatest(
          (select max(lp.start_date) from leadership_positions lp where lp.person_id = p.id and lp.end_date is null),
          (select max(pa.start_date) from person_assignments pa where pa.person_id = p.id and pa.end_date is null
             and pa.start_date > date '1900-01-01')
        )::text as post_since
        from people p join units u on u.id = p.unit_id
       where u.county_id = ${countyId} and p.active`),
  );
  const byKey = new Map<string, Lookup['byKey'] extends Map<string, infer V> ? V : never>();
  const byName = new Map<string, ReturnType<Lookup['byName']['get']> & object>();
  for (const r of rows) {
    const ref = { id: Number(r.id), name: r.name, unitId: Number(r.unit_id), postSince: r.post_since };
    byKey.set(r.key, ref);
    byName.set(r.name, [...(byName.get(r.name) ?? []), ref]);
  }
  const unitRows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.active, true)));
  return { byKey, byName, unitByName: new Map(unitRows.map((u) => [u.name, u.id])), today: on };
}

export interface CheckResult {
  drafts: PromotionDraft[];
  errors: { row: number; message: string }[];
}

export function checkRows(cells: PromotionCells[], l: Lookup): CheckResult {
  const drafts: PromotionDraft[] = [];
  const errors: CheckResult['errors'] = [];
  const seen = new Set<string>();
  for (const c of cells) {
    const r = checkRow(c, l);
    if (typeof r === 'string') errors.push({ row: c.line, message: r });
    else if (seen.has(duplicateKey(r)))
      errors.push({ row: c.line, message: '与前面的行重复（同一干部、同一日期、同一类别）' });
    else {
      seen.add(duplicateKey(r));
      drafts.push(r);
    }
  }
  if (cells.length === 0) errors.push({ row: 1, message: '表格中没有数据行' });
  return { drafts, errors };
}

/** Checks the sheet; a clean sheet is kept as a pending import (nothing else written) for 确认导入. */
export async function previewPromotions(
  deps: Deps,
  actorPersonId: number,
  cells: PromotionCells[],
  fileName: string,
): Promise<CheckResult & { pendingId: number | null }> {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const result = checkRows(cells, await lookup(deps.db, countyId, today(deps)));
  if (result.errors.length > 0) return { ...result, pendingId: null };
  const [p] = await deps.db
    .insert(usePendingImports)
    .values({
      actorPersonId,
      countyId,
      kind: 'promotions',
      fileName: fileName.slice(0, 200),
      rows: cells,
      status: 'pending',
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    })
    .returning({ id: usePendingImports.id });
  return { ...result, pendingId: p.id };
}

/**
 * 确认导入: only the uploader, once; the rows are checked again against today's data and written in one
 * transaction (records, posts, assignments, people cache) — any error writes nothing.
 */
export async function confirmPromotions(deps: Deps, actorPersonId: number, pendingId: number, eventId?: string) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const at = deps.clock.now();
  const r = await deps.db.transaction(async (tx) => {
    const p = await claimPending(tx, at, { pendingId, kind: 'promotions', actorPersonId, countyId, eventId });
    const result = checkRows(p.rows as PromotionCells[], await lookup(tx, countyId, today(deps)));
    if (result.errors.length > 0)
      throw conflict(`数据已变化，请重新导入：第${result.errors[0].row}行 ${result.errors[0].message}`);
    // In date order whatever the row order: each row ends the post the previous one started, never before it began.
    const ordered = [...result.drafts].sort((x, y) => x.date.localeCompare(y.date) || x.line - y.line);
    for (const d of ordered) await applyPromotion(tx, countyId, d, 'import', at);
    await tx
      .update(usePendingImports)
      .set({ status: 'done', updatedAt: at })
      .where(eq(usePendingImports.id, pendingId));
    await audit(tx, at, {
      actorPersonId,
      action: 'use.promotions.import',
      entity: 'use_import',
      entityId: pendingId,
      eventId,
      detail: { rows: result.drafts.length, fileName: p.fileName },
    });
    return { written: result.drafts.length, teamChanged: result.drafts.some((d) => d.toRole !== null) };
  });
  // Team posts changed: the structure rules are checked now, not only at the next daily check.
  if (r.teamChanged) await checkStructureAfterChange(deps, countyId);
  return { written: r.written };
}

/** One promotion: the record; with a team post, the old posts end and the new one starts on the date. */
export async function applyPromotion(
  tx: Database,
  countyId: number,
  d: PromotionDraft,
  source: string,
  at: Date,
  formNonce: string | null = null,
) {
  const [person] = await tx
    .select({ unitId: people.unitId, position: people.position, level: people.leadershipLevel, rank: people.rank })
    .from(people)
    .where(eq(people.id, d.personId));
  const [record] = await tx
    .insert(usePromotions)
    .values({
      personId: d.personId,
      countyId,
      date: d.date,
      kind: d.kind,
      fromUnitId: person.unitId,
      fromPost: person.position,
      fromLevel: person.level ?? person.rank,
      toUnitId: d.toUnitId,
      toPost: d.toPost,
      toLevel: d.toLevel,
      toRole: d.toRole,
      docNo: d.docNo,
      source,
      formNonce,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: usePromotions.id });
  const unitId = d.toUnitId ?? person.unitId;
  if (d.toRole) {
    await tx
      .update(leadershipPositions)
      .set({ endDate: d.date })
      .where(and(eq(leadershipPositions.personId, d.personId), isNull(leadershipPositions.endDate)));
    await tx
      .insert(leadershipPositions)
      .values({ personId: d.personId, unitId, role: d.toRole, title: d.toPost, startDate: d.date });
  }
  const [current] = await tx
    .select({ id: personAssignments.id, unitId: personAssignments.unitId, unitSince: personAssignments.unitSince })
    .from(personAssignments)
    .where(and(eq(personAssignments.personId, d.personId), isNull(personAssignments.endDate)));
  if (current) await tx.update(personAssignments).set({ endDate: d.date }).where(eq(personAssignments.id, current.id));
  await tx.insert(personAssignments).values({
    personId: d.personId,
    unitId,
    position: d.toPost ?? person.position,
    rank: d.kind === 'rank' ? d.toLevel : person.rank,
    startDate: d.date,
    unitSince: current && current.unitId === unitId ? current.unitSince : d.date,
    source: 'promotion',
    createdAt: at,
  });
  await tx
    .update(people)
    .set({
      unitId,
      position: d.toPost ?? person.position,
      ...(d.kind === 'rank' ? { rank: d.toLevel } : d.toLevel ? { leadershipLevel: d.toLevel } : {}),
      updatedAt: at,
    })
    .where(eq(people.id, d.personId));
  return record.id;
}

/** A cadre for the 提拔登记 card: active, of the county, with the start of the current post. */
export async function personRef(db: Database, countyId: number, personId: number): Promise<PersonRef | null> {
  const [r] = rowsOf<{ id: number; name: string; unit_id: number; post_since: string | null }>(
    await db.execute(sql`
      select p.id, p.name, p.unit_id,
        greatest(
          (select max(lp.start_date) from leadership_positions lp where lp.person_id = p.id and lp.end_date is null),
          (select max(pa.start_date) from person_assignments pa where pa.person_id = p.id and pa.end_date is null
             and pa.start_date > date '1900-01-01')
        )::text as post_since
        from people p join units u on u.id = p.unit_id
       where p.id = ${personId} and u.county_id = ${countyId} and p.active
       for update of p`),
  );
  return r ? { id: Number(r.id), name: r.name, unitId: Number(r.unit_id), postSince: r.post_since } : null;
}

/** Active cadres of the county whose name contains `q` or whose pinyin (initials or full) starts with it. */
export async function cadresMatching(db: Database, countyId: number, q: string, limit = 20) {
  const query = q.normalize('NFKC').replace(/\s+/g, '');
  if (!query) return [];
  const letters = /^[a-zA-Z]+$/.test(query);
  const lower = query.toLowerCase();
  const like = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return rowsOf<{ id: number; name: string; unit_name: string; position: string | null; level: string | null }>(
    await db.execute(sql`
      select p.id, p.name, u.name as unit_name, p.position, coalesce(p.leadership_level, p.rank) as level
        from people p join units u on u.id = p.unit_id
       where u.county_id = ${countyId} and p.active
         and ${letters ? sql`(p.pinyin_initials ilike ${`${lower}%`} or p.pinyin ilike ${`${lower}%`})` : sql`p.name like ${like}`}
       order by case when p.name = ${query} then 0 else 1 end, p.pinyin, p.id
       limit ${limit}`),
  ).map((r) => ({ id: Number(r.id), name: r.name, unitName: r.unit_name, position: r.position, level: r.level }));
}

export const RECORD_REFUSAL = '提拔/职级晋升登记仅限组织部门';

export interface PromotionForm {
  personId: number;
  kind: string;
  date: string;
  toUnit: string;
  toPost: string;
  toLevel: string;
  toRole: string;
  docNo: string;
  nonce: string | null;
}

/**
 * 提拔登记 (the card): org_admin of the cadre's county; the same checks as an import row (date not before the
 * current post, unit known, …); the record and the cadre's dated posts in one transaction, audited. A second
 * click on the same card (same nonce) finds the first record and writes nothing.
 */
export async function recordPromotion(deps: Deps, actorPersonId: number, f: PromotionForm, eventId?: string) {
  const { countyId } = await adminCounty(deps, actorPersonId, RECORD_REFUSAL);
  const at = deps.clock.now();
  const r = await deps.db.transaction(async (tx) => {
    const replay = async () => {
      if (!f.nonce) return null;
      const [done] = await tx
        .select({ id: usePromotions.id, countyId: usePromotions.countyId })
        .from(usePromotions)
        .where(eq(usePromotions.formNonce, f.nonce));
      if (done && done.countyId !== countyId) throw conflict('该登记卡片已使用，请重新发送“提拔登记”');
      return done ? { ...(await recordOf(tx, done.id)), replay: true } : null;
    };
    const before = await replay();
    if (before) return before;
    // The cadre's row is locked, then the nonce looked up again: a concurrent click of the same card waits here
    // and finds the first one's record instead of writing a second.
    const person = await personRef(tx, countyId, f.personId);
    const after = await replay();
    if (after) return after;
    if (!person) throw invalid('请选择本县在职干部');
    if (!f.docNo.trim()) throw invalid('请填写文号');
    const draft = checkFields(
      {
        line: 0,
        name: person.name,
        key: '',
        date: f.date,
        kind: f.kind,
        toUnit: f.toUnit.trim(),
        toPost: f.toPost.trim(),
        toLevel: f.toLevel.trim(),
        toRole: f.toRole.trim(),
        docNo: f.docNo.trim(),
      },
      person,
      await unitsOf(tx, countyId, today(deps)),
    );
    if (typeof draft === 'string') throw invalid(draft);
    const promotionId = await applyPromotion(tx, countyId, draft, 'card', at, f.nonce);
    await audit(tx, at, {
      actorPersonId,
      action: 'use.promotions.record',
      entity: 'person',
      entityId: draft.personId,
      eventId,
      detail: { promotionId, kind: draft.kind, date: draft.date },
    });
    return { ...(await recordOf(tx, promotionId)), replay: false, teamChanged: draft.toRole !== null };
  });
  const { teamChanged, ...record } = { teamChanged: false, ...r };
  if (teamChanged) await checkStructureAfterChange(deps, countyId);
  return record;
}

/** A promotion record as the 登记 card shows it. */
async function recordOf(db: Database, id: number) {
  const [r] = await db
    .select({
      id: usePromotions.id,
      personId: usePromotions.personId,
      name: people.name,
      kind: usePromotions.kind,
      date: usePromotions.date,
      toPost: usePromotions.toPost,
      toLevel: usePromotions.toLevel,
      docNo: usePromotions.docNo,
    })
    .from(usePromotions)
    .innerJoin(people, eq(people.id, usePromotions.personId))
    .where(eq(usePromotions.id, id));
  return r;
}

async function unitsOf(db: Database, countyId: number, on: string): Promise<Pick<Lookup, 'unitByName' | 'today'>> {
  const unitRows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.active, true)));
  return { unitByName: new Map(unitRows.map((u) => [u.name, u.id])), today: on };
}

/** The facts behind the `用` figures for a period (set-based: one query). */
export async function promotionFacts(
  db: Database,
  countyId: number,
  from: string,
  to: string,
): Promise<PromotionFact[]> {
  const rows = rowsOf<{
    date: string;
    kind: PromotionFact['kind'];
    birth_date: string;
    unit_kind: string | null;
    to_role: PromotionFact['toRole'];
    in_pool: boolean;
    lists: string[] | null;
  }>(
    await db.execute(sql`
      select pr.date::text as date, pr.kind, p.birth_date::text as birth_date, u.kind as unit_kind, pr.to_role,
        exists (select 1 from pool_entries e where e.person_id = pr.person_id and e.entered_on <= pr.date
                 and (e.exited_on is null or e.exited_on > pr.date)) as in_pool,
        (select array_agg(distinct r.list) from recommendations r where r.person_id = pr.person_id
                 and r.status = 'accepted') as lists
        from use_promotions pr
        join people p on p.id = pr.person_id
        left join units u on u.id = pr.to_unit_id
       where pr.county_id = ${countyId} and pr.date between ${from} and ${to}`),
  );
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind,
    birthDate: r.birth_date,
    toUnitKind: r.unit_kind,
    toRole: r.to_role,
    inPool: Boolean(r.in_pool),
    lists: r.lists ?? [],
  }));
}

export async function figuresFor(deps: Deps, countyId: number, from: string, to: string) {
  return useFigures(await promotionFacts(deps.db, countyId, from, to), deps.config.youngCadreMaxAge);
}

/** `用 [起始日期] [结束日期]`: org_admin, audited. */
export async function viewFigures(deps: Deps, actorPersonId: number, from: string, to: string, eventId?: string) {
  const { actor, countyId } = await adminCounty(deps, actorPersonId);
  const figures = await figuresFor(deps, countyId, from, to);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: 'use.figures.view',
    entity: 'county',
    entityId: countyId,
    eventId,
    detail: { from, to },
  });
  return figures;
}
