import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { isIsoDate, parseDateRange } from '../../time.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection } from '../org/org.profile.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import { awardPreviewCard, awardsCard } from './awards/awards.cards.js';
import { AWARD_FOLLOW_MONTHS, AWARD_HEADERS, type AwardCells, isAwardHeader } from './awards/awards.rules.js';
import { awardsProfileSection, confirmAwards, previewAwards, viewAwards } from './awards/awards.service.js';
import { sheetRows } from './awards/awards.xlsx.js';
import { figuresCard, previewCard, recordedCard, recordFormCard } from './promotions/promotions.cards.js';
import { isPromotionHeader } from './promotions/promotions.rules.js';
import {
  cadresMatching,
  confirmPromotions,
  previewPromotions,
  RECORD_REFUSAL,
  recordPromotion,
  viewFigures,
} from './promotions/promotions.service.js';
import { headerOf, promotionRows } from './promotions/promotions.xlsx.js';
import { rankingCard, rankingPreviewCard, rankingProposalCard } from './rankings/rankings.cards.js';
import { isRankingHeader, RANKING_HEADERS, type RankingCells } from './rankings/rankings.rules.js';
import { confirmRankings, previewRankings, rankingOf, viewRanking } from './rankings/rankings.service.js';
import { forecastCard, structureCard, whatIfCard, whatIfPickCard } from './structure/teams.cards.js';
import { countyName } from './structure/teams.queries.js';
import {
  adminCounty,
  ageLabels,
  exportStructure,
  poolCadres,
  structureOf,
  viewForecast,
  viewStructure,
  whatIf,
} from './structure/teams.service.js';
import { seedDemoUse } from './use.demo.js';
import { registerUseLedgers } from './use.exports.js';
import { useJobs } from './use.jobs.js';
import { useDigest, useReport } from './use.report.js';
import { PROMOTION_KIND_LABELS } from './use.vocab.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

/** `班子 [日期 | 换届 | 预测]` arguments: null date = today; 换届 = the configured term start (TERM_START_DATE). */
export function parseStructureArgs(
  args: string,
  termStart: string,
): { mode: 'view'; on: string | null } | { mode: 'forecast' } {
  const a = args.normalize('NFKC').trim();
  if (a === '') return { mode: 'view', on: null };
  if (a === '预测' || a === '预警') return { mode: 'forecast' };
  if (a === '换届' || a === '新一届') return { mode: 'view', on: termStart };
  const date = a
    .replace(/[/.年月]/g, '-')
    .replace(/日$/, '')
    .replace(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (_, y, m, d) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (isIsoDate(date)) return { mode: 'view', on: date };
  throw invalid('日期格式有误，请写成 2026-06-30，或发送“班子 换届”“班子 预测”');
}

async function pickCard(deps: Deps, actorPersonId: number) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const [cadres, view] = await Promise.all([poolCadres(deps, countyId), structureOf(deps, countyId, today(deps))]);
  return whatIfPickCard(cadres, view.teams);
}

async function sendExport(deps: Deps, actorPersonId: number, openId: string, eventId?: string) {
  const { data, fileName, view } = await exportStructure(deps, actorPersonId, eventId);
  await enqueue(deps.db, { kind: 'file', to: { openId }, fileName, data });
  deps.outboxWake();
  return notice('班子结构已导出', `${view.teams.length} 个班子，文件“${fileName}”已通过私聊发送给您。`, 'green');
}

function registerStructure(router: Router, deps: Deps) {
  router.command(
    ['班子', '班子结构'],
    personal(deps, async (ctx) => {
      const parsed = parseStructureArgs(ctx.args, deps.config.termStartDate);
      if (parsed.mode === 'forecast') {
        const v = await viewForecast(deps, ctx.actor.personId, ctx.eventId);
        return ctx.reply(forecastCard(v, ageLabels(deps)));
      }
      const v = await viewStructure(deps, ctx.actor.personId, parsed.on, ctx.eventId);
      await ctx.reply(structureCard(v, ageLabels(deps)));
    }),
    '班子结构：乡镇、部门班子年龄结构与规则预警（组织部门；`班子 2026-06-30`、`班子 换届`、`班子 预测`）',
  );
  router.action('use.forecast', z.object({}).passthrough(), async (ctx) => {
    const v = await viewForecast(deps, ctx.actor.personId, ctx.eventId);
    ctx.ack({ card: { type: 'raw', data: forecastCard(v, ageLabels(deps)) } });
  });
  router.action('use.whatif.pick', z.object({}).passthrough(), async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await pickCard(deps, ctx.actor.personId) } });
  });
  router.action('use.whatif', z.object({ person: id('请选择资源库干部'), unit: id('请选择班子') }), async (ctx) => {
    const v = await whatIf(deps, ctx.actor.personId, ctx.value.person, ctx.value.unit, ctx.eventId);
    ctx.ack({ card: { type: 'raw', data: whatIfCard(v, ageLabels(deps)) } });
  });
  router.action('use.export', z.object({}).passthrough(), async (ctx) => {
    const card = await sendExport(deps, ctx.actor.personId, ctx.actor.openId, ctx.eventId);
    ctx.ack({ toast: { type: 'success', content: '已导出' }, card: { type: 'raw', data: card } });
  });
  addExportTarget({
    name: '班子结构',
    help: '组织部门：乡镇、部门领导班子结构与规则预警',
    run: async (ctx) => {
      await ctx.reply(await sendExport(deps, ctx.actor.personId, ctx.actor.openId, ctx.eventId));
    },
  });
}

