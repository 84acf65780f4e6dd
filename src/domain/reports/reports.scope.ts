/** Who may ask for the report and over which units (org_admin: the county; county leader: his units). */
import { type SQL, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { type ActorContext, hasRole, loadActor } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import type { ReportScope } from './reports.types.js';

export const REPORT_REFUSED = '工作进展汇报仅限组织部门和县级领导查看';

export interface ReportViewer {
  actor: ActorContext;
  scope: ReportScope;
  /** '全县' or '联系和分管单位（N 个）'. */
  label: string;
  admin: boolean;
}

/** Resolves the asker's scope now; throws forbidden for anyone else (the router audits the refusal). */
export async function reportViewer(deps: Deps, personId: number): Promise<ReportViewer> {
  const day = today(deps);
  const actor = await loadActor(deps.db, personId, day);
  const counties = await adminCountyIds(deps.db, actor);
  if ((counties === null || counties.length > 0) && actor.countyId !== null) {
    const countyId = counties === null || counties.includes(actor.countyId) ? actor.countyId : counties[0];
    return { actor, scope: { countyId, unitIds: null }, label: '全县', admin: true };
  }
  if (hasRole(actor, 'county_leader') && actor.countyId !== null) {
    const rows = rowsOf<{ unit_id: number }>(
      await deps.db.execute(sql`
        select distinct l.unit_id from leader_unit_links l
         where l.leader_person_id = ${personId} and l.start_date <= ${day}
           and (l.end_date is null or l.end_date > ${day}) order by 1`),
    );
    const unitIds = rows.map((r) => Number(r.unit_id));
    return {
      actor,
      scope: { countyId: actor.countyId, unitIds },
      label: `联系和分管单位（${unitIds.length} 个）`,
      admin: false,
    };
  }
  throw forbidden(REPORT_REFUSED);
}

/**
 * A condition on a `people` row (alias `p`, e.g. 'c' for the cadre): the person belongs to the scope's units.
 * For capabilities' report queries.
 */
export function inScopeSql(scope: ReportScope, alias: string): SQL {
  const col = sql.raw(`${alias}.unit_id`);
  if (scope.unitIds !== null) return scope.unitIds.length ? sql`${col} in ${scope.unitIds}` : sql`false`;
  return sql`${col} in (select su.id from units su where su.id = ${scope.countyId} or su.county_id = ${scope.countyId})`;
}
