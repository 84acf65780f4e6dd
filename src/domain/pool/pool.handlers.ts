import { and, eq, like } from 'drizzle-orm';
import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { units } from '../../db/schema/org.js';
import { EXIT_REASONS, POOL_TIERS } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { ActionCtx, Router } from '../../feishu/router.js';
import { ANY_ROLE } from '../help/help.types.js';
import { observationElements } from '../observations/observations.cards.js';
import { visibleObservations } from '../observations/observations.service.js';
import { addScopeRule, loadActor } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection } from '../org/org.profile.js';
import { membersCard, overviewCard } from './pool.cards.js';
import { seedDemoPool } from './pool.demo.js';
import { entryCard } from './pool.entry.cards.js';
import { poolWorkbook } from './pool.export.js';
import { poolJobs } from './pool.jobs.js';
import { poolProfileSection } from './pool.profile.js';
import { dismissConfirmCard, proposalCard, proposalsListCard } from './pool.proposals.cards.js';
import { confirmProposal, decidable, dismissProposal } from './pool.proposals.js';
import { openProposals, proposalView } from './pool.proposals.queries.js';
import { poolReport } from './pool.report.js';
import type { PoolChange } from './pool.rules.js';
import { countyLeaderPoolCadres, isAdmin, poolViewer } from './pool.scope.js';
import { entry, MEMBERS_PAGE, manualChange, members, overview } from './pool.service.js';

const id = z.coerce.number({ message: '记录无效' }).int().positive('记录无效');
const page = z.coerce.number().int().min(0).max(100_000).default(0);
const note = z.string().trim().max(300, '说明不超过300个字').optional();
const PROPOSALS_PAGE = 5;

async function entryCardFor(deps: Deps, personId: number, entryId: number, eventId?: string) {
  const { viewer, detail, canManage, marks } = await entry(deps, personId, entryId, eventId);
  const obs = await visibleObservations(deps, viewer.actor, detail.person.id, 3);
  return entryCard(detail, {
    marks,
    today: viewer.today,
    timezone: deps.config.timezone,
    canManage,
    observations: obs ? observationElements(obs) : [],
  });
}

async function proposalsCardFor(deps: Deps, personId: number, p: number) {
  const actor = await loadActor(deps.db, personId, today(deps));
  const counties = await adminCountyIds(deps.db, actor);
  if (counties !== null && counties.length === 0) throw forbidden('调整建议仅限组织部门处理');
  const { total, views } = await openProposals(deps.db, counties, p, PROPOSALS_PAGE);
  return proposalsListCard(views, total, p, PROPOSALS_PAGE);
}

/** Sends the pool roster (xlsx) to the asker through the outbox; org_admin only. */
export async function exportPoolToChat(deps: Deps, personId: number, openId: string) {
  const v = await poolViewer(deps, personId);
  if (!isAdmin(v)) throw forbidden('资源库名册导出仅限组织部门');
  const { data, rows } = await poolWorkbook(deps.db, v.scope, v.today);
  const fileName = `年轻干部资源库名册_${v.today}.xlsx`;
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName, data });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'pool.export',
      entity: 'pool',
      detail: { count: rows, via: 'bot' },
    });
  });
  deps.outboxWake();
  return { rows, fileName };
}

function registerViews(router: Router, deps: Deps) {
  const overviewFor = async (personId: number) => {
    const o = await overview(deps, personId);
    return overviewCard(o.totals, o.byUnit, o.listed, { canExport: isAdmin(o.viewer) });
  };
  router.command(
    ['资源库', '人才库'],
    personal(deps, async (ctx) => ctx.reply(await overviewFor(ctx.actor.personId))),
    '查看年轻干部资源库（按层级、单位统计）',
  );
  router.action('pool.overview', z.object({}), async (ctx) =>
    ctx.ack({ card: { type: 'raw', data: await overviewFor(ctx.actor.personId) } }),
  );
  const filter = z.object({
    tier: z.enum(POOL_TIERS).optional(),
    status: z.enum(['active', 'watch']).optional(),
    page,
  });
  router.action('pool.members', filter, async (ctx) => {
    const { page: p, ...f } = ctx.value;
    const m = await members(deps, ctx.actor.personId, f, p);
    const card = membersCard(m.rows, m.lists, f, p, m.total, MEMBERS_PAGE, m.viewer.today, m.held, m.marks);
    ctx.ack({ card: { type: 'raw', data: card } });
  });
  router.action('pool.entry', z.object({ id }), async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await entryCardFor(deps, ctx.actor.personId, ctx.value.id, ctx.eventId) } });
  });
  addExportTarget({
    name: '资源库',
    help: '组织部门：年轻干部资源库名册',
    run: async (ctx) => {
      const { rows, fileName } = await exportPoolToChat(deps, ctx.actor.personId, ctx.sender.openId);
      await ctx.reply(notice('资源库名册已导出', `共 ${rows} 人，文件“${fileName}”随后发送。`, 'green'));
    },
  });
}

