import { date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

export const FRONTLINES = ['基层治理', '乡村振兴', '信访维稳', '重大项目', '其他'] as const;
export type Frontline = (typeof FRONTLINES)[number];

/** 一线识人: how a cadre performed on a frontline, as observed by a leader or the department. */
export const frontlineObservations = pgTable(
  'frontline_observations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    frontline: text({ enum: FRONTLINES }).notNull(),
    project: text().notNull(),
    performance: text().notNull(),
    /** Evaluations from several sides (群众、同事、上级 …). */
    evaluations: text().notNull(),
    results: text().notNull(),
    /** 通病和瑕疵 noticed; empty when none. */
    flaws: text(),
    observedOn: date({ mode: 'string' }).notNull(),
    observerPersonId: integer()
      .notNull()
      .references(() => people.id),
    eventId: text(),
    ...timestamps,
  },
  (t) => [index('frontline_observations_person_idx').on(t.personId)],
);
