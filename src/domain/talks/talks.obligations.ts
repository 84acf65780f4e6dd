/**
 * Obligations as ONE set-based query (no per-pair loop): the period specs enter as a VALUES list `s`,
 * each relation joins its org table and the cadres' dated assignments in force on s.p_eval, and the talks
 * of the period are aggregated and joined to the obligations they satisfy.
 * See talks.rules.ts for the semantics.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import type { TalkRelation } from '../../db/schema/talks.js';
import { inForce, PERSON_ON_ROLL, POOL_CADRE, unitAssignmentCtes, YOUNG_CADRE } from './talks.population.js';
import { obligationPostKeySql, postTalksSql } from './talks.rotation.js';
import { type ObligationState, obligationState, type PeriodSpec } from './talks.rules.js';

export interface ObligationFilter {
  leaderId?: number;
  cadreId?: number;
  unitIds?: number[];
}

export interface ObligationRow {
  relation: TalkRelation;
  periodKey: string;
  periodStart: string;
  periodEnd: string;
  leaderId: number;
  cadreId: number;
  unitId: number;
  talkCount: number;
  lastTalkDate: string | null;
  state: ObligationState;
}

function specValues(specs: PeriodSpec[]): SQL {
  const rows = specs.map(
    (s, i) =>
      sql`(${i}::int, ${s.relation}::text, ${s.period.start}::date, ${s.period.end}::date, ${s.evalDate}::date, ${s.youngCutoff}::date, ${s.graceFrom}::date)`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as s(i, relation, p_start, p_end, p_eval, young_cutoff, grace_from)`;
}

/** A leader `l` (people row) is on the roll on s.p_eval. */
const LEADER_ON_ROLL = sql.raw('((l.left_at is null and l.active) or l.left_at > s.p_eval)');

/** The mentor `l` holds a mentor's post on s.p_eval: county leader, or a leadership member of the mentee's unit. */
export const MENTOR_IN_POST = sql`(l.is_county_leader or exists (select 1 from leadership_positions mlp
  where mlp.person_id = l.id and mlp.unit_id = ua.unit_id and ${inForce('mlp')}))`;

/** SQL conditions of a filter over the given columns (`true` for what the filter leaves open). */
function filterSql(cols: { leader?: string; cadre?: string; unit?: string }, f: ObligationFilter): SQL {
  const conds: SQL[] = [sql`true`];
  if (f.leaderId !== undefined && cols.leader) conds.push(sql`${sql.raw(cols.leader)} = ${f.leaderId}`);
  if (f.cadreId !== undefined && cols.cadre) conds.push(sql`${sql.raw(cols.cadre)} = ${f.cadreId}`);
  if (f.unitIds && cols.unit) conds.push(f.unitIds.length ? sql`${sql.raw(cols.unit)} in ${f.unitIds}` : sql`false`);
  return sql.join(conds, sql` and `);
}

/**
 * (spec, holder, cadre, unit) rows in force for the specs — every relation in one UNION ALL, the cadre's unit
 * taken from the dated assignments (`ua`, see talks.population.ts) on s.p_eval. Each relation's org rows are
 * de-duplicated per spec first (a leader may both contact and supervise a unit), keeping the earliest start
 * (`leader_since`); `cadre_since` is when the cadre arrived in the unit (the mentee: when the pair began).
 * The filter (leader, cadre, units) is applied inside every branch, on the org rows and on `ua`, so a county's
 * obligations cost the same whatever else the database holds.
 */
