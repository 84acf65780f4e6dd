/**
 * Obligation states for the 100k-cadre demo county (seedDemo scale 30): the one set-based query of
 * talks.obligations.ts against a naive loop (relationships → cadres per leader → one talk query per pair),
 * both for the running and the last finished period of every relation, on the same data.
 * Talks for about half of the obligations and mentoring pairs are added first so every branch has work.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../src/clock.js';
import { type Database, rowsOf } from '../src/db/client.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';
import { obligationPairsSql, obligationStates } from '../src/domain/talks/talks.obligations.js';
import { DEFAULT_CADENCES } from '../src/domain/talks/talks.periods.js';
import { currentSpecs, obligationState, type PeriodSpec, previousSpecs } from '../src/domain/talks/talks.rules.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'obligations-100k';

const SCALE = Number(process.env.BENCH_OBLIGATIONS_SCALE ?? 30);
const AS_OF = '2026-12-22';
const clock: Clock = { now: () => new Date(`${AS_OF}T09:00:00+08:00`) };
const specs = (): PeriodSpec[] => [
  ...currentSpecs(DEFAULT_CADENCES, AS_OF, 35),
  ...previousSpecs(DEFAULT_CADENCES, AS_OF, 35),
];

/** Pool entries (4 in 5 young cadres), mentoring pairs (eligible ↔ unit main leader), talks for ~half of the obligations. */
export async function addTalkData(db: Database): Promise<{ pool: number; pairs: number; talks: number }> {
  const at = sql`${clock.now().toISOString()}::timestamptz`;
  // Dated assignments: every tenth cadre had a post/rank change on 2026-07-01 (a second, current row).
  await db.execute(sql`update person_assignments set end_date = date '2026-07-01'
    where person_id % 10 = 0 and end_date is null`);
  await db.execute(sql`
    insert into person_assignments (person_id, unit_id, position, rank, start_date, unit_since, source, created_at)
    select p.id, p.unit_id, p.position, '一级主任科员', date '2026-07-01', date '1900-01-01', 'bench', ${at}
      from people p where p.id % 10 = 0`);
  await db.execute(sql`
    insert into pool_entries (person_id, tier, status, entered_on, created_at, updated_at)
    select c.id, 'mid_term', 'active', date '2025-01-01', ${at}, ${at} from people c
     where c.active and c.birth_date > date '1991-12-22' and c.id % 5 <> 0
       and not exists (select 1 from pool_entries e where e.person_id = c.id)`);
  await db.execute(sql`
    insert into mentoring_pairs (mentor_person_id, mentee_person_id, start_date, created_at, updated_at)
    select distinct on (c.id) lp.person_id, c.id, date '2026-01-05', ${at}, ${at}
      from people c join leadership_positions lp on lp.unit_id = c.unit_id and lp.role = 'main' and lp.end_date is null
     where c.active and c.birth_date > date '1991-12-22' and (c.education = '研究生' or c.is_xuandiao or c.is_secondee)
       and lp.person_id <> c.id
     order by c.id, lp.id`);
  await db.execute(sql`
    insert into talks (talker_person_id, cadre_person_id, talk_date, kind, tone, topics, created_at, updated_at)
    select o.leader_id, o.cadre_id, o.p_start + ((o.leader_id + o.cadre_id) % greatest(1, o.p_eval - o.p_start + 1)),
           'regular', case when o.cadre_id % 20 = 0 then 'warning' else 'encourage' end, array['工作'], ${at}, ${at}
      from (${obligationPairsSql(specs())}) o
     where (o.leader_id * 7 + o.cadre_id) % 2 = 0`);
  await db.execute(sql`analyze`);
  const [n] = rowsOf<{ pool: number; pairs: number; talks: number }>(
    await db.execute(sql`select (select count(*) from pool_entries)::int as pool,
      (select count(*) from mentoring_pairs)::int as pairs, (select count(*) from talks)::int as talks`),
  );
  return n;
}

const inForce = (t: string, s: PeriodSpec) =>
  sql.raw(`${t}.start_date <= '${s.evalDate}' and (${t}.end_date is null or ${t}.end_date > '${s.evalDate}')`);
const onRoll = (t: string, s: PeriodSpec) =>
  sql.raw(`((${t}.left_at is null and ${t}.active) or ${t}.left_at > '${s.evalDate}')`);

/** (leader, unit | cadre) relationships of one spec, one query per relation. */
async function relationships(db: Database, s: PeriodSpec) {
  const q = {
    county_leader: sql`select k.leader_person_id as leader, k.unit_id as unit, null::int as cadre from leader_unit_links k join people l on l.id = k.leader_person_id where ${inForce('k', s)} and ${onRoll('l', s)}`,
    unit_main: sql`select lp.person_id as leader, lp.unit_id as unit, null::int as cadre from leadership_positions lp join people l on l.id = lp.person_id where lp.role = 'main' and ${inForce('lp', s)} and ${onRoll('l', s)}`,
    unit_deputy: sql`select ds.deputy_person_id as leader, null::int as unit, ds.cadre_person_id as cadre from deputy_supervisions ds join people l on l.id = ds.deputy_person_id where ${inForce('ds', s)} and ${onRoll('l', s)}`,
    mentor: sql`select mp.mentor_person_id as leader, null::int as unit, mp.mentee_person_id as cadre from mentoring_pairs mp join people l on l.id = mp.mentor_person_id where ${inForce('mp', s)} and ${onRoll('l', s)}`,
  }[s.relation];
  return rowsOf<{ leader: number; unit: number | null; cadre: number | null }>(await db.execute(q));
}

