/** 台账 of talks for `导出`: 谈话台账, 提醒台账 (reminders the bot sent to leaders), 问题台账. */
import type { Deps } from '../../deps.js';
import { addLedgerExport } from '../reports/reports.ledger.js';
import { inScopeSql } from '../reports/reports.scope.js';
import { problemList, reminderList, talkList } from './talks.report.js';

export function registerTalkLedgers(deps: Deps): void {
  addLedgerExport(deps, {
    name: '谈话台账',
    load: (d, p, s) => talkList(d.db, p, inScopeSql(s, 'c'), false)(),
  });
  addLedgerExport(deps, {
    name: '提醒台账',
    load: (d, p, s) => reminderList(d.db, p, inScopeSql(s, 'c'))(),
  });
  addLedgerExport(deps, {
    name: '问题台账',
    load: (d, p, s) => problemList(d.db, p, inScopeSql(s, 'c'), false)(),
  });
}
