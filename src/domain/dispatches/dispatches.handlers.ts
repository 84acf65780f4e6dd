import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { rowsOf } from '../../db/client.js';
import { dispatchAttachments, dispatchReports } from '../../db/schema/dispatches.js';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, isAppError, notFound } from '../../errors.js';
import { md, mdText, notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection } from '../org/org.profile.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import { addPoolMark } from '../pool/pool.holds.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { addCadreNote } from '../talks/talks.notes.js';
import {
  importPreviewCard,
  importProblemsCard,
  myDispatchCard,
  overviewCard,
  personDispatchCard,
  reportFormCard,
  reportSummaryCard,
  statusTableCard,
} from './dispatches.cards.js';
import { seedDemoDispatches } from './dispatches.demo.js';
import { exportToChat } from './dispatches.export.js';
import { confirmImport, headerOf, isDispatchHeader, previewImport, sheetRows } from './dispatches.import.js';
import { classify, dispatchJobs, remindCadres } from './dispatches.jobs.js';
import { dispatchProfileSection } from './dispatches.profile.js';
import {
  assignmentsOf,
  assignmentView,
  awayOn,
  batchCounts,
  batchesOf,
  endingSoon,
  readableReports,
  reportFor,
  reportStatus,
  reportsOf,
} from './dispatches.queries.js';
import { dispatchDigest, dispatchReport } from './dispatches.report.js';
import { attachmentTypeProblem, awayText, canCorrect, isReportablePeriod, periodOn } from './dispatches.rules.js';
import {
  assertDispatchAdmin,
  attachFile,
  canReadReports,
  changeStatus,
  createAssignment,
  evaluate,
  submitReport,
} from './dispatches.service.js';
import { ATTACHMENT_MAX_BYTES, DISPATCH_KINDS, EVALUATION_GRADES } from './dispatches.vocab.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

async function overview(deps: Deps, countyId: number) {
  const day = today(deps);
  const [rows, ending] = await Promise.all([
    batchCounts(deps.db, countyId, day),
    endingSoon(deps.db, countyId, day, 31),
  ]);
  const totals = DISPATCH_KINDS.map((k) => {
    const mine = rows.filter((r) => r.kind === k.key);
    return { label: k.label, batches: mine.length, people: mine.reduce((s, r) => s + r.total, 0) };
  });
  return overviewCard(rows, ending, totals);
}

async function myDispatches(deps: Deps, personId: number) {
  const day = today(deps);
  const list = await assignmentsOf(deps.db, personId);
  const items = [];
  for (const a of list.slice(0, 5)) {
    const reports = await reportsOf(deps.db, a.id);
    const p = periodOn(a.cadence, a, day);
    items.push({
      a,
      reports,
      current: p && !reports.some((r) => r.periodKey === p.key) ? { key: p.key, due: p.due } : null,
    });
  }
  return myDispatchCard(await readableReports(deps.db, personId, day), items);
}

async function statusTable(deps: Deps, countyId: number) {
  const rows = await reportStatus(deps.db, today(deps), countyId);
  const batches = new Map((await batchesOf(deps.db, countyId)).map((b) => [b.id, b.name]));
  const groups = new Map<string, { batch: string; period: string; due: string; expected: number; submitted: number }>();
  for (const r of rows) {
    const key = `${r.batchId}|${r.periodKey}`;
    const g = groups.get(key) ?? {
      batch: batches.get(r.batchId) ?? '',
      period: r.periodKey,
      due: r.due,
      expected: 0,
      submitted: 0,
    };
    g.expected++;
    if (r.submitted) g.submitted++;
    if (r.due > g.due) g.due = r.due;
    groups.set(key, g);
  }
  return statusTableCard([...groups.values()]);
}

