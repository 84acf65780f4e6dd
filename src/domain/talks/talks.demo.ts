/**
 * Talk history for the demo county 示范县 (local mode), generated from rates so that it comes out shaped
 * like the seed report: since 2022 about 14,000 talks (人次), 600+ of them warning talks (提醒), about 457
 * problems solved; every cadre eligible for 结对帮带 paired with a mentor. Each obligation of each period
 * is met with the rate of its relation, each talk is a warning or raises a problem with its own rate, and a
 * problem is solved with a rate once it is old enough — so the figures grow with the history, no count is
 * a constant. Deterministic: the draws are md5 hashes of the rows, not random numbers.
 * The demo personas' obligations in the running periods are left open, so the reminder demo has work.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { eligibleSql } from '../mentoring/mentoring.queries.js';
import { demoRelationsSince } from '../org/demo/generate.js';
import { DEMO_PERSONAS } from '../org/demo/personas.js';
import { obligationPairsSql } from './talks.obligations.js';
import { DEFAULT_CADENCES, laterDate } from './talks.periods.js';
import { specsBetween } from './talks.rules.js';

/** Unit code of the demo county 示范县 (src/domain/org/demo/generate.ts). */
export const DEMO_COUNTY_CODE = 'SFX';

/** The seed's figures since 2022 (14000余人次, 提醒600余人次, 解决难题457个); the rates below are tuned to them. */
export const DEMO_TALK_TARGETS = { since: '2022-01-01', talks: 14_000, warnings: 600, solved: 457 };

/**
 * The first day of the generated talk history: when the demo's supervisions and links start (about 400 days
 * back). The township teams' posts go back to the 换届, but the talks before this day are not in the demo
 * (the rates above are tuned to this window).
 */
export const demoTalksFrom = (today: string): string => {
  const since = demoRelationsSince(today);
  return laterDate(since, DEMO_TALK_TARGETS.since);
};

/**
 * How often things happen in the demo's history: the share of obligations met per relation (county leaders
 * and main leaders keep to their cadence better than deputies with a monthly one), the share of talks that
 * are warnings or raise a problem, and the share of problems older than `solveAfterDays` that were solved.
 */
export const DEMO_TALK_RATES = {
  met: { county_leader: 0.8, unit_main: 0.78, unit_deputy: 0.56, mentor: 0.7 },
  warning: 0.046,
  problem: 0.033,
  solved: 0.93,
  solveAfterDays: 30,
} as const;

/** A talk's identity for the draws (ids depend on insertion order; these columns do not). */
function talkKey(alias: string): SQL {
  return sql.raw(`${alias}.talker_person_id || ':' || ${alias}.cadre_person_id || ':' || ${alias}.talk_date`);
}

/** True for about `rate` of the rows: the first 32 bits of md5(key) read as a fraction of 2^32. */
function drawn(key: SQL, rate: number): SQL {
  return sql`(('x' || substr(md5(${key}), 1, 8))::bit(32)::bigint) < ${Math.round(rate * 2 ** 32)}::bigint`;
}

const TOPICS = ['思想状况', '工作困难', '成长发展', '家庭生活', '廉洁自律', '作风建设', '岗位适应', '学习培训'];
const PROBLEMS = [
  '子女入学',
  '住房困难',
  '通勤距离远',
  '业务能力不足',
  '家属就业',
  '身体健康',
  '工作压力大',
  '基层经验不足',
];

async function pairMentees(db: Database, countyId: number, today: string, maxAge: number, at: Date): Promise<void> {
  await db.execute(sql`
    insert into mentoring_pairs (mentor_person_id, mentee_person_id, start_date, plan, created_at, updated_at)
    select distinct on (people.id) lp.person_id, people.id, greatest(date '2022-03-01', lp.start_date, ${demoTalksFrom(today)}::date), '思想上引导、工作上帮带、作风上锤炼',
           ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
      from people
      join units u on u.id = people.unit_id and u.county_id = ${countyId}
      join leadership_positions lp on lp.unit_id = people.unit_id and lp.person_id <> people.id
       and lp.start_date <= ${today} and (lp.end_date is null or lp.end_date > ${today})
     where ${eligibleSql(today, maxAge)}
     order by people.id, (lp.role = 'main') desc, lp.id`);
}

