import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries, poolProposals } from '../../db/schema/pool.js';

/** A proposal with its entry and person, for cards and decisions. */
export async function proposalView(db: Database, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      p: poolProposals,
      entry: { id: poolEntries.id, tier: poolEntries.tier, status: poolEntries.status },
      person: { id: people.id, name: people.name, birthDate: people.birthDate, position: people.position },
      unitName: units.name,
      countyId: units.countyId,
    })
    .from(poolProposals)
    .innerJoin(poolEntries, eq(poolEntries.id, poolProposals.entryId))
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(inArray(poolProposals.id, ids))
    .orderBy(asc(poolProposals.id));
}
export type ProposalView = Awaited<ReturnType<typeof proposalView>>[number];

/** Open proposals of the counties an org_admin covers (null = all), oldest first. */
export async function openProposals(db: Database, countyIds: number[] | null, page: number, pageSize: number) {
  const where = and(
    eq(poolProposals.status, 'open'),
    countyIds === null ? undefined : inArray(units.countyId, countyIds.length ? countyIds : [-1]),
  );
  const from = () =>
    db
      .select({ id: poolProposals.id, n: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(poolProposals)
      .innerJoin(poolEntries, eq(poolEntries.id, poolProposals.entryId))
      .innerJoin(people, eq(people.id, poolEntries.personId))
      .innerJoin(units, eq(units.id, people.unitId));
  const rows = await from()
    .where(where)
    .orderBy(asc(poolProposals.id))
    .limit(pageSize)
    .offset(page * pageSize);
  const total = rows[0]?.n ?? (page === 0 ? 0 : Number((await from().where(where).limit(1))[0]?.n ?? 0));
  return {
    total,
    views: await proposalView(
      db,
      rows.map((r) => r.id),
    ),
  };
}
