import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { isAppError } from '../../errors.js';
import { notice } from '../../feishu/cards/atoms.js';
import { loadActor } from '../org/org.access.js';
import { loadWorkbook } from '../org/roster/roster.read.js';
import { importReportCard } from './assessments.cards.js';
import { importAssessmentSheet } from './assessments.import.js';
import { findAssessmentSheet } from './assessments.xlsx.js';

/** Assessment results sent to the bot as xlsx (recognised by their headers); org_admin only. */
export const assessmentsCapability: Capability = {
  name: 'assessments',
  register(router, deps) {
    router.file(async (ctx) => {
      if (!/\.xlsx$/i.test(ctx.fileName)) return false;
      const wb = await loadWorkbook(await ctx.download()).catch(() => null);
      const sheet = wb && findAssessmentSheet(wb);
      if (!sheet) return false;
      try {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        const report = await importAssessmentSheet(deps, sheet, {
          actor,
          fileName: ctx.fileName,
          eventId: ctx.eventId,
          batchId: deps.ids.uuid(),
        });
        await ctx.reply(importReportCard(ctx.fileName, report));
      } catch (err) {
        // The router answers AppErrors of commands, not of file handlers: say it here.
        if (!isAppError(err)) throw err;
        await ctx.reply(notice('考核结果导入未完成', err.message, 'red'));
      }
      return true;
    });
  },
};
