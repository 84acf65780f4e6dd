import type { Capability } from '../../capability.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import { importReportCard } from './assessments.cards.js';
import { importAssessmentSheet } from './assessments.import.js';
import { findAssessmentSheet } from './assessments.xlsx.js';

/** Assessment results sent to the bot as xlsx (recognised by their headers); org_admin only. */
export const assessmentsCapability: Capability = {
  name: 'assessments',
  register(router, deps) {
    addXlsxImport(router, deps, {
      label: '考核结果',
      entity: 'assessment',
      recognise: (book) => findAssessmentSheet(book) !== null,
      run: async (ctx, book, actor) => {
        const report = await importAssessmentSheet(deps, findAssessmentSheet(book)!, {
          actor,
          fileName: ctx.fileName,
          eventId: ctx.eventId,
          batchId: deps.ids.uuid(),
        });
        await ctx.reply(importReportCard(ctx.fileName, report));
        await sendProblemList(deps, ctx, report.errors);
      },
    });
  },
};
