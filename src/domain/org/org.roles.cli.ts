import { and, asc, eq, isNull } from 'drizzle-orm';
import { defineCommand } from '../../cli/command.js';
import { table } from '../../cli/format.js';
import { people, roleGrants, units } from '../../db/schema/org.js';
import { findPerson, findUnit, grantRole, parseRole, ROLE_NAMES, revokeRole } from './org.grants.js';

export const roleGrantCommand = defineCommand({
  name: 'role grant',
  description: '授予角色（如第一位组织部门管理员）；领导角色由班子职务自动产生',
  positionals: [
    { name: '手机号或姓名', required: true },
    { name: '角色', required: true },
  ],
  options: {
    unit: { type: 'string', value: '单位', description: '范围单位（名称或代码）；org_admin 默认为本人所在县' },
    domain: { type: 'string', value: '领域', description: 'domain_dept 的领域，如 教育、卫生健康' },
  },
  run: async (ctx, { args, options }) => {
    const person = await findPerson(ctx, args[0]);
    const role = parseRole(args[1]);
    let unitId: number | null = null;
    if (typeof options.unit === 'string') unitId = (await findUnit(ctx, options.unit)).id;
    else if (role === 'org_admin') {
      const [u] = await ctx.db.select({ countyId: units.countyId }).from(units).where(eq(units.id, person.unitId));
      unitId = u?.countyId ?? null;
    }
    const domain = typeof options.domain === 'string' ? options.domain.trim() : null;
    await grantRole(ctx.deps, { personId: person.id, role, unitId, domain });
    ctx.print(`已授予 ${person.name}（${person.unitName}）角色：${ROLE_NAMES[role]}（${role}）。`);
  },
});

export const roleRevokeCommand = defineCommand({
  name: 'role revoke',
  description: '撤销授予的角色',
  positionals: [
    { name: '手机号或姓名', required: true },
    { name: '角色', required: true },
  ],
  run: async (ctx, { args }) => {
    const person = await findPerson(ctx, args[0]);
    const role = parseRole(args[1]);
    const n = await revokeRole(ctx.deps, person.id, role);
    ctx.print(`已撤销 ${person.name} 的 ${n} 项“${ROLE_NAMES[role]}”授权。`);
  },
});

export const roleListCommand = defineCommand({
  name: 'role list',
  description: '列出有效的角色授权',
  positionals: [{ name: '角色' }],
  run: async (ctx, { args }) => {
    const role = args[0] ? parseRole(args[0]) : undefined;
    const rows = await ctx.db
      .select({
        name: people.name,
        mobile: people.mobile,
        role: roleGrants.role,
        unit: units.name,
        domain: roleGrants.domain,
      })
      .from(roleGrants)
      .innerJoin(people, eq(people.id, roleGrants.personId))
      .leftJoin(units, eq(units.id, roleGrants.unitId))
      .where(and(isNull(roleGrants.revokedAt), role ? eq(roleGrants.role, role) : undefined))
      .orderBy(asc(roleGrants.role), asc(people.id));
    if (rows.length === 0) return ctx.print('没有有效的角色授权。');
    const lines = rows.map((r) => [r.name, r.mobile ?? '', ROLE_NAMES[r.role], r.unit ?? '（全部）', r.domain ?? '']);
    for (const line of table(['姓名', '手机号', '角色', '范围单位', '领域'], lines)) ctx.print(line);
  },
});
