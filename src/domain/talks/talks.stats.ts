/**
 * Talk statistics as reusable queries (the reports capability uses them too): talks 人次, reminders (警醒谈),
 * problems raised / solved, and coverage (due / done / open / overdue) per period and per unit.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import type { TalkRelation } from '../../db/schema/talks.js';
import { type ObligationFilter, obligationStatesSql } from './talks.obligations.js';
import type { PeriodSpec } from './talks.rules.js';

export interface StatsScope {
  /** Only talks held / obligations owed by this leader. */
  talkerId?: number;
  /** Only cadres of these units (their current unit). */
  unitIds?: number[];
}

export interface TalkCounts {
  /** 谈心谈话人次. */
  talks: number;
  /** Distinct cadres talked to. */
  cadres: number;
  /** 提醒人次 = warning talks (警醒谈). */
  warningTalks: number;
  problemsRaised: number;
  problemsSolved: number;
  problemsOpen: number;
}

function scopeSql(s: StatsScope): SQL {
  const parts: SQL[] = [sql`true`];
  if (s.talkerId !== undefined) parts.push(sql`t.talker_person_id = ${s.talkerId}`);
  if (s.unitIds) {
    parts.push(s.unitIds.length ? sql`c.unit_id in ${s.unitIds}` : sql`false`);
  }
  return sql.join(parts, sql` and `);
}

/** Counts over talks dated in [from, to]; problems solved counts solutions dated in [from, to]. */
export async function talkCounts(db: Database, from: string, to: string, scope: StatsScope = {}): Promise<TalkCounts> {
  const where = scopeSql(scope);
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select
        (select count(*) from talks t join people c on c.id = t.cadre_person_id
          where t.talk_date between ${from} and ${to} and ${where})::int as talks,
        (select count(distinct t.cadre_person_id) from talks t join people c on c.id = t.cadre_person_id
          where t.talk_date between ${from} and ${to} and ${where})::int as cadres,
        (select count(*) from talks t join people c on c.id = t.cadre_person_id
          where t.tone = 'warning' and t.talk_date between ${from} and ${to} and ${where})::int as warning_talks,
        (select count(*) from talk_problems p join talks t on t.id = p.talk_id join people c on c.id = t.cadre_person_id
          where t.talk_date between ${from} and ${to} and ${where})::int as problems_raised,
        (select count(*) from talk_problems p join talks t on t.id = p.talk_id join people c on c.id = t.cadre_person_id
          where p.status = 'solved' and p.solved_on between ${from} and ${to} and ${where})::int as problems_solved,
        (select count(*) from talk_problems p join talks t on t.id = p.talk_id join people c on c.id = t.cadre_person_id
          where p.status = 'open' and ${where})::int as problems_open`),
  );
  return {
    talks: Number(row.talks),
    cadres: Number(row.cadres),
    warningTalks: Number(row.warning_talks),
    problemsRaised: Number(row.problems_raised),
    problemsSolved: Number(row.problems_solved),
    problemsOpen: Number(row.problems_open),
  };
}

/** Talks per month ('YYYY-MM') in [from, to]. */
export async function talksByMonth(db: Database, from: string, to: string, scope: StatsScope = {}) {
  const rows = rowsOf<{ month: string; n: number }>(
    await db.execute(sql`
      select to_char(t.talk_date, 'YYYY-MM') as month, count(*)::int as n
        from talks t join people c on c.id = t.cadre_person_id
       where t.talk_date between ${from} and ${to} and ${scopeSql(scope)}
       group by 1 order by 1`),
  );
  return rows.map((r) => ({ month: r.month, talks: Number(r.n) }));
}

export interface CoverageRow {
  relation: TalkRelation;
  periodKey: string;
  periodEnd: string;
  unitId: number;
  /** Obligations (应谈). */
  due: number;
  done: number;
  /** Not done, period still running. */
  open: number;
  /** Not done, period over. */
  overdue: number;
  /** Not done, period over, but the holder or the cadre arrived inside the reminder window (not overdue). */
  excused: number;
}

/** Coverage per (relation, period, unit) for the specs, aggregated in the database. */
export async function coverage(
  db: Database,
  specs: PeriodSpec[],
  asOf: string,
  filter: ObligationFilter = {},
): Promise<CoverageRow[]> {
  if (specs.length === 0) return [];
  const rows = rowsOf<Record<string, any>>(
    await db.execute(sql`
      select x.i, x.unit_id, count(*)::int as due, count(*) filter (where x.talk_count > 0)::int as done,
             count(*) filter (where x.talk_count = 0 and x.late)::int as late
        from (${obligationStatesSql(specs, filter)}) x
       group by 1, 2`),
  );
  return rows.map((r) => {
    const s = specs[Number(r.i)];
    const periodEnd = s.period.end;
    const due = Number(r.due);
    const done = Number(r.done);
    const missing = due - done;
    const finished = periodEnd < asOf;
    const excused = finished ? Number(r.late) : 0;
    return {
      relation: s.relation,
      periodKey: s.period.key,
      periodEnd,
      unitId: Number(r.unit_id),
      due,
      done,
      open: finished ? 0 : missing,
      overdue: finished ? missing - excused : 0,
      excused,
    };
  });
}

export interface CoverageTotals {
  due: number;
  done: number;
  open: number;
  overdue: number;
  excused: number;
}

/** Sums coverage rows by a key (per unit, per relation, per period…). */
export function sumBy<K>(rows: CoverageRow[], key: (r: CoverageRow) => K): Map<K, CoverageTotals> {
  const out = new Map<K, CoverageTotals>();
  for (const r of rows) {
    const t = out.get(key(r)) ?? { due: 0, done: 0, open: 0, overdue: 0, excused: 0 };
    t.due += r.due;
    t.done += r.done;
    t.open += r.open;
    t.overdue += r.overdue;
    t.excused += r.excused;
    out.set(key(r), t);
  }
  return out;
}
