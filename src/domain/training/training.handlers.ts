import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { mdText, notice } from '../../feishu/cards/atoms.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { ANY_ROLE } from '../help/help.types.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { adminCovers } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection } from '../org/org.profile.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import {
  attendanceCard,
  classCard,
  importPreviewCard,
  importProblemsCard,
  overviewCard,
  recordCard,
} from './training.cards.js';
import { seedDemoTraining } from './training.demo.js';
import { exportToChat } from './training.export.js';
import { confirmImport, headerOf, isTrainingHeader, previewImport, sheetRows } from './training.import.js';
import { trainingJobs } from './training.jobs.js';
import { trainingProfileSection } from './training.profile.js';
import {
  classById,
  classesContactedBy,
  classStats,
  courseById,
  coursesOf,
  recordOf,
  traineesOf,
} from './training.queries.js';
import { trainingDigest, trainingReport } from './training.report.js';
import { addCourse, addTrainee, canManageClass, createClass, recordAttendance } from './training.service.js';
import { ATTENDANCE_MARKS } from './training.vocab.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

/** The class card for its contact or org_admin of its county; anyone else refused and audited. */
async function classView(deps: Deps, actorId: number, classId: number, eventId: string | null = null) {
  const cls = await classById(deps.db, classId);
  if (!cls) throw notFound('未找到该培训班次');
  const actor = await loadActor(deps.db, actorId, today(deps));
  const allowed = await canManageClass(deps.db, actor, cls);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: allowed ? 'training.class.view' : 'training.class.view.denied',
    entity: 'training_class',
    entityId: classId,
    eventId,
  });
  if (!allowed) throw forbidden('只有本班联络员或组织部门可以查看本班考勤');
  const [stats] = await classStats(deps.db, cls.countyId, cls.id);
  const admin = hasRole(actor, 'org_admin') && (await adminCovers(deps.db, actor, cls.countyId));
  return classCard(stats, await coursesOf(deps.db, cls.id), { canAddCourse: admin });
}

async function attendanceView(deps: Deps, actorId: number, courseId: number, eventId: string | null) {
  const course = await courseById(deps.db, courseId);
  if (!course) throw notFound('未找到该课程');
  const cls = (await classById(deps.db, course.classId))!;
  const actor = await loadActor(deps.db, actorId, today(deps));
  const allowed = await canManageClass(deps.db, actor, cls);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: allowed ? 'training.attendance.view' : 'training.attendance.view.denied',
    entity: 'training_course',
    entityId: courseId,
    eventId,
  });
  if (!allowed) throw forbidden('只有本班联络员或组织部门可以记录考勤');
  return attendanceCard(course, await traineesOf(deps.db, cls.id, course.id));
}

