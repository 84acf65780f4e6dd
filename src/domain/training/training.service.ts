/** 教育培训 writes: attendance marks (class contact or org_admin). Role and scope first; forged values refused. */
import { sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { type Database, rowsOf } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { trainingAttendance, trainingClasses, trainingCourses, trainingTrainees } from '../../db/schema/training.js';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { isIsoDate } from '../../time.js';
import { type ActorContext, hasRole, loadActor } from '../org/org.access.js';
import { adminCovers } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { classById, courseById, traineesOf } from './training.queries.js';
import { type ClassInput, type CourseInput, classProblem, courseProblem } from './training.rules.js';
import type { AttendanceMark, CourseKind } from './training.vocab.js';

export type TrainingDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export async function assertTrainingAdmin(deps: TrainingDeps, personId: number, countyId: number | null = null) {
  const actor = await loadActor(deps.db, personId, today(deps));
  if (!hasRole(actor, 'org_admin')) throw forbidden('教育培训管理仅限组织部门');
  if (countyId !== null && !(await adminCovers(deps.db, actor, countyId))) throw forbidden('此操作仅限本县组织部门');
  return actor;
}

/** The class contact of this class, or org_admin of its county. */
export async function canManageClass(
  db: Database,
  actor: ActorContext,
  cls: { countyId: number; contactPersonId: number | null },
) {
  if (cls.contactPersonId === actor.personId) return true;
  return hasRole(actor, 'org_admin') && (await adminCovers(db, actor, cls.countyId));
}

/** Refuses and audits (outside any transaction, so the denial stays recorded). */
async function deny(deps: TrainingDeps, actorId: number, courseId: number, eventId: string | null, reason: string) {
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: 'training.attendance.denied',
    entity: 'training_course',
    entityId: courseId,
    eventId,
    detail: { reason },
  });
}

/**
 * Records marks for one course: only the class contact or org_admin; every person must be a trainee of the
 * class (a forged payload is refused and audited, nothing written); all marks in one transaction.
 */
export async function recordAttendance(
  deps: TrainingDeps,
  actorId: number,
  courseId: number,
  marks: { personId: number; mark: AttendanceMark }[],
  eventId: string | null = null,
) {
  const course = await courseById(deps.db, courseId);
  if (!course) throw notFound('未找到该课程');
  const cls = (await classById(deps.db, course.classId))!;
  const actor = await loadActor(deps.db, actorId, today(deps));
  if (!(await canManageClass(deps.db, actor, cls))) {
    await deny(deps, actorId, courseId, eventId, 'not_contact');
    throw forbidden('只有本班联络员或组织部门可以记录考勤');
  }
  const trainees = new Set((await traineesOf(deps.db, cls.id)).map((t) => t.personId));
  if (marks.some((m) => !trainees.has(m.personId))) {
    await deny(deps, actorId, courseId, eventId, 'not_trainee');
    throw forbidden('考勤名单中有非本班学员，未保存');
  }
  if (marks.length === 0) throw invalid('请为学员选择出勤、缺勤或请假');
  await deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    await writeMarks(tx, courseId, marks, actorId, at);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'training.attendance',
      entity: 'training_course',
      entityId: courseId,
      eventId,
      detail: { marks: marks.length },
    });
  });
  return marks.length;
}

/** Upserts marks (inside the caller's transaction); a changed mark clears the reminder flag. */
export async function writeMarks(
  tx: Database,
  courseId: number,
  marks: { personId: number; mark: AttendanceMark }[],
  by: number,
  at: Date,
) {
  if (marks.length === 0) return;
  await tx
    .insert(trainingAttendance)
    .values(marks.map((m) => ({ courseId, personId: m.personId, mark: m.mark, byPersonId: by, ...stamps(at) })))
    .onConflictDoUpdate({
      target: [trainingAttendance.courseId, trainingAttendance.personId],
      set: {
        mark: sql`excluded.mark`,
        byPersonId: by,
        updatedAt: at,
        remindedOn: sql`case when ${trainingAttendance.mark} = excluded.mark then ${trainingAttendance.remindedOn} end`,
      },
    });
}

/** One active person of the county named on a card, by name or pinyin initials (`who` names the role in errors). */
async function personOf(db: Database, countyId: number, query: string, who: string) {
  const rows = rowsOf<{ id: number; unit_id: number }>(
    await db.execute(sql`select p.id, p.unit_id from people p join units u on u.id = p.unit_id
      where u.county_id = ${countyId} and p.active and (p.name = ${query} or p.pinyin_initials = ${query.toLowerCase()})
      order by p.id limit 2`),
  );
  if (rows.length === 0) throw invalid(`本县没有找到${who}「${query}」`);
  if (rows.length > 1) throw invalid(`「${query}」有多人，请输入${who}的完整姓名`);
  return { id: Number(rows[0].id), unitId: Number(rows[0].unit_id) };
}

