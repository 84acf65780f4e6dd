import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run.js';
import { SettableClock } from '../../../src/clock.js';
import { type DbHandle, rowsOf } from '../../../src/db/client.js';
import { mentoringPairs } from '../../../src/db/schema/mentoring.js';
import { people, units } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import { countEligible } from '../../../src/domain/mentoring/mentoring.queries.js';
import {
  DEMO_COUNTY_CODE,
  DEMO_TALK_RATES,
  DEMO_TALK_TARGETS,
  demoTalksFrom,
  seedDemoTalks,
} from '../../../src/domain/talks/talks.demo.js';
import { obligationPairsSql } from '../../../src/domain/talks/talks.obligations.js';
import { DEFAULT_CADENCES } from '../../../src/domain/talks/talks.periods.js';
import { specsBetween } from '../../../src/domain/talks/talks.rules.js';
import { talkCounts } from '../../../src/domain/talks/talks.stats.js';
import { createTestDb } from '../../helpers/db.js';

const today = '2026-12-22';
let h: DbHandle;
let pairs: number;

beforeAll(async () => {
  h = await createTestDb();
  // The whole demo county, as `seed-demo` writes it (the talk rates apply to the org, pool and pairs it holds).
  const clock = new SettableClock();
  clock.freeze(new Date(`${today}T09:00:00+08:00`));
  const err: string[] = [];
  const code = await runCli(
    ['seed-demo'],
    { out: () => {}, err: (l) => err.push(l) },
    { handle: h, clock, env: { PORT: '3999', SEED_DEMO: 'never' }, log: pino({ level: 'silent' }) },
  );
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
  const [p] = await h.db.select({ n: sql<number>`count(*)::int` }).from(mentoringPairs);
  pairs = Number(p.n);
}, 120_000);
afterAll(async () => h.close());

describe('demo talk history', () => {
  it('reproduces the seed report’s figures since 2022', async () => {
    const c = await talkCounts(h.db, DEMO_TALK_TARGETS.since, today);
    // 14000余人次, 提醒600余人次: at least the figure, and not a thousand / a hundred more.
    expect(c.talks).toBeGreaterThanOrEqual(DEMO_TALK_TARGETS.talks);
    expect(c.talks).toBeLessThan(DEMO_TALK_TARGETS.talks + 1000);
    expect(c.warningTalks).toBeGreaterThanOrEqual(DEMO_TALK_TARGETS.warnings);
    expect(c.warningTalks).toBeLessThan(DEMO_TALK_TARGETS.warnings + 100);
    // 解决难题457个: generated from rates, so near it (within 3%), and never more than were raised.
    expect(Math.abs(c.problemsSolved - DEMO_TALK_TARGETS.solved)).toBeLessThanOrEqual(DEMO_TALK_TARGETS.solved * 0.03);
    expect(c.problemsRaised).toBeGreaterThan(c.problemsSolved);
    // 共417人纳入帮带范围, all paired.
    const eligible = await countEligible(h.db, today, 36);
    expect(pairs).toBe(eligible);
    expect(Math.abs(eligible - 417)).toBeLessThanOrEqual(417 * 0.03);
  });

  it('meets each relation’s obligations at its rate, not up to a count', async () => {
    // Over the generated history (the township teams' posts go back to the 换届, before it).
    const rows = await h.db.execute(sql`
      select o.relation, count(*)::int as owed, count(t.id)::int as met
        from (${obligationPairsSql(specsBetween(DEFAULT_CADENCES, demoTalksFrom(today), today, today, 36))}) o
        left join lateral (select t.id from talks t where t.talker_person_id = o.leader_id and t.cadre_person_id = o.cadre_id
                              and t.talk_date between o.p_start and o.p_end limit 1) t on true
       where o.p_end < ${today}
       group by 1`);
    const byRelation = Object.fromEntries(
      rowsOf<{ relation: keyof typeof DEMO_TALK_RATES.met; owed: number; met: number }>(rows).map((r) => [
        r.relation,
        Number(r.met) / Number(r.owed),
      ]),
    );
    for (const [relation, rate] of Object.entries(DEMO_TALK_RATES.met)) {
      expect(byRelation[relation], relation).toBeGreaterThan(rate - 0.05);
      // A mentor is usually the unit's main leader too: the quarterly talks count for the half-year.
      if (relation !== 'mentor') expect(byRelation[relation], relation).toBeLessThan(rate + 0.05);
    }
  });

  it('leaves the demo personas’ running periods open and never dates a talk after today', async () => {
    const [cadre] = await h.db.select({ id: people.id }).from(people).where(eq(people.name, '陈思雨'));
    const current = await h.db
      .select()
      .from(talks)
      .where(and(eq(talks.cadrePersonId, cadre.id), sql`talk_date >= '2026-12-01'`));
    expect(current).toEqual([]);
    const [late] = await h.db.select({ n: sql<number>`count(*)::int` }).from(talks).where(sql`talk_date > ${today}`);
    expect(Number(late.n)).toBe(0);
  });

  it('runs once', async () => {
    const [county] = await h.db.select({ id: units.id }).from(units).where(eq(units.code, DEMO_COUNTY_CODE));
    expect(
      await seedDemoTalks(h.db, { countyId: county.id, today, maxAge: 36, at: new Date(`${today}T09:00:00+08:00`) }),
    ).toBeNull();
  });
});