/** The form or the read-only summary of one report, for someone allowed to see it. */
async function reportCard(
  deps: Deps,
  actorId: number,
  assignmentId: number,
  periodKey: string,
  kind: 'report' | 'summary',
) {
  const a = await assignmentView(deps.db, assignmentId);
  if (!a) throw notFound('未找到该选派');
  const actor = await loadActor(deps.db, actorId, today(deps));
  if (!(await canReadReports(deps, actor, a))) throw forbidden('您无权查看该干部的选派工作报告');
  const day = today(deps);
  const period =
    kind === 'summary'
      ? { key: 'term', start: a.startDate, due: a.endedOn ?? a.plannedEnd }
      : isReportablePeriod(a.cadence, a, periodKey);
  if (!period) throw invalid(`${periodKey} 不在该干部的选派期内`);
  const r = await reportFor(deps.db, a.id, periodKey, kind);
  if (a.personId === actorId && (!r || canCorrect(period, day))) {
    return reportFormCard(a, periodKey, kind, { due: period.due, prior: r });
  }
  if (!r) throw notFound('该期报告尚未提交');
  const files = await deps.db
    .select({ id: dispatchAttachments.id, fileName: dispatchAttachments.fileName })
    .from(dispatchAttachments)
    .where(eq(dispatchAttachments.reportId, r.id))
    .orderBy(dispatchAttachments.id);
  return reportSummaryCard(a, r, { canCorrect: false, attachments: files });
}

/**
 * Sends one attachment to the reader's private chat: whoever may read the report (the cadre, the host contact,
 * the home-unit main leader, org_admin of the county); checked before the file itself is read; audited.
 */
async function sendAttachment(deps: Deps, actorId: number, openId: string, fileId: number, eventId: string | null) {
  const [f] = await deps.db
    .select({ reportId: dispatchAttachments.reportId, assignmentId: dispatchReports.assignmentId })
    .from(dispatchAttachments)
    .innerJoin(dispatchReports, eq(dispatchReports.id, dispatchAttachments.reportId))
    .where(eq(dispatchAttachments.id, fileId));
  const a = f ? await assignmentView(deps.db, f.assignmentId) : null;
  if (!f || !a) throw notFound('未找到该附件');
  const actor = await loadActor(deps.db, actorId, today(deps));
  if (!(await canReadReports(deps, actor, a))) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'dispatch.attachment.denied',
      entity: 'dispatch_attachment',
      entityId: fileId,
      eventId,
    });
    throw forbidden('您无权查看该干部的选派工作报告');
  }
  const [file] = await deps.db
    .select({ fileName: dispatchAttachments.fileName, data: dispatchAttachments.data })
    .from(dispatchAttachments)
    .where(eq(dispatchAttachments.id, fileId));
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, {
      kind: 'file',
      to: { openId },
      fileName: file.fileName,
      data: Buffer.from(file.data, 'base64'),
    });
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'dispatch.attachment.get',
      entity: 'dispatch_attachment',
      entityId: fileId,
      eventId,
    });
  });
  deps.outboxWake();
  return file.fileName;
}

