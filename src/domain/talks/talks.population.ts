/**
 * Who is talked to, as SQL predicates over a people row `c` and a period-spec row `s`
 * (columns p_eval = the day the relationship is evaluated, young_cutoff = latest birth date that is not young).
 * Every obligation query takes its population from here, so changing who counts is a change in ONE place.
 */
import { type SQL, sql } from 'drizzle-orm';

/** `c` is on the roll on s.p_eval: active, or left after that day (history stays countable). */
export const PERSON_ON_ROLL = sql.raw('((c.left_at is null and c.active) or c.left_at > s.p_eval)');

/** Young cadre 年轻干部 on s.p_eval: under config.youngCadreMaxAge full years (see org.rules youngBirthCutoff). */
export const YOUNG_CADRE = sql`(c.birth_date > s.young_cutoff and ${PERSON_ON_ROLL})`;

/**
 * Pool cadre 资源库干部 on s.p_eval — the county leaders' talk population (SPEC §5.4): a young cadre with
 * a pool entry in force that day (entered on or before it, not exited by then; 观察 still counts).
 */
export const POOL_CADRE = sql`(${YOUNG_CADRE} and exists (select 1 from pool_entries pe where pe.person_id = c.id
  and pe.entered_on <= s.p_eval and (pe.exited_on is null or pe.exited_on > s.p_eval)))`;

/** A time-bounded row `alias` (start_date inclusive, end_date exclusive) is in force on s.p_eval. */
export function inForce(alias: string) {
  return sql.raw(`(${alias}.start_date <= s.p_eval and (${alias}.end_date is null or ${alias}.end_date > s.p_eval))`);
}

/**
 * Every person's unit over time 任职经历, as two CTEs to put at the head of a query: `ua_none` (people without
 * any dated assignment — added before assignments existed, or by code that only sets people.unit_id — computed
 * once) and `ua` (columns person_id, unit_id, unit_since, start_date, end_date): the dated assignments, and for
 * the people in `ua_none` their current unit since always. `ua` is inlined where it is used, so the planner
 * sees person_assignments itself (statistics, indexes, filters pushed down) rather than an opaque result.
 * `none` restricts `ua_none` (a condition over people `p`) when the caller only needs some people's units.
 */
export function unitAssignmentCtes(none?: SQL): SQL {
  // Restricted to a few people, probe the index per person (LIMIT keeps it a nested loop) rather than hash
  // every assignment of the deployment; for everybody, one anti-join.
  const unassigned = none
    ? sql`${none} and not exists (select 1 from (select 1 from person_assignments x where x.person_id = p.id limit 1) x)`
    : sql`not exists (select 1 from person_assignments x where x.person_id = p.id)`;
  return sql`ua_none as materialized (select p.id, p.unit_id from people p where ${unassigned}),
  ua as not materialized (
    select pa.person_id, pa.unit_id, pa.unit_since, pa.start_date, pa.end_date from person_assignments pa
    union all
    select n.id, n.unit_id, date '1900-01-01', date '1900-01-01', null::date from ua_none n)`;
}
