import { date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { people, units } from './org.js';

/**
 * A cadre's unit (and post/rank) over time 任职经历: start inclusive, end exclusive (null while current),
 * like leadership posts. `people.unit_id` stays the current-unit cache; obligations for any period are
 * derived from these rows. A person without any row counts as in `people.unit_id` since always.
 */
export const personAssignments = pgTable(
  'person_assignments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    position: text(),
    rank: text(),
    startDate: date({ mode: 'string' }).notNull(),
    /** Exclusive; null while current. */
    endDate: date({ mode: 'string' }),
    /** Since when the person is in this unit (a post or rank change inside the unit keeps it). */
    unitSince: date({ mode: 'string' }).notNull(),
    /** roster / structure / recommendation / demo. */
    source: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('pa_person_idx').on(t.personId, t.startDate), index('pa_unit_idx').on(t.unitId, t.startDate)],
);