function registerActions(router: Router, deps: Deps) {
  const Ref = z.object({
    as: id('选派编号有误'),
    p: z.string().regex(/^(\d{4}-(\d{2}|Q[1-4])|term)$/, '报告期有误'),
    k: z.enum(['report', 'summary'], { message: '报告类型有误' }).default('report'),
  });
  router.action('dispatch.report.open', Ref, async (ctx) => {
    const v = ctx.value;
    ctx.ack({ card: { type: 'raw', data: await reportCard(deps, ctx.actor.personId, v.as, v.p, v.k) } });
  });
  const Submit = Ref.extend({
    work: z.string({ message: '请填写已开展的工作' }).max(1000, '已开展的工作请控制在 1000 字以内'),
    problems: z.string().max(1000, '遇到的问题请控制在 1000 字以内').optional(),
    help: z.string().max(1000, '需要的帮助请控制在 1000 字以内').optional(),
    next: z.string().max(1000, '下一步打算请控制在 1000 字以内').optional(),
  });
  router.action('dispatch.report.submit', Submit, async (ctx) => {
    const v = ctx.value;
    await submitReport(
      deps,
      ctx.actor.personId,
      {
        assignmentId: v.as,
        periodKey: v.p,
        kind: v.k,
        workDone: v.work,
        problems: v.problems ?? null,
        helpNeeded: v.help ?? null,
        nextSteps: v.next ?? null,
      },
      ctx.eventId,
    );
    const a = (await assignmentView(deps.db, v.as))!;
    const r = (await reportFor(deps.db, v.as, v.p, v.k))!;
    const period =
      v.k === 'summary'
        ? { key: 'term', start: a.startDate, due: a.plannedEnd }
        : isReportablePeriod(a.cadence, a, v.p)!;
    ctx.ack({
      toast: { type: 'success', content: r.version > 1 ? '报告已修改' : '报告已提交' },
      card: { type: 'raw', data: reportSummaryCard(a, r, { canCorrect: canCorrect(period, today(deps)) }) },
    });
  });
  router.action('dispatch.attachment.get', z.object({ f: id('附件编号有误') }), async (ctx) => {
    const name = await sendAttachment(deps, ctx.actor.personId, ctx.actor.openId, ctx.value.f, ctx.eventId);
    ctx.ack({ toast: { type: 'success', content: `附件“${name.slice(0, 40)}”随后通过私聊发送` } });
  });
  router.action('dispatch.remindAll', z.object({ b: id('批次编号有误') }), async (ctx) => {
    const actor = await assertDispatchAdmin(deps, ctx.actor.personId);
    const day = today(deps);
    const cal = await loadCalendar(deps.db);
    const rows = classify(await reportStatus(deps.db, day, actor.countyId), day, cal).filter(
      (r) => r.batchId === ctx.value.b && r.step !== 'due',
    );
    const sent = await remindCadres(deps, rows, day);
    deps.outboxWake();
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: ctx.actor.personId,
      action: 'dispatch.remindAll',
      entity: 'dispatch_batch',
      entityId: ctx.value.b,
      eventId: ctx.eventId,
      detail: { sent: sent.overdue + sent.due },
    });
    const n = sent.overdue + sent.due;
    ctx.ack({ toast: { type: 'success', content: n > 0 ? `已提醒 ${n} 人` : '今天已提醒过，未重复发送' } });
  });
  router.action('dispatch.import.confirm', z.object({ d: id('导入编号有误') }), async (ctx) => {
    const r = await confirmImport(deps, ctx.actor.personId, ctx.value.d, ctx.eventId);
    if (r.errors.length > 0)
      return ctx.ack({ card: { type: 'raw', data: importProblemsCard('选派名单', r.errors.length, r.errors) } });
    ctx.ack({
      toast: { type: 'success', content: `已导入 ${r.written} 人` },
      card: { type: 'raw', data: notice('选派名单已导入', `已导入 ${r.written} 人。发送「选派」查看。`, 'green') },
    });
  });
  router.action(
    'dispatch.evaluate',
    z.object({
      as: id('选派编号有误'),
      grade: z.enum(EVALUATION_GRADES, { message: '请选择评价等次' }),
      comment: z.string().max(1000, '评价意见请控制在 1000 字以内').optional(),
    }),
    async (ctx) => {
      const proposals = await evaluate(
        deps,
        ctx.actor.personId,
        ctx.value.as,
        ctx.value.grade,
        ctx.value.comment?.trim() || null,
        ctx.eventId,
      );
      if (proposals.length > 0) deps.outboxWake();
      ctx.ack({
        toast: { type: 'success', content: '评价已提交' },
        card: { type: 'raw', data: notice('选派干部期满评价', `已提交评价：${mdText(ctx.value.grade)}`, 'green') },
      });
    },
  );
  for (const [key, what] of [
    ['dispatch.export', 'ledger'],
    ['dispatch.exportReports', 'reports'],
  ] as const) {
    router.action(key, z.object({}), async (ctx) => {
      const r = await exportToChat(deps, ctx.actor.personId, ctx.actor.openId, what);
      ctx.ack({ toast: { type: 'success', content: `已导出 ${r.rows} 行，文件随后发送` } });
    });
  }
}

const day10 = (s: string) => s.trim().slice(0, 10);

/** 选派 <姓名> for org_admin: the person in the admin's county, by name or pinyin initials. */
async function personCard(deps: Deps, actorId: number, query: string) {
  const actor = await assertDispatchAdmin(deps, actorId);
  const rows = rowsOf<{ id: number; name: string; unit_name: string }>(
    await deps.db.execute(sql`select p.id, p.name, u.name as unit_name from people p join units u on u.id = p.unit_id
      where u.county_id = ${actor.countyId} and p.active and (p.name = ${query} or p.pinyin_initials = ${query.toLowerCase()})
      order by p.id limit 2`),
  );
  if (rows.length === 0) throw notFound(`本县没有找到「${query}」`);
  if (rows.length > 1) throw invalid(`「${query}」有多人，请输入完整姓名`);
  const p = rows[0];
  return personDispatchCard(
    { id: p.id, name: p.name, unitName: p.unit_name },
    await assignmentsOf(deps.db, p.id),
    await batchesOf(deps.db, actor.countyId as number),
  );
}

