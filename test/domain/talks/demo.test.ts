import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { people, units } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import { countEligible } from '../../../src/domain/mentoring/mentoring.queries.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import { DEMO_COUNTY_CODE, DEMO_TALK_TARGETS, seedDemoTalks } from '../../../src/domain/talks/talks.demo.js';
import { talkCounts } from '../../../src/domain/talks/talks.stats.js';
import { createTestDb } from '../../helpers/db.js';

const today = '2026-12-22';
let h: DbHandle;
let result: Awaited<ReturnType<typeof seedDemoTalks>>;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { clock: { now: () => new Date(`${today}T09:00:00+08:00`) } });
  const [county] = await h.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  result = await seedDemoTalks(h.db, {
    countyId: county.id,
    today,
    maxAge: 35,
    at: new Date(`${today}T09:00:00+08:00`),
  });
}, 120_000);
afterAll(async () => h.close());

describe('demo talk history', () => {
  it('reproduces the seed report’s figures since 2022', async () => {
    const c = await talkCounts(h.db, DEMO_TALK_TARGETS.since, today);
    expect(c.talks).toBe(DEMO_TALK_TARGETS.talks);
    expect(c.warningTalks).toBe(DEMO_TALK_TARGETS.warnings);
    expect(c.problemsRaised).toBe(DEMO_TALK_TARGETS.problems);
    expect(c.problemsSolved).toBe(DEMO_TALK_TARGETS.solved);
    expect(result?.pairs).toBe(await countEligible(h.db, today, 35));
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
      await seedDemoTalks(h.db, { countyId: county.id, today, maxAge: 35, at: new Date(`${today}T09:00:00+08:00`) }),
    ).toBeNull();
  });
});
