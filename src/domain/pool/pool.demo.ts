/**
 * The demo county's pool (local mode, after the org seed): 787 people on the three lists, all in the
 * resource pool (the seed report's figure), a few recommendations waiting for review, two years of
 * annual results with the proposals the rules make from them, and some frontline observations.
 * Deterministic: rows are chosen by md5 order, not at random; set-based, so it scales with the county.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { proposeFromResults } from '../assessments/assessments.import.js';
import { DEMO_PERSONAS } from '../org/demo/personas.js';
import { audit } from '../org/org.audit.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { DEMO_TEXTS } from './pool.demo.texts.js';

export const DEMO_POOL_PEOPLE = 787;

const arr = (xs: readonly string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;
/** A stable pseudo-random integer 0..2^28-1 from a text. */
const h = (expr: SQL) => sql`(('x' || substr(md5(${expr}), 1, 7))::bit(28)::int)`;

export interface DemoPoolOptions {
  countyId: number;
  today: string;
  maxAge: number;
  timezone: string;
}

/** Seeds one county's selection data; refuses (returns null) when it already has pool entries or recommendations. */
export async function seedDemoPool(db: Database, o: DemoPoolOptions) {
  return db.transaction(async (tx) => {
    const inCounty = sql`(select u.id from units u where u.county_id = ${o.countyId})`;
    const [existing] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from recommendations r join people p on p.id = r.person_id
        where p.unit_id in ${inCounty}`),
    );
    if (Number(existing.n) > 0) return null;
    const young = sql`p.active and p.birth_date > ${youngBirthCutoff(o.today, o.maxAge)} and p.unit_id in ${inCounty}`;
    const pending = await pendingCandidates(tx, young);
    await insertEntries(
      tx,
      o,
      young,
      pending.map((p) => p.id),
    );
    await insertAcceptedRecommendations(tx, o);
    await insertHistory(tx, o);
    await insertPending(tx, o, pending);
    const proposals = await insertResults(tx, o);
    await insertObservations(tx, o);
    const [r] = rowsOf<Record<string, number>>(
      await tx.execute(sql`select
        (select count(*) from pool_entries e join people p on p.id = e.person_id where p.unit_id in ${inCounty})::int as pool,
        (select count(distinct r.person_id) from recommendations r join people p on p.id = r.person_id
          where r.status = 'accepted' and p.unit_id in ${inCounty})::int as listed,
        (select count(*) from recommendations r join people p on p.id = r.person_id
          where r.status = 'pending' and p.unit_id in ${inCounty})::int as pending,
        (select count(*) from frontline_observations f join people p on p.id = f.person_id where p.unit_id in ${inCounty})::int as observations`),
    );
    const summary = { pool: r.pool, listed: r.listed, pending: r.pending, proposals, observations: r.observations };
    await audit(tx, new Date(`${o.today}T00:00:00Z`), {
      action: 'demo.seed.pool',
      entity: 'county',
      entityId: o.countyId,
      detail: summary,
    });
    return summary;
  });
}

/** Young staff the demo personas for lists A (县教育局) and B (卫生健康) can be seen recommending, kept out of the pool. */
async function pendingCandidates(tx: Database, young: SQL) {
  const a = DEMO_PERSONAS.partyOrg;
  const b = DEMO_PERSONAS.domainDept;
  return rowsOf<{ id: number; list: 'A' | 'B'; recommender: number }>(
    await tx.execute(sql`
      (select p.id, 'A' as list, rg.person_id as recommender from people p
         join units u on u.id = p.unit_id and u.name = ${a.unit}
         join role_grants rg on rg.role = 'unit_party_org' and rg.unit_id = u.id
         join people rp on rp.id = rg.person_id and rp.name = ${a.name}
        where ${young} and p.id <> rp.id order by md5('pa' || p.id) limit 2)
      union all
      (select p.id, 'B', rg.person_id from people p
         join units u on u.id = p.unit_id and u.domain_dept_unit_id is not null
         join role_grants rg on rg.role = 'domain_dept' and rg.unit_id = u.domain_dept_unit_id
         join people rp on rp.id = rg.person_id and rp.name = ${b.name}
        where ${young} and p.id <> rp.id order by md5('pb' || p.id) limit 2)`),
  );
}

async function insertEntries(tx: Database, o: DemoPoolOptions, young: SQL, keepOut: number[]) {
  const span = sql`(${o.today}::date - 30 - date '2022-03-01')`;
  const out = keepOut.length
    ? sql`and p.id not in (${sql.join(
        keepOut.map((i) => sql`${i}`),
        sql`, `,
      )})`
    : sql``;
  await tx.execute(sql`
    insert into pool_entries (person_id, tier, status, entered_on, created_at, updated_at)
    select x.*, (x.entered_on::timestamp + interval '10 hours') at time zone ${o.timezone},
           (x.entered_on::timestamp + interval '10 hours') at time zone ${o.timezone}
      from (select p.id,
           case when ${h(sql`'tier' || p.id`)} % 100 < 15 then 'near_term'
                when ${h(sql`'tier' || p.id`)} % 100 < 55 then 'mid_term' else 'long_term' end,
           case when ${h(sql`'watch' || p.id`)} % 100 < 2 then 'watch' else 'active' end,
           date '2022-03-01' + ${h(sql`'day' || p.id`)} % ${span} as entered_on
      from people p
     where ${young} ${out}
     order by md5('pool' || p.id)
     limit ${DEMO_POOL_PEOPLE}) x`);
}

/** Lists A (70%), B (45% where the unit has a competent department), C (15%, or when neither). */
async function insertAcceptedRecommendations(tx: Database, o: DemoPoolOptions) {
  const t = DEMO_TEXTS;
  await tx.execute(sql`
    with g as (
      select rg.role, rg.unit_id, min(rg.person_id) as person_id from role_grants rg join units gu on gu.id = rg.unit_id
       where rg.role in ('unit_party_org', 'domain_dept', 'org_admin') and gu.county_id = ${o.countyId}
       group by rg.role, rg.unit_id),
    e as (
      select e.id as entry_id, e.person_id, e.entered_on, p.unit_id, ga.person_id as rec_a, gb.person_id as rec_b,
             (select min(gc.person_id) from g gc where gc.role = 'org_admin') as rec_c,
             ${h(sql`'A' || e.person_id`)} % 100 < 70 as want_a,
             ${h(sql`'B' || e.person_id`)} % 100 < 45 as want_b,
             ${h(sql`'C' || e.person_id`)} % 100 < 15 as want_c
        from pool_entries e join people p on p.id = e.person_id join units u on u.id = p.unit_id
        left join g ga on ga.role = 'unit_party_org' and ga.unit_id = p.unit_id
        left join g gb on gb.role = 'domain_dept' and gb.unit_id = u.domain_dept_unit_id
       where u.county_id = ${o.countyId}),
    f as (select *, want_a and rec_a is not null as a, want_b and rec_b is not null as b from e),
    l as (
      select entry_id, person_id, entered_on, 'A' as list, rec_a as recommender from f where a
      union all select entry_id, person_id, entered_on, 'B', rec_b from f where b
      union all select entry_id, person_id, entered_on, 'C', rec_c from f where want_c or not (a or b))
    insert into recommendations (person_id, list, recommender_person_id, reason, achievements, evaluation, basis,
                                 status, current, pool_entry_id, decided_by_person_id, decided_at, created_at, updated_at)
    select l.person_id, l.list, l.recommender,
           (${arr(t.reasons)})[1 + l.person_id % ${t.reasons.length}],
           (${arr(t.achievements)})[1 + (l.person_id / 3) % ${t.achievements.length}],
           (${arr(t.evaluations)})[1 + (l.person_id / 7) % ${t.evaluations.length}],
           case when l.list = 'C' then (array['平时考核','专题调研','干部考察'])[1 + l.person_id % 3] end,
           'accepted', true, l.entry_id, (select min(rec_c) from f),
           (l.entered_on::timestamp + interval '10 hours') at time zone ${o.timezone},
           (l.entered_on::timestamp - interval '12 days') at time zone ${o.timezone},
           (l.entered_on::timestamp + interval '10 hours') at time zone ${o.timezone}
      from l where l.recommender is not null`);
}

async function insertHistory(tx: Database, o: DemoPoolOptions) {
  await tx.execute(sql`
    insert into pool_history (entry_id, at, kind, to_tier, lists, decided_by_person_id)
    select e.id, (e.entered_on::timestamp + interval '10 hours') at time zone ${o.timezone}, 'entered', e.tier,
           (select jsonb_agg(r.list order by r.list) from recommendations r where r.pool_entry_id = e.id),
           (select min(r.decided_by_person_id) from recommendations r where r.pool_entry_id = e.id)
      from pool_entries e join people p on p.id = e.person_id join units u on u.id = p.unit_id
     where u.county_id = ${o.countyId}`);
  await tx.execute(sql`
    insert into pool_history (entry_id, at, kind, from_tier, to_tier, note, decided_by_person_id)
    select e.id, (${o.today}::date - 20 + interval '15 hours') at time zone ${o.timezone}, 'watch', e.tier, e.tier,
           '平时考核反映工作作风问题，列入观察', (select min(r.decided_by_person_id) from recommendations r where r.pool_entry_id = e.id)
      from pool_entries e join people p on p.id = e.person_id join units u on u.id = p.unit_id
     where u.county_id = ${o.countyId} and e.status = 'watch'`);
}

async function insertPending(
  tx: Database,
  o: DemoPoolOptions,
  pending: { id: number; list: string; recommender: number }[],
) {
  const t = DEMO_TEXTS;
  for (const [i, p] of pending.entries()) {
    await tx.execute(sql`
      insert into recommendations (person_id, list, recommender_person_id, reason, achievements, evaluation, created_at, updated_at)
      values (${p.id}, ${p.list}, ${p.recommender}, ${t.reasons[i % t.reasons.length]}, ${t.achievements[i % t.achievements.length]},
              ${t.evaluations[i % t.evaluations.length]},
              (${o.today}::date - ${i + 1}::int + interval '9 hours') at time zone ${o.timezone},
              (${o.today}::date - ${i + 1}::int + interval '9 hours') at time zone ${o.timezone})`);
  }
}

/** Annual results for the last two years; the rules table turns the latest year into proposals. */
async function insertResults(tx: Database, o: DemoPoolOptions): Promise<number> {
  const year = Number(o.today.slice(0, 4)) - 1;
  const stamp = sql`(${o.today}::date + interval '8 hours') at time zone ${o.timezone}`;
  const ids = rowsOf<{ id: number }>(
    await tx.execute(sql`
      insert into assessment_results (person_id, kind, period, result, batch_id, created_at, updated_at)
      select e.person_id, '年度考核', y::text,
             case when ${h(sql`'r' || e.person_id || y`)} % 100 < 25 then '优秀'
                  when ${h(sql`'r' || e.person_id || y`)} % 100 = 99 then '基本称职' else '称职' end,
             'demo', ${stamp}, ${stamp}
        from pool_entries e join people p on p.id = e.person_id join units u on u.id = p.unit_id
        cross join (values (${year - 1}), (${year})) as ys(y)
       where u.county_id = ${o.countyId}
      returning id, period`),
  ).filter((r: any) => r.period === String(year));
  const proposals = await proposeFromResults(
    tx,
    ids.map((r) => r.id),
    new Date(`${o.today}T08:00:00Z`),
  );
  return proposals.length;
}

async function insertObservations(tx: Database, o: DemoPoolOptions) {
  const t = DEMO_TEXTS;
  await tx.execute(sql`
    insert into frontline_observations (person_id, frontline, project, performance, evaluations, results, flaws, observed_on, observer_person_id,
                                       created_at, updated_at)
    select x.person_id, (array['基层治理','乡村振兴','信访维稳','重大项目'])[1 + x.n % 4],
           (${arr(t.projects)})[1 + x.n % ${t.projects.length}],
           (${arr(t.performances)})[1 + x.n % ${t.performances.length}],
           (${arr(t.sides)})[1 + x.n % ${t.sides.length}],
           (${arr(t.outcomes)})[1 + x.n % ${t.outcomes.length}],
           case when x.n % 3 = 0 then (${arr(t.flaws)})[1 + x.n % ${t.flaws.length}] end,
           ${o.today}::date - 10 - x.n % 300, x.observer,
           (${o.today}::date - 10 - x.n % 300 + interval '18 hours') at time zone ${o.timezone},
           (${o.today}::date - 10 - x.n % 300 + interval '18 hours') at time zone ${o.timezone}
      from (select e.person_id, lp.person_id as observer, row_number() over (order by md5('obs' || e.person_id))::int as n
              from pool_entries e join people p on p.id = e.person_id
              join units u on u.id = p.unit_id and u.county_id = ${o.countyId} and u.kind = 'township'
              join leadership_positions lp on lp.unit_id = p.unit_id and lp.role = 'main' and lp.end_date is null
             order by md5('obs' || e.person_id) limit 60) x`);
}