async function insertTalks(db: Database, countyId: number, today: string, maxAge: number, at: Date): Promise<void> {
  const r = DEMO_TALK_RATES;
  const specs = specsBetween(DEFAULT_CADENCES, demoTalksFrom(today), today, today, maxAge);
  const personas = Object.values(DEMO_PERSONAS).map((p) => p.name);
  await db.execute(sql`
    insert into talks (talker_person_id, cadre_person_id, talk_date, kind, tone, topics, created_at, updated_at)
    select o.leader_id, o.cadre_id,
           o.p_start + (('x' || substr(md5(o.leader_id || ':' || o.cadre_id), 1, 6))::bit(24)::int % (o.p_eval - o.p_start + 1)),
           case when o.cadre_id % 5 = 0 then 'flexible' else 'regular' end, 'encourage',
           array[(string_to_array(${TOPICS.join(',')}, ','))[1 + (o.cadre_id + o.leader_id) % ${TOPICS.length}],
                 (string_to_array(${TOPICS.join(',')}, ','))[1 + o.cadre_id % ${TOPICS.length}]],
           ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
      from (${obligationPairsSql(specs)}) o
      join units u on u.id = o.unit_id and u.county_id = ${countyId}
      join people c on c.id = o.cadre_id
     where not (o.p_end >= ${today} and c.name in ${personas})
       and case o.relation ${sql.join(
         Object.entries(r.met).map(
           ([rel, rate]) =>
             sql`when ${rel} then ${drawn(sql`'t:' || o.p_start || ':' || o.leader_id || ':' || o.cadre_id`, rate)}`,
         ),
         sql` `,
       )} else false end`);
  await db.execute(sql`update talks t set tone = 'warning' where ${drawn(sql`'w:' || ${talkKey('t')}`, r.warning)}`);
}

async function insertProblems(db: Database, today: string, at: Date): Promise<void> {
  const r = DEMO_TALK_RATES;
  await db.execute(sql`
    insert into talk_problems (talk_id, text, created_at, updated_at)
    select t.id, (string_to_array(${PROBLEMS.join(',')}, ','))[1 + t.id % ${PROBLEMS.length}], ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz
      from talks t where ${drawn(sql`'p:' || ${talkKey('t')}`, r.problem)}`);
  // Problems old enough were mostly solved, a week to two months after the talk (never after today).
  await db.execute(sql`
    update talk_problems p
       set status = 'solved', solved_by_person_id = x.talker_person_id,
           solved_on = least(${today}::date, x.talk_date + 7 + p.id % 53), follow_up = '已协调解决'
      from talks x
     where x.id = p.talk_id and x.talk_date <= ${today}::date - ${r.solveAfterDays}::int
       and ${drawn(sql`'s:' || ${talkKey('x')}`, r.solved)}`);
}

/** Seeds pairs, talks and problems for the county; refuses when talks already exist. */
export async function seedDemoTalks(db: Database, opts: { countyId: number; today: string; maxAge: number; at: Date }) {
  return db.transaction(async (tx) => {
    const [existing] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from talks`));
    if (Number(existing.n) > 0) return null;
    await pairMentees(tx, opts.countyId, opts.today, opts.maxAge, opts.at);
    await insertTalks(tx, opts.countyId, opts.today, opts.maxAge, opts.at);
    await insertProblems(tx, opts.today, opts.at);
    const [r] = rowsOf<Record<string, number>>(
      await tx.execute(sql`select (select count(*) from mentoring_pairs)::int as pairs, (select count(*) from talks)::int as talks,
        (select count(*) from talks where tone = 'warning')::int as warnings,
        (select count(*) from talk_problems where status = 'solved')::int as solved`),
    );
    return { pairs: Number(r.pairs), talks: Number(r.talks), warnings: Number(r.warnings), solved: Number(r.solved) };
  });
}
