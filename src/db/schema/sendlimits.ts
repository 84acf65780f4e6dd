import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Send slots shared by every instance (src/feishu/rate-limit.shared.ts): one row for the app, one per receiver.
 * `tat` is the theoretical arrival time of the next free slot, epoch milliseconds (GCRA, no burst).
 */
export const sendLimits = pgTable('send_limits', {
  key: text().primaryKey(),
  tat: doublePrecision().notNull(),
});
