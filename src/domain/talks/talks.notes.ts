/**
 * Notes on a cadre's 待办 line contributed by other capabilities — a cadre away on dispatch
 * (src/domain/dispatches): the obligation stays with the home unit, the line says where he is so the
 * leader talks by phone, video or on a visit (docs/talks.md). Notes inform only, they change no obligation.
 */
import type { Database } from '../../db/client.js';

/** Plain text per cadre on `day`; the card escapes it. */
export type CadreNote = (db: Database, cadreIds: number[], day: string) => Promise<Map<number, string>>;
const notes = new Map<string, CadreNote>();

/** Registers (or replaces) a named note; idempotent. */
export function addCadreNote(name: string, note: CadreNote): void {
  notes.set(name, note);
}

/** Every note of each cadre among `cadreIds` on `day`, joined in one line. */
export async function cadreNotes(db: Database, cadreIds: number[], day: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (cadreIds.length === 0) return out;
  for (const note of notes.values())
    for (const [id, text] of await note(db, cadreIds, day)) out.set(id, out.has(id) ? `${out.get(id)}；${text}` : text);
  return out;
}
