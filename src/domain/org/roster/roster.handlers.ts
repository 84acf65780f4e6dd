import type { Deps } from '../../../deps.js';
import { notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { Router } from '../../../feishu/router.js';
import { loadActor } from '../org.access.js';
import { bindAccounts } from '../org.binding.js';
import { addExportTarget } from '../org.exports.js';
import { scopeOn } from '../org.profile.js';
import { addXlsxImport, sendProblemList } from '../org.upload.js';
import { importResultCard } from './roster.cards.js';
import { exportRoster } from './roster.export.js';
import { importRoster } from './roster.import.js';
import { findRosterSheet, looksLikeRoster } from './roster.read.js';

export function registerRoster(router: Router, deps: Deps): void {
  addXlsxImport(router, deps, {
    label: '花名册',
    entity: 'roster',
    recognise: (book) => looksLikeRoster(findRosterSheet(book)),
    run: async (ctx, book, actor) => {
      const report = await importRoster(deps, book, { actor, fileName: ctx.fileName, eventId: ctx.eventId });
      const bind =
        report.ok && report.touchedIds.length
          ? await bindAccounts(deps, { personIds: report.touchedIds, actor })
          : null;
      await ctx.reply(importResultCard(report, bind));
      await sendProblemList(deps, ctx, report.errors);
    },
  });
  addExportTarget({
    name: '花名册',
    help: '组织部门：导出花名册（xlsx，与导入格式相同）',
    run: async (ctx) => {
      const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
      const { data, count } = await exportRoster(deps, { actor, eventId: ctx.eventId });
      const fileName = `花名册_${scopeOn(deps).onDate}.xlsx`;
      await enqueue(deps.db, { kind: 'file', to: { openId: ctx.actor.openId }, fileName, data });
      await ctx.reply(notice('花名册已导出', `共 ${count} 人，文件“${fileName}”已通过私聊发送给您。`, 'green'));
    },
  });
}
