import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { deputySupervisions, leadershipPositions, leaderUnitLinks, people, units } from '../../../db/schema/org.js';
import type { DatedStored } from './structure.dated.js';
import { linkKey, supervisionKey } from './structure.links.js';
import { postKey, type StoredPost } from './structure.posts.js';
import { codeKey, type ExistingUnit } from './structure.units.js';

const CHUNK = 5_000;

/** Runs `query` over `ids` in chunks (PostgreSQL caps a statement at 65,535 parameters). */
async function chunked<T>(ids: number[], query: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await query(ids.slice(i, i + CHUNK))));
  return out;
}

const unitColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  kind: units.kind,
  parentId: units.parentId,
  countyId: units.countyId,
  domain: units.domain,
  domainDeptUnitId: units.domainDeptUnitId,
  sortOrder: units.sortOrder,
};

/** Every unit of `countyIds` (null: every unit), active or not, in display order. */
export async function scopeUnits(db: Database, countyIds: number[] | null): Promise<ExistingUnit[]> {
  return db
    .select(unitColumns)
    .from(units)
    .where(countyIds ? inArray(units.countyId, countyIds) : undefined)
    .orderBy(units.countyId, units.sortOrder, units.id);
}

/** Every unit code in the database (upper-cased) → unit id. */
export async function allUnitCodes(db: Database): Promise<Map<string, number>> {
  const rows = await db.select({ id: units.id, code: units.code }).from(units);
  return new Map(rows.map((u) => [codeKey(u.code), u.id]));
}

/** Posts of `personIds`, and the main-leader posts of `unitIds` (for the one-main-leader check). */
export async function storedPosts(db: Database, personIds: number[], unitIds: number[]): Promise<StoredPost[]> {
  const query = (where: SQL | undefined) =>
    db
      .select({
        id: leadershipPositions.id,
        personId: leadershipPositions.personId,
        personName: people.name,
        unitId: leadershipPositions.unitId,
        role: leadershipPositions.role,
        title: leadershipPositions.title,
        startDate: leadershipPositions.startDate,
        endDate: leadershipPositions.endDate,
      })
      .from(leadershipPositions)
      .innerJoin(people, eq(people.id, leadershipPositions.personId))
      .where(where);
  const mine = await chunked(personIds, (part) => query(inArray(leadershipPositions.personId, part)));
  const mains = await chunked(unitIds, (part) =>
    query(and(eq(leadershipPositions.role, 'main'), inArray(leadershipPositions.unitId, part))),
  );
  const seen = new Set(mine.map((p) => p.id));
  return [...mine, ...mains.filter((p) => !seen.has(p.id))];
}

export const postStored = (p: StoredPost): DatedStored => ({
  id: p.id,
  key: postKey(p, p.startDate),
  end: p.endDate,
  attrs: { title: p.title },
});

export async function storedLinks(db: Database, leaderIds: number[]): Promise<DatedStored[]> {
  const rows = await chunked(leaderIds, (part) =>
    db.select().from(leaderUnitLinks).where(inArray(leaderUnitLinks.leaderPersonId, part)),
  );
  return rows.map((l) => ({
    id: l.id,
    key: linkKey(l.leaderPersonId, l.unitId, l.kind, l.startDate),
    end: l.endDate,
    attrs: {},
  }));
}

export async function storedSupervisions(db: Database, deputyIds: number[]): Promise<DatedStored[]> {
  const rows = await chunked(deputyIds, (part) =>
    db.select().from(deputySupervisions).where(inArray(deputySupervisions.deputyPersonId, part)),
  );
  return rows.map((s) => ({
    id: s.id,
    key: supervisionKey(s.deputyPersonId, s.cadrePersonId, s.startDate),
    end: s.endDate,
    attrs: { area: s.area },
  }));
}

/** The counties named by a CLI --county value (name or code). */
export async function countiesNamed(db: Database, raw: string): Promise<number[]> {
  const t = raw.trim();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, 'county'), or(eq(units.name, t), eq(units.code, t))));
  return rows.map((r) => r.id);
}
