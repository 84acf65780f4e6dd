import type { Deps } from '../../../deps.js';
import { notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { Router } from '../../../feishu/router.js';
import { loadActor } from '../org.access.js';
import { addExportTarget } from '../org.exports.js';
import { scopeOn } from '../org.profile.js';
import { addXlsxImport, sendProblemList } from '../org.upload.js';
import { structureResultCard } from './structure.cards.js';
import { exportStructure } from './structure.export.js';
import { importStructure } from './structure.import.js';
import { findStructureSheets } from './structure.read.js';

/** Registers the 组织架构 upload (before the roster's: a 领导班子 sheet has 姓名 and 单位 too) and 导出 组织架构. */
export function registerStructure(router: Router, deps: Deps): void {
  addXlsxImport(router, deps, {
    label: '组织架构',
    entity: 'structure',
    recognise: (book) => findStructureSheets(book) !== null,
    run: async (ctx, book, actor) => {
      const report = await importStructure(deps, book, { actor, fileName: ctx.fileName, eventId: ctx.eventId });
      await ctx.reply(structureResultCard(report));
      await sendProblemList(deps, ctx, report.errors);
    },
  });
  addExportTarget({
    name: '组织架构',
    help: '组织部门：导出单位、领导班子、联系分管、分管干部（xlsx，与导入格式相同）',
    run: async (ctx) => {
      const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
      const { data, counts } = await exportStructure(deps, { actor, eventId: ctx.eventId });
      const fileName = `组织架构_${scopeOn(deps).onDate}.xlsx`;
      await enqueue(deps.db, { kind: 'file', to: { openId: ctx.actor.openId }, fileName, data });
      const text = `单位 ${counts.units} 个，班子职务 ${counts.posts} 条，联系/分管 ${counts.links} 条，分管干部 ${counts.supervisions} 条。文件“${fileName}”已通过私聊发送给您。`;
      await ctx.reply(notice('组织架构已导出', text, 'green'));
    },
  });
}
