import { and, asc, count, eq, inArray, min, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import { type RecList, recommendations } from '../../db/schema/recommendations.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import type { ListGrant } from './recommendations.rules.js';

/** Units a list grant covers, as a condition on `units`. */
function unitCondition(g: ListGrant): SQL {
  if (g.list === 'A') return sql`(${units.id} = ${g.unitId} or ${units.parentId} = ${g.unitId})`;
  if (g.list === 'B') {
    const byDomain = g.domain
      ? sql` or (${units.domain} = ${g.domain} and ${units.countyId} = (select d.county_id from units d where d.id = ${g.unitId}))`
      : sql``;
    return sql`(${units.domainDeptUnitId} = ${g.unitId} or ${units.id} = ${g.unitId}${byDomain})`;
  }
  if (g.unitId === null) return sql`true`;
  return sql`${units.countyId} = (select c.county_id from units c where c.id = ${g.unitId})`;
}

/** Units covered by the grants of one list, as a condition on `units`. */
export function listUnitsSql(grants: readonly ListGrant[], list: RecList): SQL {
  const mine = grants.filter((g) => g.list === list);
  if (mine.length === 0) return sql`false`;
  return sql`(${sql.join(mine.map(unitCondition), sql` or `)})`;
}

/** Name contains the query, or pinyin / initials start with it (case-insensitive). */
export function nameMatchSql(query: string): SQL {
  const q = query.trim().toLowerCase();
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return sql`(${people.name} like ${like} or ${people.pinyinInitials} like ${`${q}%`} or ${people.pinyin} like ${`${q}%`})`;
}

export interface CandidateRow {
  id: number;
  name: string;
  gender: string;
  birthDate: string;
  education: string;
  unitId: number;
  unitName: string;
  position: string | null;
}

const candidateColumns = {
  id: people.id,
  name: people.name,
  gender: people.gender,
  birthDate: people.birthDate,
  education: people.education,
  unitId: people.unitId,
  unitName: units.name,
  position: people.position,
};

/** Active young cadres in the list's scope whose name, pinyin or initials match `query`. */
export async function searchCandidates(
  db: Database,
  a: { grants: readonly ListGrant[]; list: RecList; query: string; today: string; youngMaxAge: number; limit: number },
): Promise<CandidateRow[]> {
  return db
    .select(candidateColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        listUnitsSql(a.grants, a.list),
        eq(people.active, true),
        sql`${people.birthDate} > ${youngBirthCutoff(a.today, a.youngMaxAge)}`,
        nameMatchSql(a.query),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(a.limit);
}

/** The person with their unit, if the unit is covered by the grants of `list` (checked in the database). */
export async function candidateInScope(
  db: Database,
  grants: readonly ListGrant[],
  list: RecList,
  personId: number,
): Promise<(CandidateRow & { active: boolean; countyId: number | null }) | null> {
  const [row] = await db
    .select({ ...candidateColumns, active: people.active, countyId: units.countyId })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, personId), listUnitsSql(grants, list)));
  return row ?? null;
}

/** Units a list covers (for the new-person form), by sort order. */
export async function unitsInScope(db: Database, grants: readonly ListGrant[], list: RecList, limit = 100) {
  return db
    .select({ id: units.id, name: units.name, countyId: units.countyId })
    .from(units)
    .where(and(listUnitsSql(grants, list), eq(units.active, true), sql`${units.kind} <> 'county'`))
    .orderBy(asc(units.sortOrder), asc(units.id))
    .limit(limit);
}

/** Current recommendations (pending, or accepted behind a live entry) of some people. */
export async function currentRecsOf(db: Database, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db
    .select({
      id: recommendations.id,
      personId: recommendations.personId,
      list: recommendations.list,
      status: recommendations.status,
      recommenderName: people.name,
      createdAt: recommendations.createdAt,
    })
    .from(recommendations)
    .innerJoin(people, eq(people.id, recommendations.recommenderPersonId))
    .where(and(inArray(recommendations.personId, personIds), eq(recommendations.current, true)))
    .orderBy(asc(recommendations.list));
}

/** The person fields the selection cards show (name line, age, unit and position). */
export const personBrief = {
  id: people.id,
  name: people.name,
  gender: people.gender,
  birthDate: people.birthDate,
  education: people.education,
  position: people.position,
  active: people.active,
};

/** Everything a review or outcome card shows about one recommendation. */
export async function recommendationView(db: Database, id: number) {
  const [row] = await db
    .select({
      rec: recommendations,
      person: personBrief,
      unitName: units.name,
      countyId: units.countyId,
    })
    .from(recommendations)
    .innerJoin(people, eq(people.id, recommendations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(recommendations.id, id));
  if (!row) return null;
  const [recommender] = await db
    .select({ name: people.name, openId: people.openId, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, row.rec.recommenderPersonId));
  const others = await currentRecsOf(db, [row.person.id]);
  const [entry] = await db
    .select({ id: poolEntries.id, tier: poolEntries.tier, status: poolEntries.status })
    .from(poolEntries)
    .where(and(eq(poolEntries.personId, row.person.id), sql`${poolEntries.status} <> 'exited'`));
  return { ...row, recommender, lists: others, entry: entry ?? null };
}
export type RecommendationView = NonNullable<Awaited<ReturnType<typeof recommendationView>>>;

/** Pending recommendations of the counties an org_admin covers (null = every county), oldest first. */
export async function pendingPage(db: Database, countyIds: number[] | null, page: number, pageSize: number) {
  const where = and(
    eq(recommendations.status, 'pending'),
    countyIds === null ? undefined : inArray(units.countyId, countyIds.length ? countyIds : [-1]),
  );
  const base = db
    .select({ n: count(), oldest: min(recommendations.createdAt) })
    .from(recommendations)
    .innerJoin(people, eq(people.id, recommendations.personId))
    .innerJoin(units, eq(units.id, people.unitId));
  const [{ n, oldest }] = await base.where(where);
  const recommender = db.$with('rp').as(db.select({ id: people.id, name: people.name }).from(people));
  const items = await db
    .with(recommender)
    .select({
      id: recommendations.id,
      personName: people.name,
      unitName: units.name,
      list: recommendations.list,
      recommenderName: recommender.name,
      createdAt: recommendations.createdAt,
    })
    .from(recommendations)
    .innerJoin(people, eq(people.id, recommendations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .innerJoin(recommender, eq(recommender.id, recommendations.recommenderPersonId))
    .where(where)
    .orderBy(asc(recommendations.createdAt), asc(recommendations.id))
    .limit(pageSize)
    .offset(page * pageSize);
  return { total: Number(n), oldest, items };
}
