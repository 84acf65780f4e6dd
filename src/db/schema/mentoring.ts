import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

/**
 * 结对帮带 pairs: a mentor (county leader or unit leadership member) and a mentee, over time.
 * `endDate` is exclusive; at most one live pair per mentee.
 */
export const mentoringPairs = pgTable(
  'mentoring_pairs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    mentorPersonId: integer()
      .notNull()
      .references(() => people.id),
    menteePersonId: integer()
      .notNull()
      .references(() => people.id),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }),
    /** 帮带计划. */
    plan: text(),
    endReason: text(),
    createdByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('mentoring_pairs_live_mentee_uq').on(t.menteePersonId).where(sql`end_date is null`),
    index('mentoring_pairs_mentor_idx').on(t.mentorPersonId),
  ],
);