/** `用 [起始日期] [结束日期]`: default from the start of this year to today; the 报告 rules for the rest. */
export function parsePeriod(args: string, day: string): { from: string; to: string } {
  const r = parseDateRange(args, day, {
    empty: { from: `${day.slice(0, 4)}-01-01`, to: day },
    noun: '统计期',
    help: '日期格式有误，例如：用 2022、用 2022-01-01 或 用 2021-10-01 2026-11-30',
  });
  if (typeof r === 'string') throw invalid(r);
  return r;
}

function registerPromotions(router: Router, deps: Deps) {
  router.command(
    ['用', '提拔统计', '选拔任用'],
    personal(deps, async (ctx) => {
      const { from, to } = parsePeriod(ctx.args, today(deps));
      const f = await viewFigures(deps, ctx.actor.personId, from, to, ctx.eventId);
      const { countyId } = await adminCounty(deps, ctx.actor.personId);
      await ctx.reply(figuresCard(await countyName(deps.db, countyId), from, to, f));
    }),
    '用：提拔、职级晋升统计（组织部门；`用 2022-01-01`）；发送提拔/职级晋升 xlsx 导入',
  );
  router.command(
    ['提拔登记', '登记提拔', '职级晋升登记'],
    personal(deps, async (ctx) => {
      const { countyId } = await adminCounty(deps, ctx.actor.personId, RECORD_REFUSAL);
      const filter = ctx.args.normalize('NFKC').trim();
      const cadres = filter ? await cadresMatching(deps.db, countyId, filter) : [];
      await ctx.reply(recordFormCard({ cadres, nonce: deps.ids.uuid(), filter, today: today(deps) }));
    }),
    '提拔登记 <姓名或拼音>：逐条登记提拔、职级晋升、进一步使用、交流（组织部门），同时更新任职记录',
  );
  const text = (max: number) => z.string().max(max, '填写内容过长').optional().default('');
  router.action(
    'use.promotion.record',
    z.object({
      person: id('请选择干部'),
      kind: z.string({ message: '请选择类别' }).min(1, '请选择类别'),
      date: z.string({ message: '请选择生效日期' }).transform((d) => d.trim().slice(0, 10)),
      toUnit: text(100),
      toPost: text(100),
      toLevel: text(50),
      toRole: text(10),
      docNo: text(100),
      n: z.string().max(64).optional(),
    }),
    async (ctx) => {
      const v = ctx.value;
      const r = await recordPromotion(
        deps,
        ctx.actor.personId,
        { ...v, personId: v.person, nonce: v.n ?? null },
        ctx.eventId,
      );
      ctx.ack({
        toast: { type: 'success', content: r.replay ? '此前已登记' : '已登记' },
        card: { type: 'raw', data: recordedCard({ ...r, kind: PROMOTION_KIND_LABELS[r.kind] }) },
      });
    },
  );
  router.action('use.promotions.confirm', z.object({ id: id('导入编号有误') }), async (ctx) => {
    const r = await confirmPromotions(deps, ctx.actor.personId, ctx.value.id, ctx.eventId);
    ctx.ack({
      toast: { type: 'success', content: `已导入 ${r.written} 条` },
      card: { type: 'raw', data: notice('提拔/职级晋升已导入', `共写入 ${r.written} 条，任职记录已更新。`, 'green') },
    });
  });
}

/** `六零 [年份]`: null = the latest loaded year. */
export function parseRankingYear(args: string): number | null {
  const a = args.normalize('NFKC').trim().replace(/年$/, '');
  if (a === '') return null;
  if (/^\d{4}$/.test(a)) return Number(a);
  throw invalid('年份格式有误，例如：六零 2025');
}

