/**
 * Dated assignments 任职经历: a cadre's unit (and post/rank) over time, start inclusive, end exclusive.
 * `people.unit_id` stays the current-unit cache; the talk obligations of any period read these rows.
 */
import { and, inArray, isNull, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { personAssignments } from '../../db/schema/assignments.js';
import { addDays } from '../../time.js';

/** "Since always": a person's first known assignment when the roll has no earlier history. */
export const SINCE_ALWAYS = '1900-01-01';

export interface AssignmentFacts {
  unitId: number;
  position: string | null;
  rank: string | null;
}

export interface Move {
  personId: number;
  effective: string;
  /** What the person holds now (people row), used when the roll has no assignment yet. */
  from: AssignmentFacts;
  to: AssignmentFacts;
}

/** The start of each person's latest assignment (people with none are absent). */
export async function lastAssignmentStarts(db: Database, personIds: number[]): Promise<Map<number, string>> {
  if (personIds.length === 0) return new Map();
  const rows = rowsOf<{ person_id: number; start: string }>(
    await db.execute(sql`select person_id, max(start_date)::text as start from person_assignments
      where person_id in ${personIds} group by person_id`),
  );
  return new Map(rows.map((r) => [Number(r.person_id), r.start]));
}

/** Why an effective date cannot be used (Chinese), or null: never before the last change, never too far ahead. */
export function effectiveDateProblem(
  effective: string,
  lastStart: string | undefined,
  today: string,
  maxDaysAhead: number,
): string | null {
  const latest = addDays(today, maxDaysAhead);
  if (effective > latest) return `生效日期 ${effective} 太远：最晚为 ${latest}（今天之后 ${maxDaysAhead} 天以内）`;
  if (lastStart && lastStart !== SINCE_ALWAYS && effective < lastStart)
    return `生效日期 ${effective} 早于该同志上一次任职变动（${lastStart}），不能改写已记录的经历`;
  return null;
}

/** First assignments of new people (inside the caller's transaction). */
export async function openAssignments(
  tx: Database,
  rows: { personId: number; start: string; facts: AssignmentFacts }[],
  source: string,
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(personAssignments).values(
    rows.map((r) => ({
      personId: r.personId,
      ...r.facts,
      startDate: r.start,
      unitSince: r.start,
      source,
      createdAt: at,
    })),
  );
}

/**
 * Closes each person's current assignment on the effective date and opens the new one. A person without
 * history first gets "since always" in their current unit, so earlier periods keep them where they were.
 */
export async function recordMoves(tx: Database, moves: Move[], source: string, at: Date): Promise<void> {
  if (moves.length === 0) return;
  const ids = moves.map((m) => m.personId);
  const known = await lastAssignmentStarts(tx, ids);
  await openAssignments(
    tx,
    moves
      .filter((m) => !known.has(m.personId))
      .map((m) => ({ personId: m.personId, start: SINCE_ALWAYS, facts: m.from })),
    source,
    at,
  );
  const current = new Map(
    (
      await tx
        .select()
        .from(personAssignments)
        .where(and(inArray(personAssignments.personId, ids), isNull(personAssignments.endDate)))
    ).map((r) => [r.personId, r]),
  );
  const fresh = [];
  for (const m of moves) {
    const cur = current.get(m.personId);
    if (cur) {
      await tx
        .update(personAssignments)
        .set({ endDate: m.effective })
        .where(and(inArray(personAssignments.id, [cur.id]), isNull(personAssignments.endDate)));
    }
    const sameUnit = cur && cur.unitId === m.to.unitId;
    fresh.push({
      personId: m.personId,
      ...m.to,
      startDate: m.effective,
      unitSince: sameUnit ? cur.unitSince : m.effective,
      source,
      createdAt: at,
    });
  }
  await tx.insert(personAssignments).values(fresh);
}