const contactOf = async (db: Database, countyId: number, query: string) =>
  (await personOf(db, countyId, query, '班级联络员')).id;

/**
 * 新建班次 on a card: org_admin of a county only; every check (fields, dates, contact, duplicate) before anything
 * is written; one transaction with its audit row. Returns the class id.
 */
export async function createClass(
  deps: TrainingDeps,
  actorId: number,
  raw: ClassInput & { contact: string },
  eventId: string | null = null,
): Promise<number> {
  const actor = await assertTrainingAdmin(deps, actorId);
  if (!actor.countyId) throw forbidden('此操作仅限本县组织部门');
  const countyId = actor.countyId;
  const input = {
    name: raw.name.trim(),
    cohort: raw.cohort.trim(),
    startDate: raw.startDate.trim(),
    endDate: raw.endDate.trim(),
  };
  const problem = classProblem(input);
  if (problem) throw invalid(problem);
  const contactPersonId = raw.contact.trim() ? await contactOf(deps.db, countyId, raw.contact.trim()) : null;
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const [row] = await tx
      .insert(trainingClasses)
      .values({ countyId, ...input, contactPersonId, ...stamps(at) })
      .onConflictDoNothing()
      .returning({ id: trainingClasses.id });
    if (!row) throw invalid(`「${input.name} ${input.cohort}」已存在，请换一个名称或期次`);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'training.class.create',
      entity: 'training_class',
      entityId: row.id,
      eventId,
    });
    return row.id;
  });
}

/** 新增课程 on the class card: org_admin of the class's county; checked first, written with its audit row. */
export async function addCourse(
  deps: TrainingDeps,
  actorId: number,
  classId: number,
  raw: CourseInput,
  eventId: string | null = null,
): Promise<number> {
  const actor = await assertTrainingAdmin(deps, actorId);
  const cls = await classById(deps.db, classId);
  if (!cls) throw notFound('未找到该培训班次');
  if (!(await adminCovers(deps.db, actor, cls.countyId))) throw forbidden('此操作仅限本县组织部门');
  const input = {
    kind: raw.kind.trim(),
    topic: raw.topic.trim(),
    lecturer: raw.lecturer.trim(),
    heldOn: raw.heldOn.trim(),
    organizer: raw.organizer.trim(),
  };
  const problem = courseProblem(input, cls);
  if (problem) throw invalid(problem);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const [row] = await tx
      .insert(trainingCourses)
      .values({ classId, ...input, kind: input.kind as CourseKind, ...stamps(at) })
      .onConflictDoNothing()
      .returning({ id: trainingCourses.id });
    if (!row) throw invalid(`本班 ${input.heldOn} 已有课程《${input.topic}》`);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'training.course.create',
      entity: 'training_course',
      entityId: row.id,
      eventId,
      detail: { classId },
    });
    return row.id;
  });
}

/**
 * 添加学员 on the class card (单位推荐 + 组织考察): org_admin of the class's county; the person by name in the county,
 * the recommending unit by name (default: the trainee's unit), the 考察 date optional. Checked first, then written.
 */
export async function addTrainee(
  deps: TrainingDeps,
  actorId: number,
  classId: number,
  raw: { name: string; unit: string; assessedOn: string },
  eventId: string | null = null,
): Promise<number> {
  const actor = await assertTrainingAdmin(deps, actorId);
  const cls = await classById(deps.db, classId);
  if (!cls) throw notFound('未找到该培训班次');
  if (!(await adminCovers(deps.db, actor, cls.countyId))) throw forbidden('此操作仅限本县组织部门');
  const name = raw.name.trim();
  if (!name) throw invalid('请填写学员姓名');
  const assessedOn = raw.assessedOn.trim() || null;
  if (assessedOn && !isIsoDate(assessedOn)) throw invalid('考察日期格式应为 YYYY-MM-DD');
  const p = await personOf(deps.db, cls.countyId, name, '学员');
  let unitId = p.unitId;
  if (raw.unit.trim()) {
    const [u] = rowsOf<{ id: number }>(
      await deps.db.execute(
        sql`select id from units where name = ${raw.unit.trim()} and (county_id = ${cls.countyId} or id = ${cls.countyId}) and active`,
      ),
    );
    if (!u) throw invalid(`推荐单位「${raw.unit.trim()}」不是本县单位`);
    unitId = Number(u.id);
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const [row] = await tx
      .insert(trainingTrainees)
      .values({ classId, personId: p.id, recommendedByUnitId: unitId, assessedOn, ...stamps(at) })
      .onConflictDoNothing()
      .returning({ id: trainingTrainees.id });
    if (!row) throw invalid(`${name} 已是本班学员`);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'training.trainee.add',
      entity: 'training_class',
      entityId: classId,
      eventId,
      detail: { personId: p.id },
    });
    return row.id;
  });
}
