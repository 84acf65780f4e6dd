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
