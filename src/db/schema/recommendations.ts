import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people, units } from './org.js';
import { poolEntries } from './pool.js';

/** 三张清单: A 单位党组织, B 领域主管部门, C 组织部门. */
export const REC_LISTS = ['A', 'B', 'C'] as const;
export type RecList = (typeof REC_LISTS)[number];
/** Basis of a list-C recommendation. */
export const REC_BASES = ['平时考核', '专题调研', '干部考察'] as const;
export const REC_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type RecStatus = (typeof REC_STATUSES)[number];

export const recommendations = pgTable(
  'recommendations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    list: text({ enum: REC_LISTS }).notNull(),
    recommenderPersonId: integer()
      .notNull()
      .references(() => people.id),
    /** The scope the list was submitted for: own unit (A), competent department (B), county (C). */
    scopeUnitId: integer().references(() => units.id),
    reason: text().notNull(),
    achievements: text().notNull(),
    evaluation: text().notNull(),
    basis: text({ enum: REC_BASES }),
    status: text({ enum: REC_STATUSES }).notNull().default('pending'),
    /** True while pending, or accepted and backing a live pool entry: at most one such per person and list. */
    current: boolean().notNull().default(true),
    poolEntryId: integer().references(() => poolEntries.id),
    decidedByPersonId: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    declineReason: text(),
    eventId: text(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('recommendations_current_uq').on(t.personId, t.list).where(sql`current`),
    index('recommendations_status_idx').on(t.status),
    index('recommendations_person_idx').on(t.personId),
    index('recommendations_entry_idx').on(t.poolEntryId),
  ],
);
