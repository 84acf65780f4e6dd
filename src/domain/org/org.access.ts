import { and, eq, gt, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { leadershipPositions, leaderUnitLinks, people, type Role, roleGrants, units } from '../../db/schema/org.js';
import { forbidden, notFound } from '../../errors.js';
import { maskIdNumber, maskMobile, youngBirthCutoff } from './org.rules.js';

/** One role the actor holds, with its scope (a unit, a domain), explicit or derived from org data. */
export interface RoleScope {
  role: Role;
  unitId: number | null;
  domain: string | null;
}

/** Who is acting, loaded from the database at the moment of the action. */
export interface ActorContext {
  personId: number;
  openId: string | null;
  name: string;
  unitId: number;
  /** Root county of the actor's unit. */
  countyId: number | null;
  roles: RoleScope[];
}

/** The date and young-cadre threshold a scope decision is made for. */
export interface ScopeOn {
  onDate: string;
  youngMaxAge: number;
}

/** Rows of a dated table that are in force on `on` (start inclusive, end exclusive). */
export const activeOn = (start: any, end: any, on: string): SQL =>
  and(lte(start, on), or(isNull(end), gt(end, on))) as SQL;

/** Roles from grants plus roles derived from posts and links in force on `onDate`. */
export async function loadActor(db: Database, personId: number, onDate: string): Promise<ActorContext> {
  const [person] = await db
    .select({
      id: people.id,
      openId: people.openId,
      name: people.name,
      unitId: people.unitId,
      active: people.active,
      isCountyLeader: people.isCountyLeader,
      countyId: units.countyId,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  if (!person) throw notFound('未找到该人员');
  if (!person.active) throw forbidden('您的人员信息已停用，请联系组织部门');
  const [grants, posts, links] = await Promise.all([
    db
      .select({ role: roleGrants.role, unitId: roleGrants.unitId, domain: roleGrants.domain })
      .from(roleGrants)
      .where(and(eq(roleGrants.personId, personId), isNull(roleGrants.revokedAt))),
    db
      .select({ role: leadershipPositions.role, unitId: leadershipPositions.unitId })
      .from(leadershipPositions)
      .where(
        and(
          eq(leadershipPositions.personId, personId),
          activeOn(leadershipPositions.startDate, leadershipPositions.endDate, onDate),
        ),
      ),
    db
      .select({ id: leaderUnitLinks.id })
      .from(leaderUnitLinks)
      .where(
        and(
          eq(leaderUnitLinks.leaderPersonId, personId),
          activeOn(leaderUnitLinks.startDate, leaderUnitLinks.endDate, onDate),
        ),
      )
      .limit(1),
  ]);
  const roles: RoleScope[] = grants.map((g) => ({ role: g.role, unitId: g.unitId, domain: g.domain }));
  for (const p of posts) {
    if (p.role === 'main') roles.push({ role: 'unit_main_leader', unitId: p.unitId, domain: null });
    if (p.role === 'deputy') roles.push({ role: 'unit_deputy_leader', unitId: p.unitId, domain: null });
  }
  if (person.isCountyLeader || links.length > 0) roles.push({ role: 'county_leader', unitId: null, domain: null });
  roles.push({ role: 'cadre', unitId: person.unitId, domain: null });
  return {
    personId: person.id,
    openId: person.openId,
    name: person.name,
    unitId: person.unitId,
    countyId: person.countyId,
    roles: dedupe(roles),
  };
}

function dedupe(roles: RoleScope[]): RoleScope[] {
  const seen = new Set<string>();
  return roles.filter((r) => {
    const k = `${r.role}|${r.unitId}|${r.domain}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function hasRole(actor: ActorContext, role: Role): boolean {
  return actor.roles.some((r) => r.role === role);
}

export function scopesOf(actor: ActorContext, role: Role): RoleScope[] {
  return actor.roles.filter((r) => r.role === role);
}

export function assertRole(actor: ActorContext, role: Role, message = '此操作仅限组织部门'): void {
  if (!hasRole(actor, role)) throw forbidden(message);
}

/**
 * An extra "may view" condition other capabilities add (pool cadres of a county leader's units,
 * mentees of a mentor, ...). Returns a condition on the `people` row, or null when it does not apply.
 */
export type ScopeRule = (actor: ActorContext, on: ScopeOn) => SQL | null;
const scopeRules = new Map<string, ScopeRule>();

/** Registers (or replaces) a named scope rule; idempotent, so building several bots is harmless. */
export function addScopeRule(name: string, rule: ScopeRule): void {
  scopeRules.set(name, rule);
}

/** A condition on the `people` table: an active young cadre (年轻干部) on `on.onDate`. */
export function youngCadreSql(on: ScopeOn): SQL {
  return sql`(${people.active} and ${people.birthDate} > ${youngBirthCutoff(on.onDate, on.youngMaxAge)})`;
}

/** Ids of the units a county leader contacts or supervises (联系和分管单位) on `on.onDate`, as a subquery. */
export function linkedUnitsSql(leaderPersonId: number, on: ScopeOn): SQL {
  return sql`(select l.unit_id from leader_unit_links l where l.leader_person_id = ${leaderPersonId}
    and l.start_date <= ${on.onDate} and (l.end_date is null or l.end_date > ${on.onDate}))`;
}

/**
 * A condition on the `people` table: the persons whose profile `actor` may view (SPEC §1). A county
 * leader's pool cadres and a mentor's mentees are scope rules of the pool and mentoring capabilities.
 */
export function viewableScopeSql(actor: ActorContext, on: ScopeOn): SQL {
  const young = youngCadreSql(on);
  const parts: SQL[] = [sql`${people.id} = ${actor.personId}`];
  for (const r of scopesOf(actor, 'org_admin')) {
    if (r.unitId === null) return sql`true`;
    parts.push(sql`${people.unitId} in (select u.id from units u where u.county_id =
      (select c.county_id from units c where c.id = ${r.unitId}))`);
  }
  const mainUnits = scopesOf(actor, 'unit_main_leader')
    .map((r) => r.unitId)
    .filter((u): u is number => u !== null);
  if (mainUnits.length > 0) {
    parts.push(
      sql`(${young} and ${people.unitId} in (${sql.join(
        mainUnits.map((u) => sql`${u}`),
        sql`, `,
      )}))`,
    );
  }
  if (hasRole(actor, 'unit_deputy_leader')) {
    parts.push(sql`(${young} and ${people.id} in (select s.cadre_person_id from deputy_supervisions s
      where s.deputy_person_id = ${actor.personId} and s.start_date <= ${on.onDate}
      and (s.end_date is null or s.end_date > ${on.onDate})))`);
  }
  for (const rule of scopeRules.values()) {
    const extra = rule(actor, on);
    if (extra) parts.push(sql`(${extra})`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Checked at the moment of the action, in the database, with the same condition as set-based search. */
export async function canViewPerson(
  db: Database,
  actor: ActorContext,
  personId: number,
  onDate: string,
  youngMaxAge: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), viewableScopeSql(actor, { onDate, youngMaxAge })))
    .limit(1);
  return rows.length > 0;
}

/** Only org_admin sees ID numbers and phone numbers in full. */
export function canSeePersonalData(actor: ActorContext): boolean {
  return hasRole(actor, 'org_admin');
}

export function maskPerson<T extends { idNumber?: string | null; mobile?: string | null }>(
  actor: ActorContext,
  person: T,
): T {
  if (canSeePersonalData(actor)) return person;
  return { ...person, idNumber: maskIdNumber(person.idNumber), mobile: maskMobile(person.mobile) };
}
