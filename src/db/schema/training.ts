import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ATTENDANCE_MARKS,
  COURSE_KIND_KEYS,
  SELECTION_ROUTES,
  TRAINING_SEND_KINDS,
} from '../../domain/training/training.vocab.js';
import { timestamps } from './_columns.js';
import { people, units } from './org.js';

/** 培训班次 (e.g. 优秀年轻干部实验班 第一期) with its class contact person (班级联络员). */
export const trainingClasses = pgTable(
  'training_classes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer()
      .notNull()
      .references(() => units.id),
    name: text().notNull(),
    cohort: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    contactPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('training_classes_name_uq').on(t.countyId, t.name, t.cohort)],
);

/** 学员: chosen by 单位推荐 + 组织考察. */
export const trainingTrainees = pgTable(
  'training_trainees',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    classId: integer()
      .notNull()
      .references(() => trainingClasses.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The unit that recommended the trainee. */
    recommendedByUnitId: integer().references(() => units.id),
    selection: text({ enum: SELECTION_ROUTES }).notNull().default('unit_recommended_org_assessed'),
    assessedOn: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('training_trainees_uq').on(t.classId, t.personId),
    index('training_trainees_person_idx').on(t.personId),
  ],
);

/** 课程: 精品课程 / 小灶课程 with topic, lecturer, date and organizer. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    classId: integer()
      .notNull()
      .references(() => trainingClasses.id),
    kind: text({ enum: COURSE_KIND_KEYS }).notNull(),
    topic: text().notNull(),
    lecturer: text().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    organizer: text().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('training_courses_uq').on(t.classId, t.topic, t.heldOn)],
);

/** 考勤: one mark per course and trainee; `remindedOn` once the absentee got his reminder. */
export const trainingAttendance = pgTable(
  'training_attendance',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    courseId: integer()
      .notNull()
      .references(() => trainingCourses.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    mark: text({ enum: ATTENDANCE_MARKS }).notNull(),
    byPersonId: integer().references(() => people.id),
    remindedOn: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('training_attendance_uq').on(t.courseId, t.personId),
    index('training_attendance_person_idx').on(t.personId),
  ],
);

/** Reminder send ledger: at most one message per recipient, kind and local date (across instances). */
export const trainingSendLedger = pgTable(
  'training_send_ledger',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    recipient: text().notNull(),
    kind: text({ enum: TRAINING_SEND_KINDS }).notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    subjectKeys: text().array().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('training_send_ledger_uq').on(t.recipient, t.kind, t.localDate)],
);

/** A checked attendance xlsx waiting for 确认导入 (rows as validated; re-checked on confirm). */
export const trainingImportDrafts = pgTable('training_import_drafts', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  byPersonId: integer()
    .notNull()
    .references(() => people.id),
  fileName: text().notNull(),
  rows: jsonb().$type<unknown[]>().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  ...timestamps,
});
