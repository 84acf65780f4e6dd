/**
 * Obligations as ONE set-based query (no per-pair loop): the period specs enter as a VALUES list `s`,
 * each relation joins its org table in force on s.p_eval, and a lateral index probe on talks gives the state.
 * See talks.rules.ts for the semantics.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import type { TalkRelation } from '../../db/schema/talks.js';
import { inForce, PERSON_ON_ROLL, POOL_CADRE, YOUNG_CADRE } from './talks.population.js';
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
    (s) =>
      sql`(${s.relation}::text, ${s.period.key}::text, ${s.period.start}::date, ${s.period.end}::date, ${s.evalDate}::date, ${s.youngCutoff}::date)`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as s(relation, period_key, p_start, p_end, p_eval, young_cutoff)`;
}

/** A leader `l` (people row) is on the roll on s.p_eval. */
const LEADER_ON_ROLL = sql.raw('((l.left_at is null and l.active) or l.left_at > s.p_eval)');

/** The mentor `l` holds a mentor's post on s.p_eval: county leader, or a leadership member of the mentee's unit. */
export const MENTOR_IN_POST = sql`(l.is_county_leader or exists (select 1 from leadership_positions mlp
  where mlp.person_id = l.id and mlp.unit_id = c.unit_id and ${inForce('mlp')}))`;

/** (relation, period, leader, cadre) rows in force for the specs — every relation in one UNION. */
export function obligationPairsSql(specs: PeriodSpec[]): SQL {
  const cols = sql.raw('s.relation, s.period_key, s.p_start, s.p_end, s.p_eval');
  return sql`
    select ${cols}, k.leader_person_id as leader_id, c.id as cadre_id, c.unit_id
      from ${specValues(specs)}
      join leader_unit_links k on s.relation = 'county_leader' and ${inForce('k')}
      join people l on l.id = k.leader_person_id and ${LEADER_ON_ROLL}
      join people c on c.unit_id = k.unit_id and c.id <> l.id and ${POOL_CADRE}
    union
    select ${cols}, lp.person_id, c.id, c.unit_id
      from ${specValues(specs)}
      join leadership_positions lp on s.relation = 'unit_main' and lp.role = 'main' and ${inForce('lp')}
      join people l on l.id = lp.person_id and ${LEADER_ON_ROLL}
      join people c on c.unit_id = lp.unit_id and c.id <> l.id and ${YOUNG_CADRE}
    union
    select ${cols}, ds.deputy_person_id, c.id, c.unit_id
      from ${specValues(specs)}
      join deputy_supervisions ds on s.relation = 'unit_deputy' and ${inForce('ds')}
      join people l on l.id = ds.deputy_person_id and ${LEADER_ON_ROLL}
      join people c on c.id = ds.cadre_person_id and c.id <> l.id and ${YOUNG_CADRE}
      where exists (select 1 from leadership_positions dlp where dlp.person_id = l.id and dlp.role = 'deputy'
        and dlp.unit_id = c.unit_id and ${inForce('dlp')})
    union
    select ${cols}, mp.mentor_person_id, c.id, c.unit_id
      from ${specValues(specs)}
      join mentoring_pairs mp on s.relation = 'mentor' and ${inForce('mp')}
      join people l on l.id = mp.mentor_person_id and ${LEADER_ON_ROLL}
      join people c on c.id = mp.mentee_person_id and ${PERSON_ON_ROLL}
      where ${MENTOR_IN_POST}`;
}

function filterSql(f: ObligationFilter): SQL {
  const conds: SQL[] = [sql`true`];
  if (f.leaderId !== undefined) conds.push(sql`o.leader_id = ${f.leaderId}`);
  if (f.cadreId !== undefined) conds.push(sql`o.cadre_id = ${f.cadreId}`);
  if (f.unitIds) conds.push(f.unitIds.length ? sql`o.unit_id in ${f.unitIds}` : sql`false`);
  return sql.join(conds, sql` and `);
}

/** Obligations with the talks that satisfy them (count, last date): talks dated in the period, up to p_eval. */
export function obligationStatesSql(specs: PeriodSpec[], filter: ObligationFilter = {}): SQL {
  return sql`
    select o.relation, o.period_key, o.p_start, o.p_end, o.p_eval, o.leader_id, o.cadre_id, o.unit_id,
           t.talk_count, t.last_talk_date
      from (${obligationPairsSql(specs)}) o
      left join lateral (
        select count(*)::int as talk_count, max(x.talk_date) as last_talk_date
          from talks x
         where x.talker_person_id = o.leader_id and x.cadre_person_id = o.cadre_id
           and x.talk_date between o.p_start and o.p_eval) t on true
     where ${filterSql(filter)}`;
}

interface RawRow {
  relation: TalkRelation;
  period_key: string;
  p_start: string | Date;
  p_end: string | Date;
  leader_id: number;
  cadre_id: number;
  unit_id: number;
  talk_count: number;
  last_talk_date: string | Date | null;
}

/** postgres.js and PGlite return `date` columns of raw queries differently. */
export function isoDate(v: string | Date): string;
export function isoDate(v: string | Date | null): string | null;
export function isoDate(v: string | Date | null): string | null {
  if (v === null) return null;
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10);
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
    const periodEnd = isoDate(r.p_end);
    const talkCount = Number(r.talk_count);
    return {
      relation: r.relation,
      periodKey: r.period_key,
      periodStart: isoDate(r.p_start),
      periodEnd,
      leaderId: Number(r.leader_id),
      cadreId: Number(r.cadre_id),
      unitId: Number(r.unit_id),
      talkCount,
      lastTalkDate: isoDate(r.last_talk_date),
      state: obligationState(talkCount, periodEnd, asOf),
    };
  });
}