function registerManage(router: Router, deps: Deps) {
  router.action(
    'dispatch.status',
    z.object({
      as: id('选派编号有误'),
      to: z.enum(['completed', 'recalled', 'extended'], { message: '请选择要变更的状态' }),
      on: z.string({ message: '请选择生效日期' }).transform(day10),
      end: z.string().transform(day10).optional(),
    }),
    async (ctx) => {
      const v = ctx.value;
      await changeStatus(deps, ctx.actor.personId, v.as, v.to, v.on, { newEnd: v.end, eventId: ctx.eventId });
      const a = (await assignmentView(deps.db, v.as))!;
      ctx.ack({
        toast: { type: 'success', content: '状态已变更' },
        card: { type: 'raw', data: await personCard(deps, ctx.actor.personId, a.personName) },
      });
    },
  );
  router.action(
    'dispatch.assign',
    z.object({
      person: id('干部编号有误'),
      batch: id('请选择选派批次'),
      dest: z.string().max(100).optional(),
      place: z.string().max(100).optional(),
      host: z.string().max(100).optional(),
      start: z.string({ message: '请选择开始日期' }).transform(day10),
      end: z.string({ message: '请选择计划结束日期' }).transform(day10),
    }),
    async (ctx) => {
      const v = ctx.value;
      const actor = await assertDispatchAdmin(deps, ctx.actor.personId);
      let destUnitId: number | null = null;
      if (v.dest?.trim()) {
        const [u] = rowsOf<{ id: number }>(
          await deps.db.execute(
            sql`select id from units where name = ${v.dest.trim()} and county_id = ${actor.countyId} and active`,
          ),
        );
        if (!u && !v.place?.trim())
          throw invalid(`派驻单位「${v.dest.trim()}」不是本县单位，县外派驻请填写地点（如 浏阳市）和接收单位`);
        destUnitId = u?.id ?? null;
      }
      await createAssignment(
        deps,
        ctx.actor.personId,
        {
          personId: v.person,
          batchId: v.batch,
          destUnitId,
          destPlace: v.place?.trim() || null,
          hostUnitName: v.host?.trim() || null,
          hostContactPersonId: null,
          startDate: v.start,
          plannedEnd: v.end,
        },
        ctx.eventId,
      );
      const [p] = rowsOf<{ name: string }>(await deps.db.execute(sql`select name from people where id = ${v.person}`));
      ctx.ack({
        toast: { type: 'success', content: '选派已保存' },
        card: { type: 'raw', data: await personCard(deps, ctx.actor.personId, p.name) },
      });
    },
  );
}

function registerImport(router: Router, deps: Deps) {
  addXlsxImport(router, deps, {
    label: '选派名单',
    entity: 'dispatch_import',
    recognise: (book) => !!book.worksheets[0] && isDispatchHeader(headerOf(book.worksheets[0])),
    run: async (ctx, book, actor) => {
      const rows = sheetRows(book.worksheets[0]);
      const r = await previewImport(deps, ctx.actor.personId, actor.countyId as number, rows, ctx.fileName);
      if (r.draftId === null) {
        await ctx.reply(importProblemsCard(ctx.fileName, r.total, r.errors));
        await sendProblemList(
          deps,
          ctx,
          r.errors.map((e) => ({ row: e.line, message: e.message })),
        );
        return;
      }
      await ctx.reply(importPreviewCard(r.draftId, ctx.fileName, r.groups));
    },
  });
  // A photo or file sent in private chat by a dispatched cadre: attached to his latest report of this period.
  router.file(async (ctx) => {
    if (ctx.chatType !== 'p2p' || /\.(xlsx|xls|xlsm|xlsb|et|csv|ods|numbers)$/i.test(ctx.fileName)) return false;
    const day = today(deps);
    const mine = (await assignmentsOf(deps.db, ctx.actor.personId)).filter((a) => a.startDate <= day);
    const a = mine[0];
    const p = a ? periodOn(a.cadence, a, day) : null;
    const r = a && p ? await reportFor(deps.db, a.id, p.key, 'report') : null;
    if (!r) return false;
    // The type is known from the name: refused before anything is downloaded; the size while downloading (the
    // transport stops past ATTACHMENT_MAX_BYTES, so an oversize file is never fully fetched), then again by attachFile.
    const type = attachmentTypeProblem(ctx.fileName);
    if (type) {
      await ctx.reply(notice('附件未保存', type, 'red'));
      return true;
    }
    try {
      await attachFile(deps, ctx.actor.personId, r.id, {
        fileName: ctx.fileName,
        data: await ctx.download({ maxBytes: ATTACHMENT_MAX_BYTES }),
      });
      await ctx.reply(notice('附件已保存', `“${mdText(ctx.fileName)}”已附在本期选派工作报告上。`, 'green'));
    } catch (err) {
      if (!isAppError(err)) throw err;
      await ctx.reply(notice('附件未保存', err.message, 'red'));
    }
    return true;
  });
}