function registerActions(router: Router, deps: Deps) {
  router.action('training.class.open', z.object({ c: id('班次编号有误') }), async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await classView(deps, ctx.actor.personId, ctx.value.c, ctx.eventId) } });
  });
  router.action('training.attendance.open', z.object({ k: id('课程编号有误') }), async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await attendanceView(deps, ctx.actor.personId, ctx.value.k, ctx.eventId) } });
  });
  // Form fields p<personId> = present | absent | leave; everything else in the value is ignored.
  router.action('training.attendance.save', z.object({ k: id('课程编号有误') }).catchall(z.unknown()), async (ctx) => {
    const marks = [];
    for (const [key, v] of Object.entries(ctx.value)) {
      const m = /^p(\d{1,9})$/.exec(key);
      if (!m) continue;
      if (!ATTENDANCE_MARKS.includes(v as never)) throw invalid('出勤情况有误，请选择出勤、缺勤或请假');
      marks.push({ personId: Number(m[1]), mark: v as (typeof ATTENDANCE_MARKS)[number] });
    }
    const n = await recordAttendance(deps, ctx.actor.personId, ctx.value.k, marks, ctx.eventId);
    const course = (await courseById(deps.db, ctx.value.k))!;
    ctx.ack({
      toast: { type: 'success', content: `已保存 ${n} 人考勤` },
      card: { type: 'raw', data: await classView(deps, ctx.actor.personId, course.classId) },
    });
  });
  const day10 = (v: string) => v.trim().slice(0, 10);
  const text = (message: string, max: number, tooLong: string) =>
    z
      .string({ message })
      .max(max, tooLong)
      .transform((v) => v.trim());
  router.action(
    'training.class.create',
    z.object({
      name: text('请填写班次名称', 50, '班次名称请控制在 50 字以内'),
      cohort: text('请填写期次（如 第一期）', 30, '期次请控制在 30 字以内'),
      start: z.string({ message: '请选择开班日期' }).transform(day10),
      end: z.string({ message: '请选择结业日期' }).transform(day10),
      contact: z.string().max(20, '联络员姓名请控制在 20 字以内').optional(),
    }),
    async (ctx) => {
      const v = ctx.value;
      const classId = await createClass(
        deps,
        ctx.actor.personId,
        { name: v.name, cohort: v.cohort, startDate: v.start, endDate: v.end, contact: v.contact ?? '' },
        ctx.eventId,
      );
      ctx.ack({
        toast: { type: 'success', content: '班次已创建' },
        card: { type: 'raw', data: await classView(deps, ctx.actor.personId, classId) },
      });
    },
  );
  router.action(
    'training.course.create',
    z.object({
      c: id('班次编号有误'),
      kind: z.string({ message: '请选择课程类别（精品课程或小灶课程）' }),
      topic: text('请填写课程专题', 100, '课程专题请控制在 100 字以内'),
      lecturer: text('请填写主讲人', 50, '主讲人请控制在 50 字以内'),
      on: z.string({ message: '请选择上课日期' }).transform(day10),
      organizer: text('请填写组织单位', 50, '组织单位请控制在 50 字以内'),
    }),
    async (ctx) => {
      const v = ctx.value;
      await addCourse(
        deps,
        ctx.actor.personId,
        v.c,
        { kind: v.kind, topic: v.topic, lecturer: v.lecturer, heldOn: v.on, organizer: v.organizer },
        ctx.eventId,
      );
      ctx.ack({
        toast: { type: 'success', content: '课程已添加' },
        card: { type: 'raw', data: await classView(deps, ctx.actor.personId, v.c) },
      });
    },
  );
  router.action(
    'training.trainee.add',
    z.object({
      c: id('班次编号有误'),
      name: text('请填写学员姓名', 20, '学员姓名请控制在 20 字以内'),
      unit: z.string().max(50, '推荐单位请控制在 50 字以内').optional(),
      assessed: z.string().transform(day10).optional(),
    }),
    async (ctx) => {
      const v = ctx.value;
      await addTrainee(
        deps,
        ctx.actor.personId,
        v.c,
        { name: v.name, unit: v.unit ?? '', assessedOn: v.assessed ?? '' },
        ctx.eventId,
      );
      ctx.ack({
        toast: { type: 'success', content: `已添加学员 ${v.name}` },
        card: { type: 'raw', data: await classView(deps, ctx.actor.personId, v.c) },
      });
    },
  );
  router.action('training.import.confirm', z.object({ d: id('导入编号有误') }), async (ctx) => {
    const r = await confirmImport(deps, ctx.actor.personId, ctx.value.d, ctx.eventId);
    if (r.errors.length > 0)
      return ctx.ack({ card: { type: 'raw', data: importProblemsCard('培训考勤', r.errors.length, r.errors) } });
    ctx.ack({
      toast: { type: 'success', content: `已导入 ${r.written} 条考勤` },
      card: { type: 'raw', data: notice('培训考勤已导入', `已导入 ${r.written} 条考勤。发送「培训」查看。`, 'green') },
    });
  });
}

/** Registers only the xlsx import: installed before `org` so the 班次 + 课程 + 出勤 sheet is not taken for a roster. */
export const trainingImportCapability: Capability = {
  name: 'training-import',
  register(router, deps) {
    addXlsxImport(router, deps, {
      label: '培训考勤',
      entity: 'training_import',
      recognise: (book) => !!book.worksheets[0] && isTrainingHeader(headerOf(book.worksheets[0])),
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
  },
};

/** 教育培训: classes, trainees, courses, attendance (card or xlsx), absence reminders, statistics. */
export const trainingCapability: Capability = {
  name: 'training',
  // org_admin sees every class; a class contact (any post) their class; a trainee their own record.
  help: [{ command: '培训', group: '育', roles: ANY_ROLE }],
  register(router, deps) {
    router.command(
      ['培训', '教育培训'],
      personal(deps, async (ctx) => {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        if (hasRole(actor, 'org_admin') && actor.countyId) {
          await audit(deps.db, deps.clock.now(), {
            actorPersonId: actor.personId,
            action: 'training.view',
            entity: 'training',
          });
          return ctx.reply(overviewCard(await classStats(deps.db, actor.countyId)));
        }
        const mine = await classesContactedBy(deps.db, actor.personId);
        if (mine.length > 0) return ctx.reply(await classView(deps, actor.personId, mine[0].id));
        await audit(deps.db, deps.clock.now(), {
          actorPersonId: actor.personId,
          action: 'training.own.view',
          entity: 'person',
          entityId: actor.personId,
        });
        await ctx.reply(recordCard(actor.name, await recordOf(deps.db, actor.personId)));
      }),
      '教育培训：组织部门查看各班次人数和出勤率；班级联络员记录本班考勤；学员查看本人课程和出勤',
    );
    registerActions(router, deps);
    addExportTarget({
      name: '培训台账',
      help: '组织部门：教育培训台账（学员、课程、出勤率）',
      run: async (ctx) => {
        const r = await exportToChat(deps, ctx.actor.personId, ctx.sender.openId);
        await ctx.reply(notice('培训台账已导出', `共 ${r.rows} 人次，文件“${mdText(r.fileName)}”随后发送。`, 'green'));
      },
    });
    addProfileSection('training', trainingProfileSection);
  },
  jobs: trainingJobs,
  seedDemo: seedDemoTraining,
  report: trainingReport,
  digest: trainingDigest,
};
