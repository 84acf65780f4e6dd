import type { Deps } from '../../../deps.js';
import { isAppError } from '../../../errors.js';
import { notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { FileCtx, Router } from '../../../feishu/router.js';
import { loadActor } from '../org.access.js';
import { addExportTarget } from '../org.exports.js';
import { scopeOn } from '../org.profile.js';
import { adminUpload } from '../org.upload.js';
import { loadWorkbook } from '../roster/roster.read.js';
import { structureResultCard } from './structure.cards.js';
import { exportStructure } from './structure.export.js';
import { importStructure } from './structure.import.js';
import { findStructureSheets } from './structure.read.js';

/** A 组织架构 workbook sent to the bot: recognised by its sheets; imported for org_admin in private chat only. */
async function onFile(deps: Deps, ctx: FileCtx): Promise<boolean> {
  if (!/\.xlsx$/i.test(ctx.fileName)) return false;
  const data = await ctx.download();
  const wb = await loadWorkbook(data).catch(() => null);
  if (!wb || !findStructureSheets(wb)) return false;
  const actor = await adminUpload(deps, ctx, { label: '组织架构', entity: 'structure' });
  if (!actor) return true;
  try {
    const report = await importStructure(deps, data, { actor, fileName: ctx.fileName, eventId: ctx.eventId });
    await ctx.reply(structureResultCard(report));
  } catch (err) {
    // The router answers AppErrors of commands, not of file handlers: say it here.
    if (!isAppError(err)) throw err;
    await ctx.reply(notice('组织架构未导入', err.message, 'red'));
  }
  return true;
}

/** Registers the 组织架构 upload (before the roster's: a 领导班子 sheet has 姓名 and 单位 too) and 导出 组织架构. */
export function registerStructure(router: Router, deps: Deps): void {
  router.file((ctx) => onFile(deps, ctx));
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
