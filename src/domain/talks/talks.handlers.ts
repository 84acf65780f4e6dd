import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import type { Card } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { ActionCtx, Router } from '../../feishu/router.js';
import { LEADER_ROLES } from '../help/help.types.js';
import { addProfileSection } from '../org/org.profile.js';
import { registerTalkAdmin } from './talks.admin.handlers.js';
import { talkFormCard, talkSummaryCard } from './talks.cards.js';
import { DEMO_COUNTY_CODE, seedDemoTalks } from './talks.demo.js';
import { talksDigestSection } from './talks.digest.js';
import { registerTalkLedgers } from './talks.exports.js';
import { formSourceRef, updateSourceCard } from './talks.followup.js';
import { talkJobs } from './talks.jobs.js';
import { talksProfileSection } from './talks.profile.js';
import { peopleByIds, talkView } from './talks.queries.js';
import { talksReport } from './talks.report.js';
import { periodsCounted, recordTalk, solveProblem, type Talkable, talkableCadres } from './talks.service.js';
import { registerTalkStats } from './talks.stats.handlers.js';
import { olderOverdueCard, todoCard, todoListCard } from './talks.todo.cards.js';
import { olderOverdueOf, todoOf } from './talks.todo.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

export const SubmitSchema = z.object({
  n: z.string().max(64).optional(),
  cadre: id('请选择谈话对象'),
  date: z.string({ message: '请选择谈话日期' }).min(1, '请选择谈话日期'),
  kind: z.enum(['regular', 'flexible'], { message: '请选择谈话方式（常规谈/灵活谈）' }),
  tone: z.enum(['encourage', 'warning'], { message: '请选择谈话类型（鼓励谈/警醒谈）' }),
  topics: z.string({ message: '请填写谈话主题' }).max(500, '谈话主题请控制在 500 字以内'),
  problems: z.string().max(1000, '反映的问题请控制在 1000 字以内').optional(),
  notes: z.string().max(1000, '备注请控制在 1000 字以内').optional(),
  /** A linked record (talks.links.ts), e.g. 'clue:12'. */
  l: z.string().max(40).optional(),
});

const matches = (c: Talkable, q: string) =>
  c.name.includes(q) || c.pinyin.replace(/\s/g, '').toLowerCase().startsWith(q) || c.pinyinInitials.toLowerCase() === q;

/** The talk form for `leaderId`, optionally filtered by a name and with one cadre pre-selected. */
export async function talkForm(
  deps: Deps,
  leaderId: number,
  opts: { filter?: string; preselect?: number; link?: { ref: string; note: string } },
) {
  const day = today(deps);
  const [me] = [...(await peopleByIds(deps.db, [leaderId])).values()];
  let cadres = await talkableCadres(deps, leaderId, day);
  if (opts.preselect !== undefined && !cadres.some((c) => c.id === opts.preselect)) {
    throw forbidden('该干部已不在您的谈心谈话范围内');
  }
  const q = opts.filter?.trim().toLowerCase();
  if (q) cadres = cadres.filter((c) => matches(c, q));
  if (opts.preselect !== undefined)
    cadres = [...cadres.filter((c) => c.id === opts.preselect), ...cadres.filter((c) => c.id !== opts.preselect)];
  return talkFormCard({
    talkerName: me?.name ?? '',
    cadres,
    preselect: opts.preselect,
    today: day,
    nonce: deps.ids.uuid(),
    filter: opts.filter?.trim(),
    link: opts.link,
  });
}

/** Always to the clicker's private chat: a button pressed on a group card must not put the form in the group. */
async function sendPrivately(deps: Deps, ctx: ActionCtx<unknown>, c: Card, ref?: string) {
  await enqueue(deps.db, { kind: 'send', to: { openId: ctx.operator.openId }, card: c, ref });
  deps.outboxWake();
}

