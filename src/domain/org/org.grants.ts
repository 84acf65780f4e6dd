import { and, eq, isNull, or } from 'drizzle-orm';
import { people, ROLES, type Role, roleGrants, units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { audit } from './org.audit.js';

export const ROLE_NAMES: Record<Role, string> = {
  org_admin: '组织部门',
  county_leader: '县级领导',
  unit_main_leader: '单位主要领导',
  unit_deputy_leader: '单位分管领导',
  unit_party_org: '单位党组织',
  domain_dept: '领域主管部门',
  discipline_liaison: '纪委/信访联络人',
  cadre: '干部',
};

/** A role by its key or Chinese name. */
export function parseRole(text: string): Role {
  const t = text.trim();
  const role = (ROLES as readonly string[]).includes(t) ? (t as Role) : ROLES.find((r) => ROLE_NAMES[r] === t);
  if (!role) throw invalid(`没有角色“${text}”。可用：${ROLES.map((r) => `${r}（${ROLE_NAMES[r]}）`).join('、')}`);
  return role;
}

/** An active person by mobile, or by a name that is unique. */
export async function findPerson(deps: Pick<Deps, 'db'>, who: string) {
  const t = who.trim();
  const rows = await deps.db
    .select({ id: people.id, name: people.name, unitId: people.unitId, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(people.active, true), or(eq(people.mobile, t), eq(people.name, t))));
  if (rows.length === 0) throw notFound(`未找到在职人员“${who}”（按手机号或姓名查找）`);
  if (rows.length > 1) {
    throw invalid(
      `“${who}”有 ${rows.length} 人：${rows.map((r) => `${r.name}（${r.unitName}）`).join('、')}，请改用手机号`,
    );
  }
  return rows[0];
}

/** A unit by code or unique name. */
export async function findUnit(deps: Pick<Deps, 'db'>, text: string) {
  const rows = await deps.db
    .select({ id: units.id, name: units.name, countyId: units.countyId })
    .from(units)
    .where(or(eq(units.code, text.trim()), eq(units.name, text.trim())));
  if (rows.length === 0) throw notFound(`未找到单位“${text}”`);
  if (rows.length > 1) throw invalid(`单位“${text}”重名，请改用单位代码`);
  return rows[0];
}

export interface GrantInput {
  personId: number;
  role: Role;
  unitId: number | null;
  domain: string | null;
  actorPersonId?: number | null;
}

/** Grants a role (scope: unit, domain); refuses a duplicate active grant. Audited. */
export async function grantRole(deps: Pick<Deps, 'db' | 'clock'>, g: GrantInput): Promise<number> {
  if (g.role === 'domain_dept' && !g.domain) throw invalid('领域主管部门须指定领域（如 教育、卫生健康）');
  if ((g.role === 'unit_party_org' || g.role === 'domain_dept') && g.unitId === null) throw invalid('须指定单位');
  return deps.db.transaction(async (tx) => {
    const same = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.personId, g.personId),
          eq(roleGrants.role, g.role),
          g.unitId === null ? isNull(roleGrants.unitId) : eq(roleGrants.unitId, g.unitId),
          isNull(roleGrants.revokedAt),
        ),
      );
    if (same.length > 0) throw conflict('该人员已有此角色');
    const now = deps.clock.now();
    const [row] = await tx
      .insert(roleGrants)
      .values({ personId: g.personId, role: g.role, unitId: g.unitId, domain: g.domain, grantedAt: now })
      .returning({ id: roleGrants.id });
    await audit(tx, now, {
      actorPersonId: g.actorPersonId ?? null,
      action: 'role.grant',
      entity: 'role_grant',
      entityId: row.id,
      detail: { personId: g.personId, role: g.role, unitId: g.unitId, domain: g.domain },
    });
    return row.id;
  });
}

/** Revokes every active grant of `role` held by the person. Audited. */
export async function revokeRole(
  deps: Pick<Deps, 'db' | 'clock'>,
  personId: number,
  role: Role,
  actorPersonId?: number,
) {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const revoked = await tx
      .update(roleGrants)
      .set({ revokedAt: now })
      .where(and(eq(roleGrants.personId, personId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)))
      .returning({ id: roleGrants.id });
    if (revoked.length === 0) throw notFound('该人员没有此角色的授权（领导角色由班子职务自动产生，无需授权）');
    await audit(
      tx,
      now,
      ...revoked.map((r) => ({
        actorPersonId: actorPersonId ?? null,
        action: 'role.revoke',
        entity: 'role_grant',
        entityId: r.id,
        detail: { personId, role },
      })),
    );
    return revoked.length;
  });
}
