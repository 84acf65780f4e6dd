import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Dedup keys of delivered events (event_id, message_id); kept ≥ 8 h. */
export const processedEvents = pgTable('processed_events', {
  key: text().primaryKey(),
  receivedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Every message the bot sends, written in the transaction that caused it, delivered by the outbox worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Sent to Feishu as the message `uuid`, so a resend after a crash is not a duplicate. */
    uuid: text().notNull(),
    kind: text({ enum: ['send', 'reply', 'patch', 'file'] }).notNull(),
    /** open_id / chat_id for send & file, message_id for reply & patch. */
    target: text().notNull(),
    receiveIdType: text({ enum: ['open_id', 'user_id', 'chat_id', 'email', 'union_id'] }),
    msgType: text().notNull().default('interactive'),
    content: jsonb().notNull(),
    /** For kind=file: the file, base64, and its name. */
    fileName: text(),
    fileBase64: text(),
    status: text({ enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer().notNull().default(0),
    /** Null until the first claim: a fresh row (attempts = 0) is due at once. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    /** Feishu message_id of what was sent (for later patches). */
    messageId: text(),
    /** Optional domain reference, e.g. 'talk:123', to find the message later. */
    ref: text(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_uuid_uq').on(t.uuid),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_ref_idx').on(t.ref),
  ],
);

/** One row per fired job run; the unique key is how several instances agree to run it once. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    jobName: text().notNull(),
    /** The cron slot (or a manual run's unique key). */
    slot: text().notNull(),
    instance: text().notNull(),
    trigger: text({ enum: ['cron', 'manual'] }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    status: text({ enum: ['running', 'ok', 'error'] })
      .notNull()
      .default('running'),
    error: text(),
    result: jsonb(),
  },
  (t) => [uniqueIndex('job_runs_slot_uq').on(t.jobName, t.slot)],
);