/** 选派墩苗: batches, assignments, work reports with reminders, evaluations. */
export const dispatchesCapability: Capability = {
  name: 'dispatches',
  // The dispatched cadre (role cadre) fills in and sees their own; the organization department sees all.
  help: [
    { command: '选派', group: '育', roles: ['org_admin', 'cadre'] },
    { command: '选派报告', group: '育', roles: ['org_admin', 'cadre'], button: true },
  ],
  register(router, deps) {
    router.command(
      ['选派', '选派墩苗'],
      personal(deps, async (ctx) => {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        if (hasRole(actor, 'org_admin') && actor.countyId) {
          await audit(deps.db, deps.clock.now(), {
            actorPersonId: actor.personId,
            action: 'dispatch.view',
            entity: 'dispatch',
            detail: ctx.args ? { query: ctx.args } : undefined,
          });
          if (ctx.args) return ctx.reply(await personCard(deps, actor.personId, ctx.args));
          return ctx.reply(await overview(deps, actor.countyId));
        }
        await ctx.reply(await myDispatches(deps, actor.personId));
      }),
      '选派墩苗：组织部门查看选派批次、人数和期满情况（加姓名：新增选派、变更状态）；选派干部查看本人选派',
    );
    router.command(
      ['选派报告', '选派工作报告'],
      personal(deps, async (ctx) => {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        if (hasRole(actor, 'org_admin') && actor.countyId) {
          await audit(deps.db, deps.clock.now(), {
            actorPersonId: actor.personId,
            action: 'dispatch.reports.view',
            entity: 'dispatch',
          });
          return ctx.reply(await statusTable(deps, actor.countyId));
        }
        await ctx.reply(await myDispatches(deps, actor.personId));
      }),
      '选派工作报告：选派干部填写和查看本人报告；组织部门查看各批次报告情况',
    );
    registerActions(router, deps);
    registerManage(router, deps);
    registerImport(router, deps);
    addExportTarget({
      name: '选派台账',
      help: '组织部门：选派墩苗台账（可加时间范围，在该期间内在岗的选派，如「导出 选派台账 2026」）',
      run: async (ctx) => {
        const r = await exportToChat(deps, ctx.actor.personId, ctx.sender.openId, 'ledger', ctx.args);
        await ctx.reply(notice('选派台账已导出', `共 ${r.rows} 人次，文件“${mdText(r.fileName)}”随后发送。`, 'green'));
      },
    });
    addExportTarget({
      name: '选派报告',
      help: '组织部门：选派工作报告提交情况（可加时间范围，按截止日期）',
      run: async (ctx) => {
        const r = await exportToChat(deps, ctx.actor.personId, ctx.sender.openId, 'reports', ctx.args);
        await ctx.reply(
          notice('选派报告情况已导出', `共 ${r.rows} 行，文件“${mdText(r.fileName)}”随后发送。`, 'green'),
        );
      },
    });
    addProfileSection('dispatches', dispatchProfileSection);
    // 在外选派 on pool list rows and on the leader's 待办 line (the talk stays with the home unit: docs/talks.md).
    const away = async (db: Parameters<typeof awayOn>[0], ids: number[], day: string) =>
      new Map([...(await awayOn(db, ids, day))].map(([id, a]) => [id, awayText(a)]));
    addPoolMark('dispatches', away);
    addCadreNote('dispatches', async (db, ids, day) => {
      const notes = await away(db, ids, day);
      return new Map([...notes].map(([id, t]) => [id, `${t}（可电话、视频或到派驻地走访谈话）`]));
    });
    void md;
  },
  jobs: dispatchJobs,
  seedDemo: seedDemoDispatches,
  report: dispatchReport,
  digest: dispatchDigest,
};
