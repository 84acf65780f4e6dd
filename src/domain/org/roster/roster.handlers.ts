import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import type { Element } from '../../../feishu/cards/atoms.js';
import { notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { Router } from '../../../feishu/router.js';
import { loadActor } from '../org.access.js';
import { bindAccounts } from '../org.binding.js';
import { addExportTarget } from '../org.exports.js';
import { addProfileSection, scopeOn } from '../org.profile.js';
import { addXlsxImport, sendProblemList } from '../org.upload.js';
import { importPreviewCard, importResultCard, rosterProfileElements } from './roster.cards.js';
import { exportRoster } from './roster.export.js';
import { confirmUpload, previewUpload } from './roster.preview.js';
import { findRosterSheet, looksLikeRoster } from './roster.read.js';

/** The roster fields on the profile card (the profile checked the viewer's scope before any section runs). */
async function rosterProfileSection(deps: Deps, _actor: unknown, personId: number): Promise<Element[]> {
  const [p] = await deps.db
    .select({
      ethnicity: people.ethnicity,
      nativePlace: people.nativePlace,
      birthPlace: people.birthPlace,
      workStart: people.workStart,
      partyJoinDate: people.partyJoinDate,
      fullTimeEducation: people.fullTimeEducation,
      fullTimeDegree: people.fullTimeDegree,
      fullTimeSchool: people.fullTimeSchool,
      partTimeEducation: people.partTimeEducation,
      partTimeDegree: people.partTimeDegree,
      partTimeSchool: people.partTimeSchool,
      positionSince: people.positionSince,
      rankSince: people.rankSince,
    })
    .from(people)
    .where(eq(people.id, personId));
  return p ? rosterProfileElements(p) : [];
}

export function registerRoster(router: Router, deps: Deps): void {
  addProfileSection('roster', rosterProfileSection);
  addXlsxImport(router, deps, {
    label: '花名册',
    entity: 'roster',
    recognise: (book) => looksLikeRoster(findRosterSheet(book)),
    run: async (ctx, book, actor) => {
      // Preview first: nothing is written until the uploader presses 确认导入.
      const { report, token } = await previewUpload(deps, actor, book, {
        fileName: ctx.fileName,
        eventId: ctx.eventId,
      });
      await ctx.reply(importPreviewCard(report, token));
      await sendProblemList(deps, ctx, report.errors);
    },
  });
  router.action('roster.confirm', z.object({ t: z.string().min(1).max(100) }), async (ctx) => {
    const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
    const report = await confirmUpload(deps, actor, ctx.value.t, { eventId: ctx.eventId });
    const bind =
      report.ok && report.touchedIds.length ? await bindAccounts(deps, { personIds: report.touchedIds, actor }) : null;
    ctx.ack({
      toast: report.ok
        ? { type: 'success', content: '花名册已导入' }
        : { type: 'error', content: '导入前复核发现问题，未写入' },
      card: { type: 'raw', data: importResultCard(report, bind) },
    });
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
  addExportTarget({
    name: '干部花名册',
    help: '组织部门：按干部花名册格式导出（标题行、两行表头、按单位分组；可原样导回）',
    run: async (ctx) => {
      const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
      const { data, count } = await exportRoster(deps, { actor, eventId: ctx.eventId, layout: 'huamingce' });
      const fileName = `干部花名册_${scopeOn(deps).onDate}.xlsx`;
      await enqueue(deps.db, { kind: 'file', to: { openId: ctx.actor.openId }, fileName, data });
      await ctx.reply(notice('干部花名册已导出', `共 ${count} 人，文件“${fileName}”已通过私聊发送给您。`, 'green'));
    },
  });
}
