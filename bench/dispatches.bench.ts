/**
 * Report status of 10,000 active dispatch assignments (current and previous reporting period, report in or not):
 * the one set-based query of dispatches.queries.ts (`reportStatus`) against a per-assignment loop
 * (load the assignment and its batch, compute its periods with the rules, one query per period for its report).
 */
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../src/db/client.js';
import { reportStatus } from '../src/domain/dispatches/dispatches.queries.js';
import { cadencePeriod, periodOn } from '../src/domain/dispatches/dispatches.rules.js';
import type { ReportCadence } from '../src/domain/dispatches/dispatches.vocab.js';
import { addDays } from '../src/time.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'dispatches-10k';

const N = Number(process.env.BENCH_DISPATCHES ?? 10_000);
const AS_OF = '2026-12-03';
const AT = '2026-12-03T09:00:00+08:00';

/** One county, N cadres, 10 batches (monthly and quarterly), N active assignments, reports for ~2/3 of the periods. */
async function seed(db: Database) {
  await db.execute(
    sql`insert into units (code, name, kind, created_at, updated_at) values ('BENCH', '基准县', 'county', ${AT}, ${AT})`,
  );
  await db.execute(sql`update units set county_id = id where code = 'BENCH'`);
  await db.execute(sql`
    insert into people (person_key, name, gender, birth_date, education, unit_id, created_at, updated_at)
    select 'B' || g, '干部' || g, '男', date '1995-01-01', '大学', (select id from units where code = 'BENCH'), ${AT}, ${AT}
      from generate_series(1, ${N}) g`);
  await db.execute(sql`
    insert into dispatch_batches (county_id, kind, name, start_date, end_date, cadence, created_at, updated_at)
    select (select id from units where code = 'BENCH'), 'first_secretary', '第' || g || '批', date '2026-01-15',
           date '2027-12-31', case when g % 2 = 0 then 'quarterly' else 'monthly' end, ${AT}, ${AT}
      from generate_series(1, 10) g`);
  await db.execute(sql`
    insert into dispatch_assignments (batch_id, person_id, home_unit_id, dest_place, host_unit_name, start_date,
                                      planned_end, status, created_at, updated_at)
    select b.id, p.id, p.unit_id, '某村', '某镇', date '2026-01-15' + (p.id % 60), date '2027-12-31', 'on_post', ${AT}, ${AT}
      from people p join lateral (select id from dispatch_batches order by id offset (p.id % 10) limit 1) b on true`);
  await db.execute(sql`
    insert into dispatch_reports (assignment_id, period_key, kind, work_done, submitted_on, created_at, updated_at)
    select a.id, k.key, 'report', '工作', date '2026-11-28', ${AT}, ${AT}
      from dispatch_assignments a join dispatch_batches b on b.id = a.batch_id
      cross join lateral (values (case when b.cadence = 'monthly' then '2026-11' else '2026-Q4' end),
                                 (case when b.cadence = 'monthly' then '2026-12' else '2026-Q3' end)) k(key)
     where a.id % 3 <> 0`);
  await db.execute(sql`analyze`);
}

/** The naive way: every assignment on its own, its periods from the rules, one query per period. */
async function naive(db: Database): Promise<number> {
  let n = 0;
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`select id from dispatch_assignments where status in ('on_post', 'extended') order by id`),
  );
  for (const { id } of ids) {
    const [a] = rowsOf<{ start_date: string; planned_end: string; ended_on: string | null; cadence: ReportCadence }>(
      await db.execute(sql`select to_char(a.start_date, 'YYYY-MM-DD') as start_date, to_char(a.planned_end, 'YYYY-MM-DD') as planned_end,
        to_char(a.ended_on, 'YYYY-MM-DD') as ended_on, b.cadence
        from dispatch_assignments a join dispatch_batches b on b.id = a.batch_id where a.id = ${id}`),
    );
    const asg = { startDate: a.start_date, plannedEnd: a.planned_end, endedOn: a.ended_on };
    const current = periodOn(a.cadence, asg, AS_OF);
    const prevDay = addDays(cadencePeriod(a.cadence, AS_OF).start, -1);
    const previous = periodOn(a.cadence, asg, prevDay);
    for (const p of [previous, current]) {
      if (!p) continue;
      await db.execute(
        sql`select 1 from dispatch_reports where assignment_id = ${id} and kind = 'report' and period_key = ${p.key} limit 1`,
      );
      n++;
    }
  }
  return n;
}

export async function run(): Promise<BenchResult> {
  const handle = await benchDatabase();
  try {
    const t0 = performance.now();
    await seed(handle.db);
    const setupS = (performance.now() - t0) / 1000;
    await reportStatus(handle.db, AS_OF);
    let setRows = 0;
    let missing = 0;
    const candidate = await measure(`one set-based query (${handle.driver})`, async () => {
      const rows = await reportStatus(handle.db, AS_OF);
      setRows = rows.length;
      missing = rows.filter((r) => !r.submitted).length;
      return { ops: rows.length };
    });
    let naiveRows = 0;
    const baseline = await measure(`per-assignment loop (${handle.driver})`, async () => {
      naiveRows = await naive(handle.db);
      return { ops: naiveRows };
    });
    if (naiveRows !== setRows)
      throw new Error(`the two methods disagree: loop ${naiveRows} vs set-based ${setRows} rows`);
    return {
      baseline,
      candidate,
      limits: [
        {
          metric: 'totalMs',
          bound: 5000,
          why: '1 万名在岗选派干部的报告状态须在 5 秒内算出（一条集合查询；PostgreSQL 上约 1.2 秒）',
        },
      ],
      notes: [
        `${N} active assignments in 10 batches (monthly and quarterly), setup ${setupS.toFixed(1)} s`,
        `${setRows} (assignment, period) rows as of ${AS_OF}, ${missing} reports missing`,
        `set-based is ${(baseline.totalMs / candidate.totalMs).toFixed(1)}× faster than the loop`,
      ],
    };
  } finally {
    await handle.close();
  }
}
