import { z } from 'zod';
import type { Capability, DemoOptions } from '../../capability.js';
import type { Deps } from '../../deps.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { Actor, CommandCtx, Router } from '../../feishu/router.js';
import { LEADER_ROLES } from '../help/help.types.js';
import { seedDemo } from './demo/seed.js';
import { assertRole, loadActor } from './org.access.js';
import { registerActorResolver } from './org.actors.js';
import { bindAccounts, bindByHand } from './org.binding.js';
import { bindResultCard, noMatchCard, pickListCard, profileCard, searchUsageCard, unboundCard } from './org.cards.js';
import { exportTargets, findExportTargetWithArgs } from './org.exports.js';
import { scopeOn, searchForActor, viewProfile } from './org.profile.js';
import { unboundPeople } from './org.queries.js';
import { registerRoster } from './roster/roster.handlers.js';
import { registerStructure } from './structure/structure.handlers.js';

const actorNow = (deps: Deps, a: Actor) => loadActor(deps.db, a.personId, scopeOn(deps).onDate);

async function profileFor(deps: Deps, a: Actor, personId: number, eventId: string) {
  const actor = await actorNow(deps, a);
  const { person, sections, onDate } = await viewProfile(deps, actor, personId, { eventId });
  return profileCard(person, onDate, deps.config.youngCadreMaxAge, sections);
}

async function search(deps: Deps, ctx: CommandCtx): Promise<void> {
  const query = ctx.args.trim();
  if (!query) return ctx.reply(searchUsageCard());
  const actor = await actorNow(deps, ctx.actor);
  const { matches, more } = await searchForActor(deps, actor, query, { eventId: ctx.eventId });
  if (matches.length === 0) return ctx.reply(noMatchCard(query));
  if (matches.length === 1) return ctx.reply(await profileFor(deps, ctx.actor, matches[0].id, ctx.eventId));
  return ctx.reply(pickListCard(query, matches, more));
}

async function unbound(deps: Deps, ctx: CommandCtx): Promise<void> {
  const actor = await actorNow(deps, ctx.actor);
  assertRole(actor, 'org_admin', '只有组织部门可以查看账号绑定情况');
  const { rows, total } = await unboundPeople(deps.db, actor, scopeOn(deps), 100);
  return ctx.reply(unboundCard(rows, total));
}

async function exportCommand(ctx: CommandCtx): Promise<void> {
  const found = findExportTargetWithArgs(ctx.args);
  if (found) return found.target.run({ ...ctx, args: found.rest });
  const list = exportTargets()
    .map((t) => `- **导出 ${t.name}**：${t.help}`)
    .join('\n');
  return ctx.reply(notice('导出', `请写明要导出什么，例如“导出 花名册”。可导出：\n${list}`));
}

function registerActions(router: Router, deps: Deps): void {
  router.action('org.view', z.object({ personId: z.coerce.number().int().positive('人员编号有误') }), async (ctx) => {
    const c = await profileFor(deps, ctx.actor, ctx.value.personId, ctx.eventId);
    await enqueue(deps.db, { kind: 'send', to: { openId: ctx.actor.openId }, card: c });
    deps.outboxWake();
    ctx.ack({ toast: { type: 'success', content: '已发送干部信息' } });
  });
  const bindSchema = z.object({
    personId: z.coerce.number({ message: '请选择人员' }).int().positive('请选择人员'),
    openId: z.string({ message: '请选择飞书用户' }).min(1, '请选择飞书用户'),
  });
  router.action('org.bind', bindSchema, async (ctx) => {
    const actor = await actorNow(deps, ctx.actor);
    const { name } = await bindByHand(deps, actor, ctx.value.personId, ctx.value.openId, { eventId: ctx.eventId });
    ctx.ack({ toast: { type: 'success', content: `已为${name}绑定飞书账号` } });
  });
  router.action('org.autobind', z.object({}), async (ctx) => {
    const actor = await actorNow(deps, ctx.actor);
    assertRole(actor, 'org_admin', '只有组织部门可以绑定账号');
    ctx.ack({ toast: { type: 'info', content: '正在按手机号/邮箱匹配，完成后通知您' } });
    const result = await bindAccounts(deps, { actor });
    await enqueue(deps.db, { kind: 'send', to: { openId: ctx.actor.openId }, card: bindResultCard(result) });
    deps.outboxWake();
  });
}

/** Local mode (SEED_DEMO=auto): binds Feishu accounts by mobile or email on every start. */
async function onStart(deps: Deps): Promise<void> {
  if (deps.config.seedDemo !== 'auto') return;
  const bound = await bindAccounts(deps);
  if (bound.checked > 0) deps.log.info(bound, '飞书账号绑定 / accounts bound');
}

/** The demo county's people, units, leadership, links and role grants, at full scale (`scale` counties). */
async function seedDemoCounty(deps: Deps, opts: DemoOptions): Promise<string[]> {
  const r = await seedDemo(deps.db, {
    ...opts,
    clock: deps.clock,
    timezone: deps.config.timezone,
    termStart: deps.config.termStartDate,
  });
  return [
    `已生成 ${r.counties} 个县、${r.units} 个单位、${r.people} 名干部。`,
    `班子职务 ${r.positions}，分管关系 ${r.supervisions}，联系/分管单位 ${r.links}，角色授权 ${r.grants}。`,
  ];
}

/** The county: who is who, who may see whom, roster import/export, 查询, account binding. */
export const org: Capability = {
  name: 'org',
  help: [
    {
      command: '查询',
      group: '通用',
      roles: ['org_admin', ...LEADER_ROLES, 'unit_party_org', 'domain_dept'],
      button: true,
    },
    { command: '未绑定', group: '通用', roles: ['org_admin'] },
    { command: '导出', group: '报告', roles: ['org_admin'] },
  ],
  register(router, deps) {
    registerActorResolver(router, deps);
    router.command(
      ['查询'],
      personal(deps, (ctx) => search(deps, ctx)),
      '查询干部信息：查询 姓名 或 拼音首字母（如 查询 csy）',
    );
    router.command(
      ['未绑定', '绑定账号'],
      personal(deps, (ctx) => unbound(deps, ctx)),
      '组织部门：查看未绑定飞书账号的人员并手动绑定',
    );
    router.command(['导出'], personal(deps, exportCommand), '导出花名册等（组织部门）：导出 花名册');
    registerStructure(router, deps);
    registerRoster(router, deps);
    registerActions(router, deps);
  },
  seedDemo: seedDemoCounty,
  onStart,
};
