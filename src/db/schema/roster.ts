import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

/**
 * A roster sent to the bot and previewed, waiting for its uploader (org_admin) to press 确认导入: the parsed
 * rows are kept server-side (the card carries only the token), for that uploader only, until `expiresAt`.
 */
export const rosterUploads = pgTable(
  'roster_uploads',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    token: text().notNull(),
    uploaderPersonId: integer()
      .notNull()
      .references(() => people.id),
    fileName: text().notNull(),
    /** The parsed workbook (PlainBook as JSON, dates tagged). */
    book: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when confirmed (or superseded): a token works once. */
    usedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('roster_uploads_token_uq').on(t.token),
    index('roster_uploads_uploader_idx').on(t.uploaderPersonId),
  ],
);
