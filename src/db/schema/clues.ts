import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import {
  CLUE_ACTIONS,
  CLUE_FINDINGS,
  CLUE_SEVERITIES,
  CLUE_SOURCES,
  CLUE_STEPS,
  LEDGER_RATINGS,
} from '../../domain/clues/clues.vocab.js';
import { timestamps } from './_columns.js';
import { people, units } from './org.js';

/** A problem clue 问题线索 about a cadre, moving 报送 → 受理 → 提醒 → 纠正 → 办结 (SPEC §5.2). */
export const clues = pgTable(
  'clues',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer()
      .notNull()
      .references(() => units.id),
    cadrePersonId: integer()
      .notNull()
      .references(() => people.id),
    source: text({ enum: CLUE_SOURCES }).notNull(),
    summary: text().notNull(),
    severity: text({ enum: CLUE_SEVERITIES }).notNull(),
    /** Evidence materials (file names, document numbers), one per line; need-to-know. */
    evidence: text(),
    reporterPersonId: integer()
      .notNull()
      .references(() => people.id),
    reportedOn: date({ mode: 'string' }).notNull(),
    step: text({ enum: CLUE_STEPS }).notNull(),
    stepSince: date({ mode: 'string' }).notNull(),
    /** Due date of the current step (workdays); null once closed or returned. */
    dueOn: date({ mode: 'string' }),
    /** The leader who must hold the warning talk and confirm the correction (assigned on 受理). */
    leaderPersonId: integer().references(() => people.id),
    talkId: integer(),
    correction: text(),
    finding: text({ enum: CLUE_FINDINGS }),
    handling: text(),
    returnReason: text(),
    closedOn: date({ mode: 'string' }),
    formNonce: text(),
    ...timestamps,
  },
  (t) => [
    index('clues_cadre_idx').on(t.cadrePersonId),
    index('clues_open_idx').on(t.countyId, t.step).where(sql`step not in ('closed', 'returned')`),
    index('clues_leader_idx').on(t.leaderPersonId),
    uniqueIndex('clues_nonce_uq').on(t.formNonce).where(sql`form_nonce is not null`),
  ],
);

/** Every step a clue took, by whom, with the note (reason, correction, finding). */
export const clueEvents = pgTable(
  'clue_events',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    clueId: integer()
      .notNull()
      .references(() => clues.id),
    at: timestamp({ withTimezone: true }).notNull(),
    action: text({ enum: ['report', ...CLUE_ACTIONS] }).notNull(),
    fromStep: text({ enum: CLUE_STEPS }),
    toStep: text({ enum: CLUE_STEPS }).notNull(),
    actorPersonId: integer().references(() => people.id),
    note: text(),
  },
  (t) => [index('clue_events_clue_idx').on(t.clueId)],
);

/** Overdue reminders and escalations sent, one row per (recipient, kind, local date): never twice a day. */
export const clueSends = pgTable(
  'clue_sends',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    recipient: text().notNull(),
    kind: text({ enum: ['overdue', 'escalation'] }).notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    itemCount: integer().notNull().default(0),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('clue_sends_uq').on(t.recipient, t.kind, t.localDate)],
);

/** A key county task 重点任务 (乡村振兴, 项目建设, 防汛救灾 …) of the work-tracking ledger. */
export const ledgerTasks = pgTable(
  'ledger_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer()
      .notNull()
      .references(() => units.id),
    name: text().notNull(),
    startOn: date({ mode: 'string' }).notNull(),
    endOn: date({ mode: 'string' }),
    leadUnitId: integer().references(() => units.id),
    createdByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [uniqueIndex('ledger_tasks_name_uq').on(t.countyId, t.name)],
);

/** One cadre's performance on one key task 台账记录. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    taskId: integer()
      .notNull()
      .references(() => ledgerTasks.id),
    cadrePersonId: integer()
      .notNull()
      .references(() => people.id),
    role: text().notNull(),
    rating: text({ enum: LEDGER_RATINGS }).notNull(),
    facts: text().notNull(),
    entryOn: date({ mode: 'string' }).notNull(),
    recordedByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [index('ledger_entries_cadre_idx').on(t.cadrePersonId), index('ledger_entries_task_idx').on(t.taskId)],
);

/**
 * An armed "attach to clue #N" intent 添加附件: the next file this person sends in the private chat before
 * `expiresAt` becomes an attachment of the clue. One per person (arming again replaces it).
 */
export const clueAttachIntents = pgTable('clue_attach_intents', {
  personId: integer()
    .primaryKey()
    .references(() => people.id),
  clueId: integer()
    .notNull()
    .references(() => clues.id),
  armedAt: timestamp({ withTimezone: true }).notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/** An evidence attachment 证据附件 of a clue (need-to-know, like the clue's details); the bytes as base64. */
export const clueAttachments = pgTable(
  'clue_attachments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    clueId: integer()
      .notNull()
      .references(() => clues.id),
    fileName: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    uploadedByPersonId: integer()
      .notNull()
      .references(() => people.id),
    uploadedAt: timestamp({ withTimezone: true }).notNull(),
    dataBase64: text().notNull(),
  },
  (t) => [index('clue_attachments_clue_idx').on(t.clueId)],
);
