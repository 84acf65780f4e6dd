import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { type PoolStatus, type PoolTier, poolEntries, poolHistory, poolProposals } from '../../db/schema/pool.js';
import { recommendations } from '../../db/schema/recommendations.js';
import { personBrief } from '../recommendations/recommendations.queries.js';

/** Live entries (active or on watch) of people matching `scope` (a condition on `people`). */
const live = sql`${poolEntries.status} <> 'exited'`;

export interface TierCounts {
  near_term: number;
  mid_term: number;
  long_term: number;
  watch: number;
  total: number;
}

export interface UnitCounts extends TierCounts {
  unitId: number;
  unitName: string;
}

const tierSums = {
  near_term: sql<number>`count(*) filter (where ${poolEntries.tier} = 'near_term')`.mapWith(Number),
  mid_term: sql<number>`count(*) filter (where ${poolEntries.tier} = 'mid_term')`.mapWith(Number),
  long_term: sql<number>`count(*) filter (where ${poolEntries.tier} = 'long_term')`.mapWith(Number),
  watch: sql<number>`count(*) filter (where ${poolEntries.status} = 'watch')`.mapWith(Number),
  total: count(),
};

/** Counts per tier, and per unit (largest first), of the live pool within `scope`. */
export async function poolCounts(db: Database, scope: SQL, unitLimit = 40) {
  const base = () =>
    db
      .select({ ...tierSums })
      .from(poolEntries)
      .innerJoin(people, eq(people.id, poolEntries.personId));
  const [totals] = await base().where(and(live, scope));
  const byUnit = await db
    .select({ unitId: units.id, unitName: units.name, ...tierSums })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(live, scope))
    .groupBy(units.id, units.name, units.sortOrder)
    .orderBy(desc(count()), asc(units.sortOrder), asc(units.id))
    .limit(unitLimit);
  return { totals: totals as TierCounts, byUnit: byUnit as UnitCounts[] };
}

export interface MemberFilter {
  tier?: PoolTier;
  status?: PoolStatus;
  unitId?: number;
}

/** A page of live pool members within `scope`. */
export async function poolMembers(db: Database, scope: SQL, f: MemberFilter, page: number, pageSize: number) {
  const where = and(
    live,
    scope,
    f.tier ? eq(poolEntries.tier, f.tier) : undefined,
    f.status ? eq(poolEntries.status, f.status) : undefined,
    f.unitId ? eq(people.unitId, f.unitId) : undefined,
  );
  const [{ n }] = await db
    .select({ n: count() })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .where(where);
  const rows = await db
    .select({
      entryId: poolEntries.id,
      personId: people.id,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      unitName: units.name,
      position: people.position,
      tier: poolEntries.tier,
      status: poolEntries.status,
    })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.sortOrder), asc(people.name), asc(people.id))
    .limit(pageSize)
    .offset(page * pageSize);
  return { total: Number(n), rows };
}

/** Distinct lists behind some entries. */
export async function listsOfEntries(db: Database, entryIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (entryIds.length === 0) return out;
  const rows = await db
    .selectDistinct({ entryId: recommendations.poolEntryId, list: recommendations.list })
    .from(recommendations)
    .where(and(inArray(recommendations.poolEntryId, entryIds), eq(recommendations.status, 'accepted')))
    .orderBy(recommendations.list);
  for (const r of rows) {
    if (r.entryId === null) continue;
    out.set(r.entryId, [...(out.get(r.entryId) ?? []), r.list]);
  }
  return out;
}

/** An entry with its person, recommendations, history and open proposals. */
export async function entryDetail(db: Database, entryId: number) {
  const [row] = await db
    .select({
      entry: poolEntries,
      person: personBrief,
      unitName: units.name,
      countyId: units.countyId,
    })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(poolEntries.id, entryId));
  if (!row) return null;
  const decider = sql<string | null>`(select p.name from people p where p.id = ${poolHistory.decidedByPersonId})`;
  const [recs, history, proposals] = await Promise.all([
    db
      .select({
        id: recommendations.id,
        list: recommendations.list,
        recommenderName: sql<string>`(select p.name from people p where p.id = ${recommendations.recommenderPersonId})`,
        reason: recommendations.reason,
        createdAt: recommendations.createdAt,
      })
      .from(recommendations)
      .where(and(eq(recommendations.poolEntryId, entryId), eq(recommendations.status, 'accepted')))
      .orderBy(asc(recommendations.list)),
    db
      .select({ h: poolHistory, deciderName: decider })
      .from(poolHistory)
      .where(eq(poolHistory.entryId, entryId))
      .orderBy(asc(poolHistory.at), asc(poolHistory.id)),
    db
      .select()
      .from(poolProposals)
      .where(and(eq(poolProposals.entryId, entryId), eq(poolProposals.status, 'open')))
      .orderBy(asc(poolProposals.id)),
  ]);
  return { ...row, recs, history, proposals };
}
export type EntryDetail = NonNullable<Awaited<ReturnType<typeof entryDetail>>>;

/** For the profile card (查询): the person's live pool entry with its lists, or null. */
export async function poolSummaryFor(db: Database, personId: number) {
  const [entry] = await db
    .select({
      id: poolEntries.id,
      tier: poolEntries.tier,
      status: poolEntries.status,
      enteredOn: poolEntries.enteredOn,
    })
    .from(poolEntries)
    .where(and(eq(poolEntries.personId, personId), live));
  if (!entry) return null;
  const lists = (await listsOfEntries(db, [entry.id])).get(entry.id) ?? [];
  return { entryId: entry.id, tier: entry.tier, status: entry.status, enteredOn: entry.enteredOn, lists };
}
export type PoolSummary = NonNullable<Awaited<ReturnType<typeof poolSummaryFor>>>;

/**
 * 上榜人数: people (not recommendations) on the three lists and in the live pool, within `scope`;
 * with per-list people counts (a person on two lists counts once in `people`, once in each list).
 */
export async function listedCounts(db: Database, scope: SQL = sql`true`) {
  const rows = await db
    .select({
      list: recommendations.list,
      n: sql<number>`count(distinct ${recommendations.personId})`.mapWith(Number),
    })
    .from(recommendations)
    .innerJoin(poolEntries, eq(poolEntries.id, recommendations.poolEntryId))
    .innerJoin(people, eq(people.id, recommendations.personId))
    .where(and(eq(recommendations.status, 'accepted'), live, scope))
    .groupBy(recommendations.list);
  const [{ n }] = await db
    .select({ n: sql<number>`count(distinct ${recommendations.personId})`.mapWith(Number) })
    .from(recommendations)
    .innerJoin(poolEntries, eq(poolEntries.id, recommendations.poolEntryId))
    .innerJoin(people, eq(people.id, recommendations.personId))
    .where(and(eq(recommendations.status, 'accepted'), live, scope));
  const byList = { A: 0, B: 0, C: 0 } as Record<'A' | 'B' | 'C', number>;
  for (const r of rows) byList[r.list] = r.n;
  return { people: n, byList };
}