function registerManage(router: Router, deps: Deps) {
  const manage = (change: (v: any) => PoolChange, toast: string) => async (ctx: ActionCtx<any>) => {
    await manualChange(deps, ctx.actor.personId, ctx.value.id, change(ctx.value), ctx.value.note || null, ctx.eventId);
    const card = await entryCardFor(deps, ctx.actor.personId, ctx.value.id);
    ctx.ack({ toast: { type: 'success', content: toast }, card: { type: 'raw', data: card } });
  };
  const tier = z.enum(POOL_TIERS, { message: '请选择层级' });
  router.action(
    'pool.setTier',
    z.object({ id, tier, note }),
    manage((v) => ({ action: 'set_tier', toTier: v.tier }), '层级已调整'),
  );
  router.action(
    'pool.watch',
    z.object({ id, note }),
    manage(() => ({ action: 'watch' }), '已列入观察'),
  );
  router.action(
    'pool.unwatch',
    z.object({ id, note }),
    manage(() => ({ action: 'unwatch' }), '已解除观察'),
  );
  const exitReason = z.enum(EXIT_REASONS, { message: '请选择出库原因' });
  router.action(
    'pool.exit',
    z.object({ id, exitReason, note }),
    manage((v) => ({ action: 'exit', exitReason: v.exitReason }), '已调出资源库'),
  );
}

function registerProposals(router: Router, deps: Deps) {
  router.command(
    ['调整建议', '动态调整'],
    personal(deps, async (ctx) => ctx.reply(await proposalsCardFor(deps, ctx.actor.personId, 0))),
    '组织部门处理资源库动态调整建议',
  );
  router.action('pool.proposals', z.object({ page }), async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await proposalsCardFor(deps, ctx.actor.personId, ctx.value.page) } });
  });
  const decided = async (ctx: ActionCtx<{ id: number; page?: number }>, toast: string) => {
    const card =
      ctx.value.page === undefined
        ? proposalCard((await proposalView(deps.db, [ctx.value.id]))[0])
        : await proposalsCardFor(deps, ctx.actor.personId, ctx.value.page);
    ctx.ack({ toast: { type: 'success', content: toast }, card: { type: 'raw', data: card } });
  };
  const decision = z.object({ id, page: z.coerce.number().int().min(0).optional(), note });
  router.action('pool.confirm', decision, async (ctx) => {
    const res = await confirmProposal(deps, ctx.actor.personId, ctx.value.id, ctx.eventId);
    if (res.outcome === 'void') return decided(ctx, `建议已失效：${res.why}`);
    await decided(ctx, '已确认调整');
  });
  // 驳回 never decides in one click: it shows a confirmation with a required reason (prefilled from the note).
  router.action('pool.dismiss', decision, async (ctx) => {
    const view = await decidable(deps, ctx.actor.personId, ctx.value.id);
    if (view.p.status !== 'open') throw conflict('该建议已处理');
    ctx.ack({
      toast: { type: 'info', content: '请填写驳回理由并确认' },
      card: { type: 'raw', data: dismissConfirmCard(view, ctx.value.note ?? '', ctx.value.page) },
    });
  });
  const reason = z
    .string({ message: '请填写驳回理由' })
    .trim()
    .min(1, '请填写驳回理由')
    .max(300, '驳回理由不超过300个字');
  const where = z.object({ id, page: z.coerce.number().int().min(0).optional() });
  router.action('pool.dismissConfirm', where.extend({ reason }), async (ctx) => {
    await dismissProposal(deps, ctx.actor.personId, ctx.value.id, ctx.value.reason, ctx.eventId);
    await decided(ctx, '已驳回，资源库不作调整');
  });
  router.action('pool.dismissBack', where, async (ctx) => {
    await decidable(deps, ctx.actor.personId, ctx.value.id);
    const card =
      ctx.value.page === undefined
        ? proposalCard((await proposalView(deps.db, [ctx.value.id]))[0])
        : await proposalsCardFor(deps, ctx.actor.personId, ctx.value.page);
    ctx.ack({ card: { type: 'raw', data: card } });
  });
}

/** 资源库 views, export, manual management, and the proposals org_admin confirms or dismisses. */
export const poolCapability: Capability = {
  name: 'pool',
  // 资源库: every role but cadre (pool.scope.ts); 调整建议: organization department.
  help: [
    { command: '资源库', group: '选', roles: ANY_ROLE.filter((r) => r !== 'cadre'), button: true },
    { command: '调整建议', group: '管', roles: ['org_admin'] },
  ],
  register(router, deps) {
    addScopeRule('pool.countyLeaderCadres', countyLeaderPoolCadres);
    addProfileSection('pool', poolProfileSection);
    registerViews(router, deps);
    registerManage(router, deps);
    registerProposals(router, deps);
  },
  jobs: (deps) => poolJobs(deps),
  seedDemo: seedDemoPools,
  report: poolReport,
};

/**
 * Demo step, after org: every demo county (示范县, 示范2县 …) gets its own live pool — 787 people on the lists,
 * pending reviews (示范县 only: its personas recommend them), annual results with proposals, observations.
 */
async function seedDemoPools(deps: Deps): Promise<string[]> {
  const counties = await deps.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, 'county'), like(units.code, 'SFX%')))
    .orderBy(units.id);
  const sum = { pool: 0, pending: 0, proposals: 0, observations: 0 };
  for (const c of counties) {
    const r = await seedDemoPool(deps.db, {
      countyId: c.id,
      today: today(deps),
      maxAge: deps.config.youngCadreMaxAge,
      timezone: deps.config.timezone,
    });
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r?.[k] ?? 0;
  }
  return [
    `资源库：${counties.length} 个县共 ${sum.pool} 人上榜入库，待审推荐 ${sum.pending} 条，调整建议 ${sum.proposals} 条，一线识人 ${sum.observations} 条。`,
  ];
}
