import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

export const ASSESSMENT_KINDS = ['年度考核', '专项考核', '平时考核', '廉洁自律', '巡视巡察', '信访'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** Assessment results (年度/专项/平时考核, 廉洁自律, 巡视巡察, 信访) that feed dynamic pool management. */
export const assessmentResults = pgTable(
  'assessment_results',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    kind: text({ enum: ASSESSMENT_KINDS }).notNull(),
    /** Normalised period: '2025' (year), '2025Q3' (quarter), '2025-06' (month) or short free text. */
    period: text().notNull(),
    result: text().notNull(),
    note: text(),
    /** Import batch (uuid) that wrote or last changed it. */
    batchId: text(),
    recordedByPersonId: integer().references(() => people.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('assessment_results_uq').on(t.personId, t.kind, t.period),
    index('assessment_results_person_idx').on(t.personId),
  ],
);
