import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { notice } from '../../feishu/cards/atoms.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { LEADER_ROLES } from '../help/help.types.js';
import { loadActor, viewableScopeSql } from '../org/org.access.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection, scopeOn, searchForActor } from '../org/org.profile.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import { cadreLedgerCard, importCard, ledgerProfileElements, taskCard, tasksCard } from './ledger.cards.js';
import { seedDemoLedger } from './ledger.demo.js';
import { exportLedger } from './ledger.export.js';
import { headerOf, importLedger, isLedgerHeader, sheetRows } from './ledger.import.js';
import { entriesOfCadre } from './ledger.queries.js';
import { ledgerDigest, ledgerReport } from './ledger.report.js';
import { addTask, listTasks, recordEntry, viewCadreLedger, viewTask } from './ledger.service.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);
const text = (max: number, what: string) => z.string().max(max, `${what}请控制在 ${max} 字以内`).optional();

function registerLedger(router: Router, deps: Deps) {
  router.command(
    ['台账', '跟踪考核台账'],
    personal(deps, async (ctx) => {
      const meta = { eventId: ctx.eventId };
      const q = ctx.args.trim();
      if (q) {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        const found = (await searchForActor(deps, actor, q, meta)).matches;
        if (found.length !== 1) {
          await ctx.reply(
            notice(
              '台账',
              found.length === 0 ? `您的范围内没有找到「${q}」。` : `找到多位「${q}」，请输入更完整的姓名。`,
              'grey',
            ),
          );
          return;
        }
        const l = await viewCadreLedger(deps, actor, found[0].id, meta);
        await ctx.reply(cadreLedgerCard(l.name, l.entries));
        return;
      }
      const t = await listTasks(deps, ctx.actor.personId, meta);
      await ctx.reply(tasksCard(t.rows, t.admin, today(deps)));
    }),
    '跟踪考核台账：重点任务与干部表现（「台账 姓名」查看某位干部）',
  );
  router.action(
    'ledger.addTask',
    z.object({
      name: z.string({ message: '请填写重点任务名称' }).max(50, '任务名称请控制在 50 字以内'),
      start: z.string({ message: '请选择任务开始日期' }).max(40),
      end: z.string().max(40).optional(),
      lead: text(50, '牵头单位'),
    }),
    async (ctx) => {
      await addTask(deps, ctx.actor.personId, ctx.value, { eventId: ctx.eventId });
      const t = await listTasks(deps, ctx.actor.personId, { eventId: ctx.eventId });
      ctx.ack({
        toast: { type: 'success', content: '重点任务已新增' },
        card: { type: 'raw', data: tasksCard(t.rows, t.admin, today(deps)) },
      });
    },
  );
  router.action('ledger.task', z.object({ t: id('任务编号有误') }), async (ctx) => {
    const v = await viewTask(deps, ctx.actor.personId, ctx.value.t, { eventId: ctx.eventId });
    ctx.ack({ card: { type: 'raw', data: taskCard(v.task, v.leadUnitName, v.entries, today(deps)) } });
  });
  router.action(
    'ledger.entry',
    z.object({
      t: id('任务编号有误'),
      cadre: z.string({ message: '请填写干部姓名' }).max(20, '干部姓名有误'),
      role: z.string({ message: '请填写承担的工作（角色）' }).max(100, '承担的工作请控制在 100 字以内'),
      rating: z.string({ message: '请选择表现评价（好/较好/一般/差）' }).max(20),
      facts: z.string({ message: '请填写主要事实' }).max(1000, '主要事实请控制在 1000 字以内'),
      date: z.string({ message: '请选择日期' }).max(40),
    }),
    async (ctx) => {
      const r = await recordEntry(deps, ctx.actor.personId, ctx.value.t, ctx.value, { eventId: ctx.eventId });
      deps.outboxWake();
      const v = await viewTask(deps, ctx.actor.personId, ctx.value.t, { eventId: ctx.eventId });
      ctx.ack({
        toast: { type: 'success', content: r.proposals > 0 ? '台账已登记，并产生资源库调整建议' : '台账已登记' },
        card: { type: 'raw', data: taskCard(v.task, v.leadUnitName, v.entries, today(deps)) },
      });
    },
  );
  addExportTarget({
    name: '台账',
    help: '组织部门：跟踪考核台账（可加时间范围，按登记日期，如「导出 台账 2026」）',
    run: async (ctx) => {
      const { rows, fileName } = await exportLedger(deps, ctx.actor.personId, ctx.sender.openId, ctx.args);
      await ctx.reply(notice('台账已导出', `共 ${rows} 条，文件“${fileName}”随后发送。`, 'green'));
    },
  });
}

/** The xlsx import alone, installed before org (whose roster import claims any sheet with 姓名 + 单位). */
export const ledgerImportCapability: Capability = {
  name: 'ledger-import',
  register(router, deps) {
    addXlsxImport(router, deps, {
      label: '跟踪考核台账',
      entity: 'ledger_entry',
      recognise: (book) => !!book.worksheets[0] && isLedgerHeader(headerOf(book.worksheets[0])),
      run: async (ctx, book, actor) => {
        const result = await importLedger(deps, actor, sheetRows(book.worksheets[0]), { eventId: ctx.eventId });
        await ctx.reply(importCard(ctx.fileName, result));
        await sendProblemList(
          deps,
          ctx,
          result.errors.map((e) => ({ sheet: book.worksheets[0].name, row: e.line, message: e.message })),
        );
        deps.outboxWake();
      },
    });
  },
};

/** 管: the work-tracking ledger 跟踪考核台账 (key tasks, entries per cadre, ratings feeding the pool rules). */
export const ledgerCapability: Capability = {
  name: 'ledger',
  help: [{ command: '台账', group: '管', roles: ['org_admin', ...LEADER_ROLES, 'unit_party_org'] }],
  register(router, deps) {
    addProfileSection('ledger', async (d, actor, personId) =>
      ledgerProfileElements(await entriesOfCadre(d.db, personId, viewableScopeSql(actor, scopeOn(d)))),
    );
    registerLedger(router, deps);
  },
  seedDemo: (deps) => seedDemoLedger(deps),
  report: ledgerReport,
  digest: ledgerDigest,
};
