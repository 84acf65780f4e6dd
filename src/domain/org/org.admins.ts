/** The organization department (org_admin): which counties a grant covers, and who receives admin cards. */
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, roleGrants, units } from '../../db/schema/org.js';
import { forbidden } from '../../errors.js';
import { type ActorContext, scopesOf } from './org.access.js';

/** Counties an org_admin covers: null = every county (a grant without a unit), [] = not an org_admin. */
export async function adminCountyIds(db: Database, actor: ActorContext): Promise<number[] | null> {
  const scopes = scopesOf(actor, 'org_admin');
  if (scopes.some((s) => s.unitId === null)) return null;
  if (scopes.length === 0) return [];
  const ids = scopes.map((s) => s.unitId as number);
  const rows = await db.select({ countyId: units.countyId }).from(units).where(inArray(units.id, ids));
  return [...new Set(rows.map((r) => r.countyId).filter((c): c is number => c !== null))];
}

/** Whether `actor` is org_admin for the county `countyId`. */
export async function adminCovers(db: Database, actor: ActorContext, countyId: number | null): Promise<boolean> {
  const counties = await adminCountyIds(db, actor);
  return counties === null || (countyId !== null && counties.includes(countyId));
}

export async function assertAdminFor(db: Database, actor: ActorContext, countyId: number | null): Promise<void> {
  if (!(await adminCovers(db, actor, countyId))) throw forbidden('此操作仅限本县组织部门');
}

const reachableAdmin = and(
  eq(roleGrants.role, 'org_admin'),
  isNull(roleGrants.revokedAt),
  eq(people.active, true),
  isNotNull(people.openId),
);

/** org_admin staff of a county who can receive cards (bound to Feishu); null = every county's. */
export async function orgAdminsOf(db: Database, countyId: number | null) {
  const grantCounty = sql`(select u.county_id from units u where u.id = ${roleGrants.unitId})`;
  return db
    .selectDistinct({ personId: people.id, openId: people.openId, name: people.name })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(
      and(
        reachableAdmin,
        countyId === null ? undefined : or(isNull(roleGrants.unitId), sql`${grantCounty} = ${countyId}`),
      ),
    )
    .orderBy(people.id) as Promise<{ personId: number; openId: string; name: string }[]>;
}

export interface AdminRecipient {
  personId: number;
  openId: string;
  /** The county an org_admin grant is limited to; null = the whole deployment. */
  countyId: number | null;
}

/** Every reachable org_admin once, with the county their grant is limited to (for per-county digests). */
export async function orgAdmins(db: Database): Promise<AdminRecipient[]> {
  const rows = await db
    .select({ personId: people.id, openId: people.openId, countyId: units.countyId })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .leftJoin(units, eq(units.id, roleGrants.unitId))
    .where(reachableAdmin);
  const seen = new Map<number, AdminRecipient>();
  for (const r of rows) {
    // A deployment-wide grant wins over a county-limited one.
    if (!seen.has(r.personId) || r.countyId === null)
      seen.set(r.personId, { personId: r.personId, openId: r.openId!, countyId: r.countyId });
  }
  return [...seen.values()];
}
