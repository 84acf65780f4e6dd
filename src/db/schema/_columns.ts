import { timestamp } from 'drizzle-orm/pg-core';

/**
 * created_at / updated_at shared by every aggregate. No database default: every write passes the
 * injected clock's time (`stamps(deps.clock.now())`), so time travel and tests see one clock.
 */
export const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
};

/** The `timestamps` values of a row written at `at`. */
export const stamps = (at: Date) => ({ createdAt: at, updatedAt: at });
