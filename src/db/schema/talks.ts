import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

/** Who owes whom a talk (SPEC §5.4): county leader, unit main leader, unit deputy leader, mentor (结对帮带). */
export const TALK_RELATIONS = ['county_leader', 'unit_main', 'unit_deputy', 'mentor'] as const;
export type TalkRelation = (typeof TALK_RELATIONS)[number];

export const PERIOD_KINDS = ['month', 'quarter', 'half_year', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * Cadence changes decided by org_admin: from `effectiveFrom` on, `relation` is talked to once per `periodKind`.
 * The seed's rule (半年一谈、一季一谈、一月一谈) is the built-in default; rows here only add changes.
 */
export const talkCadences = pgTable(
  'talk_cadences',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    relation: text({ enum: TALK_RELATIONS }).notNull(),
    periodKind: text({ enum: PERIOD_KINDS }).notNull(),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    createdByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('talk_cadences_uq').on(t.relation, t.effectiveFrom)],
);

export const TALK_KINDS = ['regular', 'flexible'] as const;
export const TALK_TONES = ['encourage', 'warning'] as const;

/** A talk record 谈心谈话记录. A warning talk (警醒谈) counts as a 提醒. */
export const talks = pgTable(
  'talks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    talkerPersonId: integer()
      .notNull()
      .references(() => people.id),
    cadrePersonId: integer()
      .notNull()
      .references(() => people.id),
    talkDate: date({ mode: 'string' }).notNull(),
    kind: text({ enum: TALK_KINDS }).notNull(),
    tone: text({ enum: TALK_TONES }).notNull(),
    topics: text().array().notNull(),
    notes: text(),
    /** The card the form came from: a double submit of one form records one talk. */
    formNonce: text(),
    createdByPersonId: integer().references(() => people.id),
    eventId: text(),
    ...timestamps,
  },
  (t) => [
    index('talks_pair_idx').on(t.talkerPersonId, t.cadrePersonId, t.talkDate),
    index('talks_cadre_idx').on(t.cadrePersonId, t.talkDate),
    index('talks_date_idx').on(t.talkDate),
    uniqueIndex('talks_nonce_uq').on(t.formNonce).where(sql`form_nonce is not null`),
  ],
);

export const PROBLEM_STATUSES = ['open', 'solved'] as const;

/** A problem raised in a talk (生活、工作难题), followed up until the talker marks it solved. */
export const talkProblems = pgTable(
  'talk_problems',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    talkId: integer()
      .notNull()
      .references(() => talks.id),
    text: text().notNull(),
    status: text({ enum: PROBLEM_STATUSES }).notNull().default('open'),
    solvedOn: date({ mode: 'string' }),
    solvedByPersonId: integer().references(() => people.id),
    followUp: text(),
    ...timestamps,
  },
  (t) => [
    index('talk_problems_talk_idx').on(t.talkId),
    index('talk_problems_open_idx').on(t.status).where(sql`status = 'open'`),
  ],
);

/**
 * Every reminder sent, one row per (recipient, kind, local date): the unique key is what keeps a recipient
 * from getting the same reminder twice in a day across instances and restarts.
 */
export const reminderLedger = pgTable(
  'reminder_ledger',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** 'person:<id>' or 'chat:<chat_id>'. */
    recipient: text().notNull(),
    /** due | overdue | escalation | digest | calendar */
    kind: text().notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    /** Periods the reminder was about (e.g. escalations are sent once per period). */
    periodKeys: text().array().notNull().default(sql`'{}'::text[]`),
    itemCount: integer().notNull().default(0),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reminder_ledger_uq').on(t.recipient, t.kind, t.localDate)],
);

/**
 * A year's official holiday schedule (国务院办公厅节假日安排) loaded by org_admin; when a year has rows here,
 * they replace the calendar library for that year. kind: holiday 放假 | workday 调休上班.
 */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    day: date({ mode: 'string' }).primaryKey(),
    year: integer().notNull(),
    kind: text({ enum: ['holiday', 'workday'] }).notNull(),
    name: text().notNull(),
    loadedByPersonId: integer().references(() => people.id),
    loadedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('calendar_overrides_year_idx').on(t.year)],
);
