import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import type { ActorContext, ScopeOn } from './org.access.js';
import { viewableScopeSql } from './org.access.js';

/** The person behind a Feishu sender: by open_id, else by user_id. Active people only. */
export async function findActiveBySender(db: Database, openId: string, userId?: string) {
  const cond = userId ? or(eq(people.openId, openId), eq(people.userId, userId)) : eq(people.openId, openId);
  const rows = await db
    .select({ id: people.id, name: people.name, openId: people.openId, userId: people.userId })
    .from(people)
    .where(and(eq(people.active, true), cond))
    .limit(2);
  return rows.find((r) => r.openId === openId) ?? rows[0] ?? null;
}

export const profileColumns = {
  id: people.id,
  name: people.name,
  gender: people.gender,
  birthDate: people.birthDate,
  idNumber: people.idNumber,
  mobile: people.mobile,
  email: people.email,
  education: people.education,
  educationDetail: people.educationDetail,
  unitId: people.unitId,
  unitName: units.name,
  position: people.position,
  leadershipLevel: people.leadershipLevel,
  rank: people.rank,
  cadreType: people.cadreType,
  isXuandiao: people.isXuandiao,
  isSecondee: people.isSecondee,
  isCountyLeader: people.isCountyLeader,
  politicalStatus: people.politicalStatus,
  townshipWorkStart: people.townshipWorkStart,
  active: people.active,
  openId: people.openId,
};

export type PersonRow = NonNullable<Awaited<ReturnType<typeof getPersonRow>>>;

export async function getPersonRow(db: Database, personId: number) {
  const [row] = await db
    .select(profileColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  return row ?? null;
}

/** Letters only → pinyin initials or full pinyin prefix; otherwise part of the name. */
export function searchCondition(query: string) {
  const q = query.normalize('NFKC').replace(/\s+/g, '');
  if (/^[a-zA-Z]+$/.test(q)) {
    const lower = q.toLowerCase();
    return or(ilike(people.pinyinInitials, `${lower}%`), ilike(people.pinyin, `${lower}%`));
  }
  return ilike(people.name, `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
}

/** People matching `query` within the actor's scope; exact name matches first. */
export async function searchPeople(db: Database, actor: ActorContext, query: string, on: ScopeOn, limit = 10) {
  const q = query.normalize('NFKC').replace(/\s+/g, '');
  return db
    .select({
      id: people.id,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      unitName: units.name,
      position: people.position,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(searchCondition(q), viewableScopeSql(actor, on)))
    .orderBy(
      sql`case when ${people.name} = ${q} then 0 else 1 end`,
      desc(people.active),
      asc(people.name),
      asc(people.id),
    )
    .limit(limit);
}

/** Active people without a Feishu account, within the actor's scope. */
export async function unboundPeople(db: Database, actor: ActorContext, on: ScopeOn, limit = 50) {
  const where = and(eq(people.active, true), isNull(people.openId), viewableScopeSql(actor, on));
  const [rows, [{ count }]] = await Promise.all([
    db
      .select({ id: people.id, name: people.name, unitName: units.name, mobile: people.mobile, email: people.email })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(where)
      .orderBy(asc(units.sortOrder), asc(people.id))
      .limit(limit),
    db.select({ count: sql<number>`count(*)::int` }).from(people).where(where),
  ]);
  return { rows, total: Number(count) };
}
