import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import { isAppError } from '../../../errors.js';
import type { Element } from '../../../feishu/cards/atoms.js';
import { mdText, notice } from '../../../feishu/cards/atoms.js';
import { enqueue } from '../../../feishu/outbox.js';
import type { FileCtx, Router } from '../../../feishu/router.js';
import { hasRole, loadActor } from '../org.access.js';
import { audit } from '../org.audit.js';
import { bindAccounts } from '../org.binding.js';
import { addExportTarget } from '../org.exports.js';
import { addProfileSection, scopeOn } from '../org.profile.js';
import { addXlsxImport, sendProblemList } from '../org.upload.js';
import { importPreviewCard, importResultCard, rosterProfileElements } from './roster.cards.js';
import { exportRoster } from './roster.export.js';
import { exportLrmx, lrmxFiles } from './roster.lrmx.js';
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

/**
 * 《干部任免审批表》 .lrmx files, singly or in a .zip: the same door as spreadsheets (private chat, org_admin
 * before the download, size limit), then the same preview and 确认导入.
 */
async function onLrmx(deps: Deps, ctx: FileCtx): Promise<boolean> {
  if (!/\.(lrmx|zip)$/i.test(ctx.fileName)) return false;
  const refuse = async (reason: string, title: string, text: string) => {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: ctx.actor.personId,
      actorOpenId: ctx.actor.openId,
      action: 'upload.denied',
      entity: 'upload',
      entityId: ctx.fileName.slice(0, 200),
      eventId: ctx.eventId,
      detail: { reason },
    });
    await ctx.reply(notice(title, text, 'red'));
    return true;
  };
  if (ctx.chatType !== 'p2p')
    return refuse('group_chat', '请在私聊中发送', '任免审批表含个人信息，请在与青苗的私聊中发送。');
  const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
  if (!hasRole(actor, 'org_admin')) return refuse('not_org_admin', '无法导入', '任免审批表只能由组织部门导入。');
  const data = await ctx.download();
  const max = deps.config.uploads.maxFileMb * 1024 * 1024;
  if (data.length > max)
    return refuse('too_large', '无法导入', `文件过大，请不超过 ${deps.config.uploads.maxFileMb} MB，可分批发送。`);
  const files = lrmxFiles(ctx.fileName, data);
  if (typeof files === 'string') return refuse('unreadable', '无法导入', files);
  try {
    const { report, token } = await previewUpload(
      deps,
      actor,
      { lrmx: files },
      {
        fileName: ctx.fileName,
        eventId: ctx.eventId,
      },
    );
    await ctx.reply(importPreviewCard(report, token));
    await sendProblemList(deps, ctx, report.errors);
  } catch (err) {
    if (!isAppError(err)) throw err;
    await ctx.reply(notice('任免审批表未导入', err.message, 'red'));
  }
  return true;
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
  router.file((ctx) => onLrmx(deps, ctx));
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
    name: '任免审批表',
    help: '组织部门：一名干部的《干部任免审批表》（.lrmx 交换格式与 Word 打印版），如「导出 任免审批表 张三」或身份证号',
    run: async (ctx) => {
      const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
      const day = scopeOn(deps).onDate;
      const name = await deps.db.transaction(async (tx) => {
        const r = await exportLrmx({ ...deps, db: tx }, ctx.args, { actor, eventId: ctx.eventId });
        const { appointmentFormDocx } = await import('./roster.form.js');
        const to = { openId: ctx.actor.openId };
        await enqueue(
          tx,
          { kind: 'file', to, fileName: `干部任免审批表_${r.name}.lrmx`, data: Buffer.from(r.xml, 'utf8') },
          {
            kind: 'file',
            to,
            fileName: `干部任免审批表_${r.name}.docx`,
            data: await appointmentFormDocx(r.person, day),
          },
        );
        return r.name;
      });
      deps.outboxWake();
      await ctx.reply(
        notice('任免审批表已导出', `${mdText(name)}的《干部任免审批表》（.lrmx 与 Word）已通过私聊发送给您。`, 'green'),
      );
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