function registerTalkRecords(router: Router, deps: Deps) {
  router.command(
    ['谈话', '谈心谈话', '记录谈话'],
    personal(deps, async (ctx) => ctx.reply(await talkForm(deps, ctx.actor.personId, { filter: ctx.args }))),
    '记录谈心谈话（可加姓名查找，如「谈话 张三」）',
  );
  router.action('talks.open', z.object({ c: id('谈话对象有误') }), async (ctx) => {
    const form = await talkForm(deps, ctx.actor.personId, { preselect: ctx.value.c });
    // The clicked card (reminder, 待办) is remembered with the form, to mark its row once the talk is recorded.
    await sendPrivately(deps, ctx, form, formSourceRef(ctx.messageId));
    ctx.ack({ toast: { type: 'info', content: '已发送谈话记录卡片，请填写后提交' } });
  });
  router.action(
    'talks.todoList',
    z.object({
      k: z.enum(['open', 'overdue']),
      page: z.coerce.number().int().min(0).max(1000).default(0),
      fresh: z.coerce.number().int().optional(),
    }),
    async (ctx) => {
      const data = todoListCard(await todoOf(deps, ctx.actor.personId), ctx.value.k, ctx.value.page);
      // From 待办: a new card (待办 stays as it was); paging within the list updates the list card itself.
      if (ctx.value.fresh) {
        await sendPrivately(deps, ctx, data);
        ctx.ack({ toast: { type: 'info', content: '已发送完整名单' } });
      } else ctx.ack({ card: { type: 'raw', data } });
    },
  );
  router.action('talks.olderOverdue', z.object({}), async (ctx) => {
    await sendPrivately(deps, ctx, olderOverdueCard(await olderOverdueOf(deps, ctx.actor.personId)));
    ctx.ack({ toast: { type: 'info', content: '已发送更早的逾期清单' } });
  });
  router.action('talks.submit', SubmitSchema, async (ctx) => {
    const v = ctx.value;
    const view = await recordTalk(
      deps,
      ctx.actor.personId,
      {
        cadreId: v.cadre,
        date: v.date,
        kind: v.kind,
        tone: v.tone,
        topics: v.topics,
        problems: v.problems,
        notes: v.notes,
      },
      { nonce: v.n ?? null, eventId: ctx.eventId, link: v.l },
    );
    await updateSourceCard(deps, {
      formMessageId: ctx.messageId,
      openId: ctx.operator.openId,
      cadreId: view.cadrePersonId,
      date: view.talkDate,
    });
    ctx.ack({
      toast: { type: 'success', content: '谈话记录已保存' },
      card: { type: 'raw', data: talkSummaryCard(view, true, await periodsCounted(deps, view)) },
    });
  });
  router.action(
    'talks.solve',
    z.object({ p: id('问题编号有误'), from: z.enum(['summary', 'todo']).default('summary') }),
    async (ctx) => {
      const talkId = await solveProblem(deps, ctx.actor.personId, ctx.value.p, { eventId: ctx.eventId });
      const view = ctx.value.from === 'todo' ? null : (await talkView(deps.db, talkId))!;
      const data = view
        ? talkSummaryCard(view, true, await periodsCounted(deps, view))
        : todoCard(await todoOf(deps, ctx.actor.personId));
      ctx.ack({ toast: { type: 'success', content: '已标记为已解决' }, card: { type: 'raw', data } });
    },
  );
  router.command(
    ['待办', '我的待办'],
    personal(deps, async (ctx) => ctx.reply(todoCard(await todoOf(deps, ctx.actor.personId)))),
    '查看本期待谈干部和待解决问题',
  );
}

/** 谈心谈话: talk records, 待办, reminders with escalation, statistics, cadences and the holiday calendar. */
export const talksCapability: Capability = {
  name: 'talks',
  help: [
    { command: '谈话', group: '管', roles: ['org_admin', ...LEADER_ROLES], button: true },
    { command: '待办', group: '管', roles: ['org_admin', ...LEADER_ROLES], button: true },
    { command: '统计', group: '管', roles: ['org_admin', ...LEADER_ROLES] },
    { command: '节假日', group: '管', roles: ['org_admin'] },
    { command: '谈话周期', group: '管', roles: ['org_admin'] },
  ],
  register(router, deps) {
    addProfileSection('talks', talksProfileSection);
    registerTalkRecords(router, deps);
    registerTalkStats(router, deps);
    registerTalkAdmin(router, deps);
    registerTalkLedgers(deps);
  },
  jobs: (deps) => talkJobs(deps),
  seedDemo: seedDemoHistory,
  report: talksReport,
  digest: talksDigestSection,
};

/**
 * Demo step, after org and pool: talk history since 2022 and 结对帮带 pairs for 示范县 only (the first county),
 * whose figures reproduce the seed report; further counties (seed-demo --scale) get none.
 */
async function seedDemoHistory(deps: Deps): Promise<string[]> {
  const [county] = await deps.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  if (!county) return [];
  const r = await seedDemoTalks(deps.db, {
    countyId: county.id,
    today: today(deps),
    maxAge: deps.config.youngCadreMaxAge,
    at: deps.clock.now(),
  });
  if (!r) return ['谈心谈话：已有谈话记录，未生成演示谈话。'];
  return [
    `谈心谈话（示范县）：谈话 ${r.talks} 人次（提醒 ${r.warnings}），已解决问题 ${r.solved} 个；结对帮带 ${r.pairs} 对。`,
  ];
}
