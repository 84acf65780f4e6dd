/** 教育培训 reads: classes with counts and rates, a class's courses and trainees, a trainee's record. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { trainingAttendance, trainingClasses, trainingCourses, trainingTrainees } from '../../db/schema/training.js';
import type { AttendanceMark, CourseKind } from './training.vocab.js';

export interface ClassStats {
  id: number;
  name: string;
  cohort: string;
  startDate: string;
  endDate: string;
  contactPersonId: number | null;
  trainees: number;
  premium: number;
  small: number;
  present: number;
  absent: number;
  leave: number;
}

/** Every class of the county (or one class) with its counts; set-based. */
export async function classStats(db: Database, countyId: number, classId: number | null = null) {
  const one = classId === null ? sql`true` : sql`c.id = ${classId}`;
  return rowsOf<ClassStats>(
    await db.execute(sql`
    select c.id, c.name, c.cohort, to_char(c.start_date, 'YYYY-MM-DD') as "startDate",
           to_char(c.end_date, 'YYYY-MM-DD') as "endDate", c.contact_person_id as "contactPersonId",
           (select count(*)::int from training_trainees t where t.class_id = c.id) as trainees,
           (select count(*)::int from training_courses k where k.class_id = c.id and k.kind = 'premium') as premium,
           (select count(*)::int from training_courses k where k.class_id = c.id and k.kind = 'small') as small,
           (select count(*)::int from training_attendance a join training_courses k on k.id = a.course_id
             where k.class_id = c.id and a.mark = 'present') as present,
           (select count(*)::int from training_attendance a join training_courses k on k.id = a.course_id
             where k.class_id = c.id and a.mark = 'absent') as absent,
           (select count(*)::int from training_attendance a join training_courses k on k.id = a.course_id
             where k.class_id = c.id and a.mark = 'leave') as leave
      from training_classes c where c.county_id = ${countyId} and ${one}
     order by c.start_date desc, c.id`),
  );
}

export async function classById(db: Database, classId: number) {
  const [c] = await db
    .select({
      id: trainingClasses.id,
      name: trainingClasses.name,
      cohort: trainingClasses.cohort,
      countyId: trainingClasses.countyId,
      contactPersonId: trainingClasses.contactPersonId,
      startDate: trainingClasses.startDate,
      endDate: trainingClasses.endDate,
    })
    .from(trainingClasses)
    .where(eq(trainingClasses.id, classId));
  return c ?? null;
}

/** Classes a person is the contact of. */
export async function classesContactedBy(db: Database, personId: number) {
  return db
    .select({ id: trainingClasses.id, countyId: trainingClasses.countyId })
    .from(trainingClasses)
    .where(eq(trainingClasses.contactPersonId, personId))
    .orderBy(asc(trainingClasses.id));
}

export interface CourseRow {
  id: number;
  classId: number;
  kind: CourseKind;
  topic: string;
  lecturer: string;
  heldOn: string;
  organizer: string;
  present: number;
  marked: number;
}

export async function coursesOf(db: Database, classId: number): Promise<CourseRow[]> {
  return rowsOf<CourseRow>(
    await db.execute(sql`
    select k.id, k.class_id as "classId", k.kind, k.topic, k.lecturer, to_char(k.held_on, 'YYYY-MM-DD') as "heldOn",
           k.organizer,
           (select count(*)::int from training_attendance a where a.course_id = k.id and a.mark = 'present') as present,
           (select count(*)::int from training_attendance a where a.course_id = k.id) as marked
      from training_courses k where k.class_id = ${classId} order by k.held_on, k.id`),
  );
}

export async function courseById(db: Database, courseId: number) {
  const [c] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
  return c ?? null;
}

/** Trainees of a class (name, unit) with their mark on `courseId` when given. */
export async function traineesOf(db: Database, classId: number, courseId: number | null = null) {
  const rows = await db
    .select({ personId: trainingTrainees.personId, name: people.name, unitName: units.name })
    .from(trainingTrainees)
    .innerJoin(people, eq(people.id, trainingTrainees.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(trainingTrainees.classId, classId))
    .orderBy(asc(trainingTrainees.id));
  if (courseId === null) return rows.map((r) => ({ ...r, mark: null as AttendanceMark | null }));
  const marks = await db
    .select({ personId: trainingAttendance.personId, mark: trainingAttendance.mark })
    .from(trainingAttendance)
    .where(eq(trainingAttendance.courseId, courseId));
  const m = new Map(marks.map((x) => [x.personId, x.mark]));
  return rows.map((r) => ({ ...r, mark: m.get(r.personId) ?? null }));
}

export interface RecordRow {
  className: string;
  cohort: string;
  kind: CourseKind;
  topic: string;
  heldOn: string;
  mark: AttendanceMark | null;
}

/** A trainee's courses (of every class he is in) with his marks. */
export async function recordOf(db: Database, personId: number): Promise<RecordRow[]> {
  return rowsOf<RecordRow>(
    await db.execute(sql`
    select c.name as "className", c.cohort, k.kind, k.topic, to_char(k.held_on, 'YYYY-MM-DD') as "heldOn", a.mark
      from training_trainees t join training_classes c on c.id = t.class_id
      join training_courses k on k.class_id = c.id
      left join training_attendance a on a.course_id = k.id and a.person_id = t.person_id
     where t.person_id = ${personId} order by k.held_on, k.id`),
  );
}

export async function isTrainee(db: Database, classId: number, personId: number) {
  const [t] = await db
    .select({ id: trainingTrainees.id })
    .from(trainingTrainees)
    .where(and(eq(trainingTrainees.classId, classId), eq(trainingTrainees.personId, personId)));
  return !!t;
}

/** 培训台账 rows: one per class and trainee with counts. */
export async function ledgerRows(db: Database, countyId: number) {
  return rowsOf<{
    className: string;
    cohort: string;
    name: string;
    unit: string;
    courses: number;
    present: number;
    absent: number;
    leave: number;
  }>(
    await db.execute(sql`
    select c.name as "className", c.cohort, p.name, u.name as unit,
           (select count(*)::int from training_courses k where k.class_id = c.id) as courses,
           count(a.id) filter (where a.mark = 'present')::int as present,
           count(a.id) filter (where a.mark = 'absent')::int as absent,
           count(a.id) filter (where a.mark = 'leave')::int as leave
      from training_classes c join training_trainees t on t.class_id = c.id
      join people p on p.id = t.person_id join units u on u.id = p.unit_id
      left join training_courses k on k.class_id = c.id
      left join training_attendance a on a.course_id = k.id and a.person_id = t.person_id
     where c.county_id = ${countyId}
     group by c.id, c.name, c.cohort, t.id, p.name, u.name order by c.id, t.id`),
  );
}
