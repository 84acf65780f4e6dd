/** 结对台账 for `导出`: the pairs live at the end of the period (导师, 帮带对象, 单位, 结对日期, 状态). */
import type { Deps } from '../../deps.js';
import { addLedgerExport } from '../reports/reports.ledger.js';
import { pairList } from './mentoring.report.js';

export function registerMentoringLedger(deps: Deps): void {
  addLedgerExport(deps, { name: '结对台账', load: (d, p, s) => pairList(d.db, p.to, s, false)() });
}
