import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';

/** Group chats the bot has been added to; one of them may be the leaders' group (领导群). */
export const chats = pgTable(
  'chats',
  {
    chatId: text().primaryKey(),
    name: text().notNull().default(''),
    /** False once the bot has been removed from the chat. */
    active: boolean().notNull().default(true),
    /** Designated by an org_admin with 「设为领导群」; at most one chat at a time. */
    isLeaders: boolean().notNull().default(false),
    addedByOpenId: text(),
    addedAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [uniqueIndex('chats_one_leaders_uq').on(t.isLeaders).where(sql`is_leaders`)],
);
