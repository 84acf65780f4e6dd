import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  ASSIGNMENT_STATUSES,
  DISPATCH_KIND_KEYS,
  EVALUATION_GRADES,
  REPORT_CADENCES,
  SEND_KINDS,
} from '../../domain/dispatches/dispatches.vocab.js';
import { timestamps } from './_columns.js';
import { people, units } from './org.js';

/** 选派批次: a kind, a name (第六批), dates and the report cadence. */
export const dispatchBatches = pgTable(
  'dispatch_batches',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer()
      .notNull()
      .references(() => units.id),
    kind: text({ enum: DISPATCH_KIND_KEYS }).notNull(),
    name: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    /** Planned last day (inclusive). */
    endDate: date({ mode: 'string' }).notNull(),
    cadence: text({ enum: REPORT_CADENCES }).notNull().default('monthly'),
    ...timestamps,
  },
  (t) => [uniqueIndex('dispatch_batches_name_uq').on(t.countyId, t.kind, t.name)],
);

/**
 * 选派: a cadre sent to a destination (a unit of the county, or an outside place with its host unit).
 * `plannedEnd` is the last day (inclusive); `endedOn` the actual last day once 期满 / 提前召回.
 */
export const dispatchAssignments = pgTable(
  'dispatch_assignments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer()
      .notNull()
      .references(() => dispatchBatches.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** Home unit when dispatched. */
    homeUnitId: integer()
      .notNull()
      .references(() => units.id),
    destUnitId: integer().references(() => units.id),
    /** Outside place (浏阳市) and host unit name; or a village / unit name inside destUnit. */
    destPlace: text(),
    hostUnitName: text(),
    hostContactPersonId: integer().references(() => people.id),
    startDate: date({ mode: 'string' }).notNull(),
    plannedEnd: date({ mode: 'string' }).notNull(),
    endedOn: date({ mode: 'string' }),
    status: text({ enum: ASSIGNMENT_STATUSES }).notNull().default('on_post'),
    termNoticeOn: date({ mode: 'string' }),
    createdByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    index('dispatch_assignments_person_idx').on(t.personId),
    index('dispatch_assignments_batch_idx').on(t.batchId),
    index('dispatch_assignments_active_idx').on(t.status).where(sql`status in ('on_post', 'extended')`),
  ],
);

/** Status history of an assignment (在岗 → 延期 → 期满 …). */
export const dispatchStatusHistory = pgTable(
  'dispatch_status_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => dispatchAssignments.id),
    status: text({ enum: ASSIGNMENT_STATUSES }).notNull(),
    effectiveOn: date({ mode: 'string' }).notNull(),
    plannedEnd: date({ mode: 'string' }).notNull(),
    note: text(),
    byPersonId: integer().references(() => people.id),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('dispatch_status_history_assignment_idx').on(t.assignmentId)],
);

/** 选派工作报告: one per assignment and period; corrections keep the earlier text in dispatch_report_versions. */
export const dispatchReports = pgTable(
  'dispatch_reports',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => dispatchAssignments.id),
    periodKey: text().notNull(),
    /** 'report' (periodic) or 'summary' (end-of-term 总结). */
    kind: text({ enum: ['report', 'summary'] })
      .notNull()
      .default('report'),
    workDone: text().notNull(),
    problems: text(),
    helpNeeded: text(),
    nextSteps: text(),
    submittedOn: date({ mode: 'string' }).notNull(),
    version: integer().notNull().default(1),
    late: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex('dispatch_reports_period_uq').on(t.assignmentId, t.kind, t.periodKey)],
);

export const dispatchReportVersions = pgTable(
  'dispatch_report_versions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    reportId: integer()
      .notNull()
      .references(() => dispatchReports.id),
    version: integer().notNull(),
    content: jsonb().$type<Record<string, string | null>>().notNull(),
    byPersonId: integer().references(() => people.id),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('dispatch_report_versions_uq').on(t.reportId, t.version)],
);

/** Files attached to a report (stored in the app). */
export const dispatchAttachments = pgTable('dispatch_attachments', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  reportId: integer()
    .notNull()
    .references(() => dispatchReports.id),
  fileName: text().notNull(),
  size: integer().notNull(),
  data: text().notNull(),
  byPersonId: integer().references(() => people.id),
  at: timestamp({ withTimezone: true }).notNull(),
});

/** Host unit's end-of-term evaluation (优秀/称职/基本称职/不称职). */
export const dispatchEvaluations = pgTable(
  'dispatch_evaluations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    assignmentId: integer()
      .notNull()
      .references(() => dispatchAssignments.id),
    grade: text({ enum: EVALUATION_GRADES }).notNull(),
    comment: text(),
    byPersonId: integer().references(() => people.id),
    evaluatedOn: date({ mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('dispatch_evaluations_assignment_uq').on(t.assignmentId)],
);

/** Reminder send ledger: at most one message per recipient, kind and local date (across instances). */
export const dispatchSendLedger = pgTable(
  'dispatch_send_ledger',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    recipient: text().notNull(),
    kind: text({ enum: SEND_KINDS }).notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    subjectKeys: text().array().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('dispatch_send_ledger_uq').on(t.recipient, t.kind, t.localDate)],
);

/** A checked xlsx import waiting for 确认导入 (rows as validated; re-checked on confirm). */
export const dispatchImportDrafts = pgTable('dispatch_import_drafts', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  byPersonId: integer()
    .notNull()
    .references(() => people.id),
  fileName: text().notNull(),
  rows: jsonb().$type<unknown[]>().notNull(),
  confirmedAt: timestamp({ withTimezone: true }),
  ...timestamps,
});
