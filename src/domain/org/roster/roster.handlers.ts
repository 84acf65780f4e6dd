import type { Deps } from '../../../deps.js';
import { notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { FileCtx, Router } from '../../../feishu/router.js';
import { loadActor } from '../org.access.js';
import { bindAccounts } from '../org.binding.js';
import { addExportTarget } from '../org.exports.js';
import { scopeOn } from '../org.profile.js';
import { adminUpload } from '../org.upload.js';
import { importResultCard } from './roster.cards.js';
import { exportRoster } from './roster.export.js';
import { importRoster } from './roster.import.js';
import { findRosterSheet, loadWorkbook, looksLikeRoster } from './roster.read.js';

/** A roster sent to the bot: recognised by its headers; imported for org_admin in private chat only. */
async function onFile(deps: Deps, ctx: FileCtx): Promise<boolean> {
  if (!/\.xlsx$/i.test(ctx.fileName)) return false;
  const data = await ctx.download();
  let isRoster = false;
  try {
    isRoster = looksLikeRoster(findRosterSheet(await loadWorkbook(data)));
  } catch {
    return false;
  }
  if (!isRoster) return false;
  const actor = await adminUpload(deps, ctx, { label: '花名册', entity: 'roster' });
  if (!actor) return true;
  const report = await importRoster(deps, data, { actor, fileName: ctx.fileName, eventId: ctx.eventId });
  const bind =
    report.ok && report.touchedIds.length ? await bindAccounts(deps, { personIds: report.touchedIds, actor }) : null;
  await ctx.reply(importResultCard(report, bind));
  return true;
}

export function registerRoster(router: Router, deps: Deps): void {
  router.file((ctx) => onFile(deps, ctx));
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
