/** Who may see which pool entries: the profile scope of SPEC §1 plus the units a list A/B holder recommends from. */
import { eq, type SQL, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import {
  type ActorContext,
  hasRole,
  linkedUnitsSql,
  loadActor,
  type ScopeRule,
  viewableScopeSql,
  youngCadreSql,
} from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { listUnitsSql } from '../recommendations/recommendations.queries.js';
import { listGrants } from '../recommendations/recommendations.rules.js';

export interface PoolViewer {
  actor: ActorContext;
  today: string;
  /** A condition on `people`: whose pool entries the viewer may see. */
  scope: SQL;
  /** Counties the viewer administers (null = all); empty when not org_admin. */
  adminCounties: number[] | null;
}

/**
 * SPEC §1: a county leader may view the pool cadres of the units he contacts or supervises — young cadres
 * with a pool entry in force that day (观察 counts), as the talks' POOL_CADRE. Installed into org's profile
 * scope with addScopeRule by poolCapability.register, so org never reads the pool's tables.
 */
export const countyLeaderPoolCadres: ScopeRule = (actor, on) =>
  hasRole(actor, 'county_leader')
    ? sql`(${youngCadreSql(on)} and ${people.unitId} in ${linkedUnitsSql(actor.personId, on)}
        and exists (select 1 from pool_entries pe where pe.person_id = ${people.id}
        and pe.entered_on <= ${on.onDate} and (pe.exited_on is null or pe.exited_on > ${on.onDate})))`
    : null;

export function scopeSql(actor: ActorContext, onDate: string, youngMaxAge: number): SQL {
  const grants = listGrants(actor.roles).filter((g) => g.list !== 'C');
  const parts = [viewableScopeSql(actor, { onDate, youngMaxAge })];
  for (const list of ['A', 'B'] as const) {
    if (grants.some((g) => g.list === list)) {
      parts.push(sql`${people.unitId} in (select ${units.id} from ${units} where ${listUnitsSql(grants, list)})`);
    }
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Loads the viewer now; a person holding no role beyond `cadre` has no pool view. */
export async function poolViewer(deps: Deps, personId: number): Promise<PoolViewer> {
  const day = today(deps);
  const actor = await loadActor(deps.db, personId, day);
  if (!actor.roles.some((r) => r.role !== 'cadre')) throw forbidden('年轻干部资源库仅对组织部门和相关领导开放');
  return {
    actor,
    today: day,
    scope: scopeSql(actor, day, deps.config.youngCadreMaxAge),
    adminCounties: await adminCountyIds(deps.db, actor),
  };
}

export const isAdmin = (v: PoolViewer) => v.adminCounties === null || v.adminCounties.length > 0;

/** Whether the viewer may see this entry (checked in the database, now). */
export async function canSeeEntry(db: Database, v: PoolViewer, entryId: number): Promise<boolean> {
  const rows = await db
    .select({ id: poolEntries.id })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .where(sql`${poolEntries.id} = ${entryId} and ${v.scope}`)
    .limit(1);
  return rows.length > 0;
}