export function obligationPairsSql(specs: PeriodSpec[], f: ObligationFilter = {}): SQL {
  const cols = sql.raw('s.i, s.relation, s.p_start, s.p_end, s.p_eval, s.grace_from');
  /**
   * The org rows of one relation in force on each spec's p_eval, one row per (spec, leader, unit|cadre) with the
   * earliest start, carrying the spec's columns (so the branch reads it as `s`). A plain derived table, not a
   * LATERAL one: the planner may then hash-join it with the cadres instead of probing it per cadre.
   */
  /** With a unit filter, a cheap superset for per-cadre org rows: the cadre was ever assigned to one of the units. */
  const cadreInUnits = (col: string) =>
    f.unitIds
      ? sql`${sql.raw(col)} in (select u.person_id from ua u where ${filterSql({ unit: 'u.unit_id' }, f)})`
      : sql`true`;
  const inForceRows = (relation: TalkRelation, table: string, leader: string, other: string, where: SQL) => {
    const t = sql.raw(table);
    const key = sql.raw(other === 'unit_id' ? 'unit_id' : 'cadre_id');
    return sql`(select s.i, s.relation, s.p_start, s.p_end, s.p_eval, s.young_cutoff, s.grace_from,
        t.${sql.raw(leader)} as leader_id, t.${sql.raw(other)} as ${key}, min(t.start_date) as since
      from ${specValues(specs)} join ${t} t on s.relation = ${relation} and ${inForce('t')} and ${where}
     group by s.i, s.relation, s.p_start, s.p_end, s.p_eval, s.young_cutoff, s.grace_from, 8, 9) s`;
  };
  return sql`
    with ${unitAssignmentCtes(f.cadreId !== undefined || f.unitIds ? filterSql({ cadre: 'p.id', unit: 'p.unit_id' }, f) : undefined)}
    select ${cols}, s.leader_id, c.id as cadre_id, ua.unit_id, s.since as leader_since, ua.unit_since as cadre_since
      from ${inForceRows('county_leader', 'leader_unit_links', 'leader_person_id', 'unit_id', filterSql({ leader: 't.leader_person_id', unit: 't.unit_id' }, f))}
      join people l on l.id = s.leader_id and ${LEADER_ON_ROLL}
      join ua on ua.unit_id = s.unit_id and ${inForce('ua')} and ${filterSql({ cadre: 'ua.person_id', unit: 'ua.unit_id' }, f)}
      join people c on c.id = ua.person_id and c.id <> l.id and ${POOL_CADRE} and ${filterSql({ cadre: 'c.id' }, f)}
    union all
    select ${cols}, s.leader_id, c.id, ua.unit_id, s.since, ua.unit_since
      from ${inForceRows('unit_main', 'leadership_positions', 'person_id', 'unit_id', sql`t.role = 'main' and ${filterSql({ leader: 't.person_id', unit: 't.unit_id' }, f)}`)}
      join people l on l.id = s.leader_id and ${LEADER_ON_ROLL}
      join ua on ua.unit_id = s.unit_id and ${inForce('ua')} and ${filterSql({ cadre: 'ua.person_id', unit: 'ua.unit_id' }, f)}
      join people c on c.id = ua.person_id and c.id <> l.id and ${YOUNG_CADRE} and ${filterSql({ cadre: 'c.id' }, f)}
    union all
    select ${cols}, s.leader_id, c.id, ua.unit_id, s.since, ua.unit_since
      from ${inForceRows('unit_deputy', 'deputy_supervisions', 'deputy_person_id', 'cadre_person_id', sql`${filterSql({ leader: 't.deputy_person_id', cadre: 't.cadre_person_id' }, f)} and ${cadreInUnits('t.cadre_person_id')}`)}
      join people l on l.id = s.leader_id and ${LEADER_ON_ROLL}
      join people c on c.id = s.cadre_id and c.id <> l.id and ${YOUNG_CADRE}
      join ua on ua.person_id = c.id and ${inForce('ua')} and ${filterSql({ unit: 'ua.unit_id' }, f)}
      where exists (select 1 from leadership_positions dlp where dlp.person_id = l.id and dlp.role = 'deputy'
        and dlp.unit_id = ua.unit_id and ${inForce('dlp')})
    union all
    select ${cols}, s.leader_id, c.id, ua.unit_id, s.since, s.since
      from ${inForceRows('mentor', 'mentoring_pairs', 'mentor_person_id', 'mentee_person_id', sql`${filterSql({ leader: 't.mentor_person_id', cadre: 't.mentee_person_id' }, f)} and ${cadreInUnits('t.mentee_person_id')}`)}
      join people l on l.id = s.leader_id and ${LEADER_ON_ROLL}
      join people c on c.id = s.cadre_id and ${PERSON_ON_ROLL}
      join ua on ua.person_id = c.id and ${inForce('ua')} and ${filterSql({ unit: 'ua.unit_id' }, f)}
      where ${MENTOR_IN_POST}`;
}

/**
 * Obligations with the talks that satisfy them: talks with the cadre dated in the period up to p_eval, by
 * anyone who held the obligation's post during the period (ROTATION_RULES; the holder on p_eval is one of
 * them), counted per (spec, post, cadre) in one pass and hash-joined to the obligations — no per-row probe.
 * With a filter, only the talks with the filtered obligations' cadres are read.
 * `late` is the late-arrival rule (isLateArrival in talks.rules.ts) evaluated in the database.
 */
export function obligationStatesSql(specs: PeriodSpec[], filter: ObligationFilter = {}): SQL {
  const filtered = filter.leaderId !== undefined || filter.cadreId !== undefined || filter.unitIds !== undefined;
  const talkFilter = filtered ? sql`x.cadre_person_id in (select o.cadre_id from o)` : sql`true`;
  return sql`
    with o as ${sql.raw(filtered ? 'materialized' : 'not materialized')} (${obligationPairsSql(specs, filter)}),
    t as (
      select i, post_key, cadre, count(*) as n, max(talk_date) as last
        from (${postTalksSql(specValues(specs), talkFilter)}) y
       group by 1, 2, 3)
    select o.i, o.leader_id, o.cadre_id, o.unit_id, coalesce(t.n, 0)::int as talk_count, t.last::text as last_talk_date,
           (greatest(o.leader_since, o.cadre_since) >= o.grace_from) as late
      from o
      left join t on t.i = o.i and t.cadre = o.cadre_id and t.post_key = ${obligationPostKeySql()}`;
}

interface RawRow {
  i: number;
  leader_id: number;
  cadre_id: number;
  unit_id: number;
  talk_count: number;
  last_talk_date: string | null;
  late: boolean;
}

/** Every obligation of the specs with its state on `asOf`. */
export async function obligationStates(
  db: Database,
  specs: PeriodSpec[],
  asOf: string,
  filter: ObligationFilter = {},
): Promise<ObligationRow[]> {
  if (specs.length === 0) return [];
  const rows = rowsOf<RawRow>(await db.execute(obligationStatesSql(specs, filter)));
  return rows.map((r) => {
    const s = specs[Number(r.i)];
    const talkCount = Number(r.talk_count);
    return {
      relation: s.relation,
      periodKey: s.period.key,
      periodStart: s.period.start,
      periodEnd: s.period.end,
      leaderId: Number(r.leader_id),
      cadreId: Number(r.cadre_id),
      unitId: Number(r.unit_id),
      talkCount,
      lastTalkDate: r.last_talk_date,
      state: obligationState(talkCount, s.period.end, asOf, r.late === true || String(r.late) === 't'),
    };
  });
}