/** The naive way: for every relationship, load its cadres; for every (leader, cadre) pair, count talks. */
async function naive(db: Database): Promise<number> {
  let n = 0;
  for (const s of specs()) {
    const seen = new Set<string>();
    for (const r of await relationships(db, s)) {
      const cadres = rowsOf<{ id: number }>(
        await db.execute(
          r.unit !== null
            ? sql`select c.id from people c where c.unit_id = ${r.unit} and c.id <> ${r.leader} and c.birth_date > ${s.youngCutoff} and ${onRoll('c', s)}
                  and (${s.relation !== 'county_leader'} or exists (select 1 from pool_entries e where e.person_id = c.id and e.entered_on <= ${s.evalDate} and (e.exited_on is null or e.exited_on > ${s.evalDate})))`
            : sql`select c.id from people c where c.id = ${r.cadre} and c.id <> ${r.leader} and ${s.relation === 'mentor' ? sql`true` : sql`c.birth_date > ${s.youngCutoff}`} and ${onRoll('c', s)}
                  and (${s.relation !== 'unit_deputy'} or exists (select 1 from leadership_positions d where d.person_id = ${r.leader} and d.role = 'deputy' and d.unit_id = c.unit_id and ${inForce('d', s)}))
                  and (${s.relation !== 'mentor'} or exists (select 1 from people m where m.id = ${r.leader} and (m.is_county_leader or exists (select 1 from leadership_positions x where x.person_id = m.id and x.unit_id = c.unit_id and ${inForce('x', s)}))))`,
        ),
      );
      for (const c of cadres) {
        const key = `${r.leader}:${c.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const [t] = rowsOf<{ n: number }>(
          await db.execute(
            sql`select count(*)::int as n from talks where talker_person_id = ${r.leader} and cadre_person_id = ${c.id} and talk_date between ${s.period.start} and ${s.evalDate}`,
          ),
        );
        obligationState(Number(t.n), s.period.end, AS_OF);
        n++;
      }
    }
  }
  return n;
}

export async function run(): Promise<BenchResult> {
  const handle = await benchDatabase();
  try {
    const t0 = performance.now();
    const seeded = await seedDemo(handle.db, { scale: SCALE, clock });
    const data = await addTalkData(handle.db);
    const setupS = (performance.now() - t0) / 1000;
    await obligationStates(handle.db, specs(), AS_OF); // warm the cache once, as a running bot would be
    let rows: Awaited<ReturnType<typeof obligationStates>> = [];
    const candidate = await measure(`one set-based query (${handle.driver})`, async () => {
      rows = await obligationStates(handle.db, specs(), AS_OF);
      return { ops: rows.length };
    });
    const setRows = rows.length;
    // One county's view (统计 of an org_admin): the unit filter is applied inside the query, so its cost should
    // not grow with the other counties in the database. Median of three.
    const [county] = rowsOf<{ ids: number[] }>(
      await handle.db.execute(sql`select array_agg(id order by id) as ids from units
        where county_id = (select min(county_id) from units where county_id is not null)`),
    );
    const unitIds = county.ids.map(Number);
    const countyMs: number[] = [];
    let countyRows = 0;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      countyRows = (await obligationStates(handle.db, specs(), AS_OF, { unitIds })).length;
      countyMs.push(performance.now() - t);
    }
    countyMs.sort((a, b) => a - b);
    const states: Record<string, number> = {};
    for (const r of rows) states[r.state] = (states[r.state] ?? 0) + 1;
    let naiveRows = 0;
    const baseline = await measure(`naive per-pair loop (${handle.driver})`, async () => {
      naiveRows = await naive(handle.db);
      return { ops: naiveRows };
    });
    if (naiveRows !== setRows)
      throw new Error(`the two methods disagree: naive ${naiveRows} vs set-based ${setRows} obligations`);
    return {
      baseline,
      candidate,
      limits: [{ metric: 'totalMs', bound: 2000, why: '100k 干部的全部谈话任务状态须在 2 秒内算出（一条集合查询）' }],
      notes: [
        `scale ${SCALE}: ${seeded.people} people, ${seeded.units} units; ${data.pool} in the pool, ${data.pairs} mentoring pairs, ${data.talks} talks (setup ${setupS.toFixed(1)} s)`,
        `${setRows} obligations in 8 periods (running + last finished of 4 relations) as of ${AS_OF}: ${JSON.stringify(states)}`,
        `set-based is ${(baseline.totalMs / candidate.totalMs).toFixed(1)}× faster than the loop`,
        `one county (${unitIds.length} units, ${countyRows} obligations, filter inside the query): median ${countyMs[1].toFixed(0)} ms`,
      ],
    };
  } finally {
    await handle.close();
  }
}
