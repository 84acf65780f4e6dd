import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Dedup keys of delivered events (event_id, message_id); kept ≥ 8 h. */
export const processedEvents = pgTable('processed_events', {
  key: text().primaryKey(),
  receivedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * The durable inbox: every accepted event (not card callbacks, which answer in the request) is stored here
 * in the transaction that records its dedup keys, before Feishu gets its 200. A worker processes it and marks
 * it done; rows left pending by a crashed instance are claimed again once their lease expires.
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: text().notNull(),
    type: text().notNull(),
    /** The normalised InboundEvent, as the router received it. */
    payload: jsonb().notNull(),
    /** Events of one chat are processed in arrival order. */
    orderKey: text().notNull(),
    status: text({ enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    /** Claims so far (a claim that never finished counts: a poison event stops after a few). */
    attempts: integer().notNull().default(0),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    /** Who is processing it and until when; pending rows with an expired lease are anyone's to claim. */
    leasedBy: text(),
    leaseUntil: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    uniqueIndex('inbox_events_event_uq').on(t.eventId),
    index('inbox_events_due_idx').on(t.leaseUntil).where(sql`status = 'pending'`),
    index('inbox_events_finished_idx').on(t.finishedAt),
  ],
);

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
    /**
     * The chat a send or reply lands in (`to:<open_id>` for a private chat, `to:<chat_id>` for a group):
     * Feishu limits messages per chat, whether sent or replied, so both count against one key and keep one order.
     * Null for patches, which are limited per message.
     */
    receiver: text(),
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
    /**
     * A send to a private chat that is then made 应用内加急 (urgent_app) for its receiver. A refused urgent call
     * (quota, too many unread) is noted in last_error; the message itself stays delivered.
     */
    urgent: boolean().notNull().default(false),
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
