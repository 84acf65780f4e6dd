/**
 * Holds on pool entries (暂缓) contributed by other capabilities — an open problem clue (src/domain/clues):
 * while a person is held, no promotion (tier_up) proposal is raised, and pool lists flag the entry.
 */
import type { Database } from '../../db/client.js';

/** The people among `personIds` who are on hold now. */
export type PoolHold = (db: Database, personIds: number[]) => Promise<Set<number>>;
const holds = new Map<string, PoolHold>();

/** Registers (or replaces) a named hold; idempotent. */
export function addPoolHold(name: string, hold: PoolHold): void {
  holds.set(name, hold);
}

/** Every held person among `personIds`. */
export async function heldPeople(db: Database, personIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  if (personIds.length === 0) return out;
  for (const hold of holds.values()) for (const id of await hold(db, personIds)) out.add(id);
  return out;
}

/** Proposal actions a hold blocks. */
export const HELD_ACTIONS: readonly string[] = ['tier_up'];

/**
 * Notes on pool list rows contributed by other capabilities (在外选派 from src/domain/dispatches): plain text
 * per person on `day`; the card escapes it. They inform only, they change no rule.
 */
export type PoolMark = (db: Database, personIds: number[], day: string) => Promise<Map<number, string>>;
const marks = new Map<string, PoolMark>();

/** Registers (or replaces) a named mark; idempotent. */
export function addPoolMark(name: string, mark: PoolMark): void {
  marks.set(name, mark);
}

/** Every mark of each person among `personIds` on `day`. */
export async function poolMarks(db: Database, personIds: number[], day: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (personIds.length === 0) return out;
  for (const mark of marks.values())
    for (const [id, text] of await mark(db, personIds, day)) out.set(id, [...(out.get(id) ?? []), text]);
  return out;
}
