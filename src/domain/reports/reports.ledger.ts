/**
 * 台账 exports (`导出 谈话台账 2026-01-01 2026-06-30`): a capability registers a ledger as a list over a period
 * and a scope; this turns it into an xlsx sent privately, for org_admin (county) and county leaders (their
 * units), audited. The date range defaults to this year to date.
 */
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { audit } from '../org/org.audit.js';
import { addExportTarget } from '../org/org.exports.js';
import { parsePeriod } from './reports.rules.js';
import { reportViewer } from './reports.scope.js';
import type { ReportList, ReportPeriod, ReportScope } from './reports.types.js';

export interface Ledger {
  /** '谈话台账' — the word after 导出. */
  name: string;
  load(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportList>;
}

export async function ledgerWorkbook(name: string, list: ReportList, period: ReportPeriod): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(name);
  ws.addRow(list.columns).font = { bold: true };
  addSafeRows(ws, list.rows);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  wb.title = `${name} ${period.from} 至 ${period.to}`;
  return workbookBuffer(wb);
}

export function addLedgerExport(deps: Deps, ledger: Ledger): void {
  addExportTarget({
    name: ledger.name,
    help: `组织部门、县级领导：${ledger.name}（可加时间范围，如「导出 ${ledger.name} 2026-01-01 2026-06-30」）`,
    run: async (ctx) => {
      const viewer = await reportViewer(deps, ctx.actor.personId);
      const period = parsePeriod(ctx.args.replace(/\.xlsx$/i, ''), today(deps));
      if (typeof period === 'string') throw invalid(period.replace(/报告/g, `导出 ${ledger.name}`));
      const list = await ledger.load(deps, period, viewer.scope);
      const fileName = `${ledger.name}_${period.from}_${period.to}.xlsx`;
      const data = await ledgerWorkbook(ledger.name, list, period);
      await deps.db.transaction(async (tx) => {
        await enqueue(tx, { kind: 'file', to: { openId: ctx.sender.openId }, fileName, data });
        await audit(tx, deps.clock.now(), {
          actorPersonId: ctx.actor.personId,
          actorOpenId: ctx.sender.openId,
          action: 'ledger.export',
          entity: ledger.name,
          eventId: ctx.eventId,
          detail: { from: period.from, to: period.to, rows: list.rows.length, scope: viewer.label },
        });
      });
      deps.outboxWake();
      await ctx.reply(
        notice(
          `${ledger.name}已导出`,
          `${period.from} 至 ${period.to}，共 ${list.rows.length} 条，文件“${fileName}”已通过私聊发送给您。`,
          'green',
        ),
      );
    },
  });
}
