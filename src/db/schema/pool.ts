import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { timestamps } from './_columns.js';
import { people } from './org.js';

/** 近期使用 / 中期培养 / 长期跟踪, from closest to use to furthest. */
export const POOL_TIERS = ['near_term', 'mid_term', 'long_term'] as const;
export type PoolTier = (typeof POOL_TIERS)[number];

export const POOL_STATUSES = ['active', 'watch', 'exited'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export const EXIT_REASONS = ['promoted', 'over_age', 'assessment', 'discipline', 'transferred', 'other'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Resource pool 年轻干部资源库: one live entry per person; an exited entry stays as history. */
export const poolEntries = pgTable(
  'pool_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    tier: text({ enum: POOL_TIERS }).notNull(),
    status: text({ enum: POOL_STATUSES }).notNull().default('active'),
    enteredOn: date({ mode: 'string' }).notNull(),
    exitedOn: date({ mode: 'string' }),
    exitReason: text({ enum: EXIT_REASONS }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('pool_entries_live_person_uq').on(t.personId).where(sql`status <> 'exited'`),
    index('pool_entries_person_idx').on(t.personId),
  ],
);

export const POOL_EVENT_KINDS = [
  'entered',
  'list_added',
  'tier_changed',
  'watch',
  'unwatch',
  'exited',
  // 暂缓 while a problem clue is open (src/domain/clues), and its end.
  'hold',
  'hold_lifted',
] as const;
export type PoolEventKind = (typeof POOL_EVENT_KINDS)[number];

/** Every change of a pool entry, with who decided it and why. */
export const poolHistory = pgTable(
  'pool_history',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    entryId: integer()
      .notNull()
      .references(() => poolEntries.id),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text({ enum: POOL_EVENT_KINDS }).notNull(),
    fromTier: text({ enum: POOL_TIERS }),
    toTier: text({ enum: POOL_TIERS }),
    exitReason: text({ enum: EXIT_REASONS }),
    /** Lists (A/B/C) involved, for entered / list_added. */
    lists: jsonb().$type<string[]>(),
    note: text(),
    decidedByPersonId: integer().references(() => people.id),
    proposalId: integer(),
    eventId: text(),
  },
  (t) => [index('pool_history_entry_idx').on(t.entryId)],
);

export const PROPOSAL_ACTIONS = ['tier_up', 'tier_down', 'watch', 'exit'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];
export const PROPOSAL_STATUSES = ['open', 'confirmed', 'dismissed', 'void'] as const;

/** A change the rules suggest (优进绌退, age-out); nothing changes until org_admin confirms. */
export const poolProposals = pgTable(
  'pool_proposals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    entryId: integer()
      .notNull()
      .references(() => poolEntries.id),
    action: text({ enum: PROPOSAL_ACTIONS }).notNull(),
    toTier: text({ enum: POOL_TIERS }),
    exitReason: text({ enum: EXIT_REASONS }),
    /** Which declared rule produced it (assessments rules table id, or 'age_out'). */
    ruleId: text().notNull(),
    /** Chinese explanation shown on the card. */
    reason: text().notNull(),
    basis: jsonb(),
    /** The same facts never produce the same proposal twice, even after a dismissal. */
    dedupKey: text().notNull(),
    status: text({ enum: PROPOSAL_STATUSES }).notNull().default('open'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    decidedByPersonId: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
  },
  (t) => [
    uniqueIndex('pool_proposals_dedup_uq').on(t.dedupKey),
    index('pool_proposals_open_idx').on(t.entryId).where(sql`status = 'open'`),
  ],
);
