/**
 * Obligations as ONE set-based query (no per-pair loop): the period specs enter as a VALUES list `s`,
 * each relation joins its org table and the cadres' dated assignments in force on s.p_eval, and the talks
 * of the period are aggregated and joined to the obligations they satisfy.
 * See talks.rules.ts for the semantics.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import type { TalkRelation } from '../../db/schema/talks.js';
import { inForce, PERSON_ON_ROLL, POOL_CADRE, UNIT_ASSIGNMENTS, YOUNG_CADRE } from './talks.population.js';
import { heldPostSql } from './talks.rotation.js';
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

/**
 * (spec, holder, cadre, unit) rows in force for the specs — every relation in one UNION ALL, the cadre's unit
 * taken from the dated assignments (`ua`, see talks.population.ts) on s.p_eval. Each relation's org rows are
 * de-duplicated per spec first (a leader may both contact and supervise a unit), keeping the earliest start
 * (`leader_since`); `cadre_since` is when the cadre arrived in the unit (the mentee: when the pair began).
 */
export function obligationPairsSql(specs: PeriodSpec[]): SQL {
  const cols = sql.raw('s.i, s.relation, s.p_start, s.p_end, s.p_eval, s.grace_from');
  return sql`
    with ua as materialized (${UNIT_ASSIGNMENTS})
    select ${cols}, k.leader_id, c.id as cadre_id, ua.unit_id, k.since as leader_since, ua.unit_since as cadre_since
      from ${specValues(specs)}
      join lateral (select k.leader_person_id as leader_id, k.unit_id, min(k.start_date) as since
                      from leader_unit_links k where ${inForce('k')} group by 1, 2) k on s.relation = 'county_leader'
      join people l on l.id = k.leader_id and ${LEADER_ON_ROLL}
      join ua on ua.unit_id = k.unit_id and ${inForce('ua')}
      join people c on c.id = ua.person_id and c.id <> l.id and ${POOL_CADRE}
    union all
    select ${cols}, lp.leader_id, c.id, ua.unit_id, lp.since, ua.unit_since
      from ${specValues(specs)}
      join lateral (select lp.person_id as leader_id, lp.unit_id, min(lp.start_date) as since from leadership_positions lp
                     where lp.role = 'main' and ${inForce('lp')} group by 1, 2) lp on s.relation = 'unit_main'
      join people l on l.id = lp.leader_id and ${LEADER_ON_ROLL}
      join ua on ua.unit_id = lp.unit_id and ${inForce('ua')}
      join people c on c.id = ua.person_id and c.id <> l.id and ${YOUNG_CADRE}
    union all
    select ${cols}, ds.leader_id, c.id, ua.unit_id, ds.since, ua.unit_since
      from ${specValues(specs)}
      join lateral (select ds.deputy_person_id as leader_id, ds.cadre_person_id as cadre_id, min(ds.start_date) as since
                      from deputy_supervisions ds where ${inForce('ds')} group by 1, 2) ds on s.relation = 'unit_deputy'
      join people l on l.id = ds.leader_id and ${LEADER_ON_ROLL}
      join people c on c.id = ds.cadre_id and c.id <> l.id and ${YOUNG_CADRE}
      join ua on ua.person_id = c.id and ${inForce('ua')}
      where exists (select 1 from leadership_positions dlp where dlp.person_id = l.id and dlp.role = 'deputy'
        and dlp.unit_id = ua.unit_id and ${inForce('dlp')})
    union all
    select ${cols}, mp.leader_id, c.id, ua.unit_id, mp.since, mp.since
      from ${specValues(specs)}
      join lateral (select mp.mentor_person_id as leader_id, mp.mentee_person_id as cadre_id, min(mp.start_date) as since
                      from mentoring_pairs mp where ${inForce('mp')} group by 1, 2) mp on s.relation = 'mentor'
      join people l on l.id = mp.leader_id and ${LEADER_ON_ROLL}
      join people c on c.id = mp.cadre_id and ${PERSON_ON_ROLL}
      join ua on ua.person_id = c.id and ${inForce('ua')}
      where ${MENTOR_IN_POST}`;
}

function filterSql(alias: { leader?: string; cadre: string; unit?: string }, f: ObligationFilter): SQL {
  const conds: SQL[] = [sql`true`];
  if (f.leaderId !== undefined && alias.leader) conds.push(sql`${sql.raw(alias.leader)} = ${f.leaderId}`);
  if (f.cadreId !== undefined) conds.push(sql`${sql.raw(alias.cadre)} = ${f.cadreId}`);
  if (f.unitIds && alias.unit) conds.push(f.unitIds.length ? sql`${sql.raw(alias.unit)} in ${f.unitIds}` : sql`false`);
  return sql.join(conds, sql` and `);
}

/**
 * Obligations with the talks that satisfy them: talks with the cadre dated in the period up to p_eval, by the
 * holder or by anyone who held the same post during the period (ROTATION_RULES), aggregated per obligation.
 * `late` is the late-arrival rule (isLateArrival in talks.rules.ts) evaluated in the database.
 */
export function obligationStatesSql(specs: PeriodSpec[], filter: ObligationFilter = {}): SQL {
  return sql`
    select o.i, o.leader_id, o.cadre_id, o.unit_id, coalesce(sum(t.n), 0)::int as talk_count,
           max(t.last)::text as last_talk_date, (greatest(o.leader_since, o.cadre_since) >= o.grace_from) as late
      from (${obligationPairsSql(specs)}) o
      left join (
        select s.i, x.talker_person_id, x.cadre_person_id, count(*) as n, max(x.talk_date) as last
          from ${specValues(specs)}
          join talks x on x.talk_date between s.p_start and s.p_eval
         where ${filterSql({ cadre: 'x.cadre_person_id' }, filter)}
         group by 1, 2, 3) t on t.i = o.i and t.cadre_person_id = o.cadre_id
        and (t.talker_person_id = o.leader_id or ${heldPostSql('t.talker_person_id')})
     where ${filterSql({ leader: 'o.leader_id', cadre: 'o.cadre_id', unit: 'o.unit_id' }, filter)}
     group by o.i, o.leader_id, o.cadre_id, o.unit_id, o.leader_since, o.cadre_since, o.grace_from`;
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
