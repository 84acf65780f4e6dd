import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { PROMOTION_KINDS, TEAM_ROLES } from '../../domain/use/use.vocab.js';
import { timestamps } from './_columns.js';
import { people, units } from './org.js';

/**
 * 用: promotions and rank advancements 提拔/职级晋升 with their document number. A promotion to a team post
 * also ends the cadre's previous post and opens the new one in leadership_positions (dated).
 */
export const usePromotions = pgTable(
  'use_promotions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    countyId: integer().notNull(),
    date: date({ mode: 'string' }).notNull(),
    kind: text({ enum: PROMOTION_KINDS }).notNull(),
    fromUnitId: integer().references(() => units.id),
    fromPost: text(),
    fromLevel: text(),
    toUnitId: integer().references(() => units.id),
    toPost: text(),
    toLevel: text(),
    /** The team post it leads to (main = 党政正职), null when none. */
    toRole: text({ enum: TEAM_ROLES }),
    /** 文号. */
    docNo: text(),
    /** import / card / demo. */
    source: text().notNull(),
    /** The 提拔登记 card's nonce: a second click on the same card finds this record instead of writing twice. */
    formNonce: text(),
    ...timestamps,
  },
  (t) => [
    index('use_promotions_county_date_idx').on(t.countyId, t.date),
    index('use_promotions_person_idx').on(t.personId),
    uniqueIndex('use_promotions_nonce_uq').on(t.formNonce).where(sql`form_nonce is not null`),
  ],
);

/** Award batches 表彰批次 (e.g. 2023 年度 攻坚克难好干部) and their awardees. */
export const useAwardBatches = pgTable(
  'use_award_batches',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer().notNull(),
    kind: text().notNull(),
    name: text().notNull(),
    date: date({ mode: 'string' }).notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('use_award_batches_uq').on(t.countyId, t.kind, t.name)],
);

export const useAwardees = pgTable(
  'use_awardees',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    batchId: integer()
      .notNull()
      .references(() => useAwardBatches.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('use_awardees_uq').on(t.batchId, t.personId)],
);

/** 六零创建 township rankings per year. */
export const useRankings = pgTable(
  'use_rankings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    countyId: integer().notNull(),
    year: integer().notNull(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    score: text(),
    rank: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('use_rankings_uq').on(t.year, t.unitId), index('use_rankings_county_idx').on(t.countyId, t.year)],
);

/**
 * Structure warnings sent: one row per (recipient, local date), so org_admin gets at most one warning
 * card a day across instances and restarts; `keys` lists the (rule, team, break date) warned about.
 */
export const useWarningLedger = pgTable(
  'use_warning_ledger',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    recipient: text().notNull(),
    localDate: date({ mode: 'string' }).notNull(),
    keys: text().array().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('use_warning_ledger_uq').on(t.recipient, t.localDate)],
);

/** An import checked and shown as a preview, written only when its uploader clicks 确认导入 (once). */
export const usePendingImports = pgTable('use_pending_imports', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  actorPersonId: integer()
    .notNull()
    .references(() => people.id),
  countyId: integer().notNull(),
  /** promotions | rankings */
  kind: text().notNull(),
  fileName: text().notNull(),
  rows: jsonb().notNull(),
  /** pending | done | dropped */
  status: text().notNull(),
  ...timestamps,
});
