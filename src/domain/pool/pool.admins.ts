import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, roleGrants, units } from '../../db/schema/org.js';
import { forbidden } from '../../errors.js';
import { type ActorContext, scopesOf } from '../org/org.access.js';

/** Whether `actor` is org_admin for the county `countyId` (a grant without a unit covers every county). */
export async function adminCovers(db: Database, actor: ActorContext, countyId: number | null): Promise<boolean> {
  const scopes = scopesOf(actor, 'org_admin');
  if (scopes.length === 0) return false;
  if (scopes.some((s) => s.unitId === null)) return true;
  const ids = scopes.map((s) => s.unitId as number);
  const rows = await db.select({ countyId: units.countyId }).from(units).where(inArray(units.id, ids));
  return rows.some((r) => r.countyId === countyId);
}

export async function assertAdminFor(db: Database, actor: ActorContext, countyId: number | null): Promise<void> {
  if (!(await adminCovers(db, actor, countyId))) throw forbidden('此操作仅限本县组织部门');
}

/** org_admin staff of a county who can receive cards (bound to Feishu). */
export async function orgAdminsOf(db: Database, countyId: number | null) {
  const grantCounty = sql`(select u.county_id from units u where u.id = ${roleGrants.unitId})`;
  return db
    .selectDistinct({ personId: people.id, openId: people.openId, name: people.name })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(
      and(
        eq(roleGrants.role, 'org_admin'),
        isNull(roleGrants.revokedAt),
        eq(people.active, true),
        isNotNull(people.openId),
        countyId === null ? undefined : or(isNull(roleGrants.unitId), sql`${grantCounty} = ${countyId}`),
      ),
    )
    .orderBy(people.id) as Promise<{ personId: number; openId: string; name: string }[]>;
}

/** Counties an org_admin covers: null = every county. */
export async function adminCountyIds(db: Database, actor: ActorContext): Promise<number[] | null> {
  const scopes = scopesOf(actor, 'org_admin');
  if (scopes.some((s) => s.unitId === null)) return null;
  if (scopes.length === 0) return [];
  const ids = scopes.map((s) => s.unitId as number);
  const rows = await db.select({ countyId: units.countyId }).from(units).where(inArray(units.id, ids));
  return [...new Set(rows.map((r) => r.countyId).filter((c): c is number => c !== null))];
}
