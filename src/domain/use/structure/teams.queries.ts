/** Leadership teams as they stand on a date: one set-based query for all teams of a county. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../../db/client.js';
import { leadershipPositions, people, units } from '../../../db/schema/org.js';
import { activeOn } from '../../org/org.access.js';
import type { Team, TeamMember } from './teams.rules.js';

export const TEAM_KINDS = ['township', 'county_department'] as const;

/** Every active unit of the kinds in the county, with the members of its team on `on` (posts in force). */
export async function teamsOn(db: Database, countyId: number, on: string, kinds: readonly string[]): Promise<Team[]> {
  return (await teamsOfCounties(db, [countyId], on, kinds)).get(countyId) ?? [];
}

/**
 * The teams of several counties (null: every county) on `on`, by county: two set-based queries whatever the
 * number of counties and teams (the units, then every member in force), grouped in memory.
 */
export async function teamsOfCounties(
  db: Database,
  countyIds: readonly number[] | null,
  on: string,
  kinds: readonly string[],
): Promise<Map<number, Team[]>> {
  const out = new Map<number, Team[]>();
  if (countyIds !== null && countyIds.length === 0) return out;
  const inCounties = countyIds === null ? sql`u.county_id is not null` : sql`u.county_id in ${[...countyIds]}`;
  const kindList = sql`u.kind in ${[...kinds]}`;
  const unitRows = rowsOf<{ id: number; name: string; kind: string; county_id: number }>(
    await db.execute(sql`
      select u.id, u.name, u.kind, u.county_id from units u
       where ${inCounties} and u.active and ${kindList}
       order by u.county_id, u.sort_order, u.id`),
  );
  if (unitRows.length === 0) return out;
  // One row per (team, member): several posts of one person in one team count once.
  const rows = rowsOf<{
    unit_id: number;
    person_id: number;
    name: string;
    birth_date: string;
    gender: string;
    education: string;
    township_work_start: string | null;
  }>(
    await db.execute(sql`
      select m.unit_id, p.id as person_id, p.name, p.birth_date::text as birth_date, p.gender, p.education,
             p.township_work_start::text as township_work_start
        from (select distinct lp.unit_id, lp.person_id
                from leadership_positions lp join units u on u.id = lp.unit_id
               where ${inCounties} and ${kindList}
                 and lp.start_date <= ${on} and (lp.end_date is null or lp.end_date > ${on})) m
        join people p on p.id = m.person_id
       order by m.unit_id, p.id`),
  );
  const byUnit = new Map<number, TeamMember[]>();
  for (const r of rows) {
    const unitId = Number(r.unit_id);
    let list = byUnit.get(unitId);
    if (!list) {
      list = [];
      byUnit.set(unitId, list);
    }
    list.push({
      unitId,
      personId: Number(r.person_id),
      name: r.name,
      birthDate: r.birth_date,
      gender: r.gender,
      education: r.education,
      townshipWorkStart: r.township_work_start,
    });
  }
  for (const u of unitRows) {
    const countyId = Number(u.county_id);
    let teams = out.get(countyId);
    if (!teams) {
      teams = [];
      out.set(countyId, teams);
    }
    teams.push({ unitId: Number(u.id), unitName: u.name, kind: u.kind, members: byUnit.get(Number(u.id)) ?? [] });
  }
  return out;
}

/** The same teams, one query per team (the benchmark's baseline: what a per-team loop costs). */
export async function teamsOnPerTeam(
  db: Database,
  countyId: number,
  on: string,
  kinds: readonly string[],
): Promise<Team[]> {
  const unitRows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.active, true), inArray(units.kind, [...kinds] as any)))
    .orderBy(asc(units.sortOrder), asc(units.id));
  const out: Team[] = [];
  for (const u of unitRows) {
    const members = await db
      .selectDistinct({
        unitId: leadershipPositions.unitId,
        personId: people.id,
        name: people.name,
        birthDate: people.birthDate,
        gender: people.gender,
        education: people.education,
        townshipWorkStart: people.townshipWorkStart,
      })
      .from(leadershipPositions)
      .innerJoin(people, eq(people.id, leadershipPositions.personId))
      .where(
        and(
          eq(leadershipPositions.unitId, u.id),
          activeOn(leadershipPositions.startDate, leadershipPositions.endDate, on),
        ),
      );
    out.push({ unitId: u.id, unitName: u.name, kind: u.kind, members });
  }
  return out;
}

/** Counties (id, name) that have township units. */
export async function countiesWithTownships(db: Database): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(
      and(
        eq(units.kind, 'county'),
        sql`exists (select 1 from units t where t.county_id = ${units.id} and t.kind = 'township')`,
      ),
    )
    .orderBy(asc(units.id));
}

export async function countyName(db: Database, countyId: number): Promise<string> {
  const [r] = await db.select({ name: units.name }).from(units).where(eq(units.id, countyId));
  return r?.name ?? '';
}

/** A cadre for the what-if (any active person of the county). */
export async function memberOf(
  db: Database,
  personId: number,
): Promise<(TeamMember & { countyId: number | null }) | null> {
  const [r] = await db
    .select({
      personId: people.id,
      name: people.name,
      unitId: people.unitId,
      birthDate: people.birthDate,
      gender: people.gender,
      education: people.education,
      townshipWorkStart: people.townshipWorkStart,
      countyId: units.countyId,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.id, personId), eq(people.active, true)));
  return r ?? null;
}
