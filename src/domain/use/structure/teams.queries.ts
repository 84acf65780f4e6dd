/** Leadership teams as they stand on a date: one set-based query for all teams of a county. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { leadershipPositions, people, units } from '../../../db/schema/org.js';
import { activeOn } from '../../org/org.access.js';
import type { Team, TeamMember } from './teams.rules.js';

export const TEAM_KINDS = ['township', 'county_department'] as const;

/** Every active unit of the kinds in the county, with the members of its team on `on` (posts in force). */
export async function teamsOn(db: Database, countyId: number, on: string, kinds: readonly string[]): Promise<Team[]> {
  const unitRows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.active, true), inArray(units.kind, [...kinds] as any)))
    .orderBy(asc(units.sortOrder), asc(units.id));
  if (unitRows.length === 0) return [];
  const rows = await db
    .selectDistinctOn([leadershipPositions.unitId, people.id], {
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
    .innerJoin(units, eq(units.id, leadershipPositions.unitId))
    .where(
      and(
        eq(units.countyId, countyId),
        inArray(units.kind, [...kinds] as any),
        activeOn(leadershipPositions.startDate, leadershipPositions.endDate, on),
      ),
    )
    .orderBy(asc(leadershipPositions.unitId), asc(people.id));
  return group(unitRows, rows);
}

function group(unitRows: { id: number; name: string; kind: string }[], rows: TeamMember[]): Team[] {
  const byUnit = new Map<number, TeamMember[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  return unitRows.map((u) => ({ unitId: u.id, unitName: u.name, kind: u.kind, members: byUnit.get(u.id) ?? [] }));
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