function registerAwardsAndRankings(router: Router, deps: Deps) {
  router.command(
    ['表彰', '表彰激励'],
    personal(deps, async (ctx) => {
      const batches = await viewAwards(deps, ctx.actor.personId, ctx.eventId);
      const { countyId } = await adminCounty(deps, ctx.actor.personId);
      await ctx.reply(awardsCard(await countyName(deps.db, countyId), batches, AWARD_FOLLOW_MONTHS));
    }),
    '表彰：各批次表彰对象及其后12个月内的提拔重用（组织部门）；发送表彰 xlsx 导入',
  );
  router.action('use.awards.confirm', z.object({ id: id('导入编号有误') }), async (ctx) => {
    const r = await confirmAwards(deps, ctx.actor.personId, ctx.value.id, ctx.eventId);
    ctx.ack({
      toast: { type: 'success', content: `已导入 ${r.written} 人` },
      card: {
        type: 'raw',
        data: notice('表彰已导入', `共 ${r.batches} 个批次、${r.written} 人。发送“表彰”查看。`, 'green'),
      },
    });
  });
  router.command(
    ['六零', '六零创建'],
    personal(deps, async (ctx) => {
      const { countyId, view } = await viewRanking(deps, ctx.actor.personId, parseRankingYear(ctx.args), ctx.eventId);
      const name = await countyName(deps.db, countyId);
      await ctx.reply(rankingCard(name, view));
      if (view.year !== null) await ctx.reply(rankingProposalCard(name, view));
    }),
    '六零 [年份]：六零创建乡镇排名、前五名与后三名班子成员的使用建议（组织部门）；发送排名 xlsx 导入',
  );
  router.action(
    'use.rankings.confirm',
    z.object({ id: id('导入编号有误'), replace: z.boolean().optional() }),
    async (ctx) => {
      const r = await confirmRankings(deps, ctx.actor.personId, ctx.value.id, ctx.value.replace === true, ctx.eventId);
      const { countyId } = await adminCounty(deps, ctx.actor.personId);
      const view = await rankingOf(deps.db, countyId, r.years[r.years.length - 1], today(deps));
      ctx.ack({
        toast: {
          type: 'success',
          content: `已导入 ${r.written} 条${r.replaced.length ? `，替换 ${r.replaced.join('、')}年` : ''}`,
        },
        card: { type: 'raw', data: rankingProposalCard(await countyName(deps.db, countyId), view) },
      });
    },
  );
  addProfileSection('use.awards', awardsProfileSection);
}

/** The 提拔/职级晋升 xlsx import: installed before org (whose roster import claims 姓名 + 单位 sheets). */
export const useImportsCapability: Capability = {
  name: 'use-imports',
  register(router, deps) {
    addXlsxImport(router, deps, {
      label: '提拔/职级晋升',
      entity: 'use_promotions',
      recognise: (book) => !!book.worksheets[0] && isPromotionHeader(headerOf(book.worksheets[0])),
      run: async (ctx, book) => {
        const { cells, problems } = promotionRows(book.worksheets[0]);
        const r = await previewPromotions(deps, ctx.actor.personId, cells, ctx.fileName);
        const all = { ...r, errors: [...problems, ...r.errors], pendingId: problems.length > 0 ? null : r.pendingId };
        await ctx.reply(previewCard(ctx.fileName, all));
        await sendProblemList(deps, ctx, all.errors);
      },
    });
    addXlsxImport(router, deps, {
      label: '表彰',
      entity: 'use_awardees',
      recognise: (book) => !!book.worksheets[0] && isAwardHeader(headerOf(book.worksheets[0])),
      run: async (ctx, book) => {
        const { cells, problems } = sheetRows(book.worksheets[0], AWARD_HEADERS);
        const r = await previewAwards(deps, ctx.actor.personId, cells as AwardCells[], ctx.fileName);
        const all = { ...r, errors: [...problems, ...r.errors], pendingId: problems.length > 0 ? null : r.pendingId };
        await ctx.reply(awardPreviewCard(ctx.fileName, all));
        await sendProblemList(deps, ctx, all.errors);
      },
    });
    addXlsxImport(router, deps, {
      label: '六零创建排名',
      entity: 'use_rankings',
      recognise: (book) => !!book.worksheets[0] && isRankingHeader(headerOf(book.worksheets[0])),
      run: async (ctx, book) => {
        const { cells, problems } = sheetRows(book.worksheets[0], RANKING_HEADERS);
        const r = await previewRankings(deps, ctx.actor.personId, cells as RankingCells[], ctx.fileName);
        const all = { ...r, errors: [...problems, ...r.errors], pendingId: problems.length > 0 ? null : r.pendingId };
        await ctx.reply(rankingPreviewCard(ctx.fileName, all));
        await sendProblemList(deps, ctx, all.errors);
      },
    });
  },
};

/** 用: leadership-team structure (班子结构) with its rules and forecast. */
export const useCapability: Capability = {
  name: 'use',
  help: [
    { command: '班子', group: '用', roles: ['org_admin'] },
    { command: '用', group: '用', roles: ['org_admin'] },
    { command: '提拔登记', group: '用', roles: ['org_admin'] },
    { command: '表彰', group: '用', roles: ['org_admin'] },
    { command: '六零', group: '用', roles: ['org_admin'] },
  ],
  register(router, deps) {
    registerStructure(router, deps);
    registerUseLedgers(deps);
    registerPromotions(router, deps);
    registerAwardsAndRankings(router, deps);
  },
  jobs: useJobs,
  seedDemo: (deps) => seedDemoUse(deps),
  report: useReport,
  digest: useDigest,
};
