/** The demo county's pool: the seed report's 787 people on the three lists, all in the pool; live work for the demo. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../../src/clock.js';
import type { DbHandle } from '../../../src/db/client.js';
import { units } from '../../../src/db/schema/org.js';
import { poolEntries, poolProposals } from '../../../src/db/schema/pool.js';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import { DEMO_POOL_PEOPLE, seedDemoPool } from '../../../src/domain/pool/pool.demo.js';
import { listedCounts, poolCounts } from '../../../src/domain/pool/pool.queries.js';
import { createTestDb } from '../../helpers/db.js';

describe('demo pool', () => {
  let h: DbHandle;
  let countyId: number;
  let result: Awaited<ReturnType<typeof seedDemoPool>>;
  const opts = () => ({ countyId, today: '2026-11-30', maxAge: 35, timezone: 'Asia/Shanghai' });
  beforeAll(async () => {
    h = await createTestDb();
    const clock = new SettableClock();
    clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
    await seedDemo(h.db, { clock, timezone: 'Asia/Shanghai' });
    [{ id: countyId }] = await h.db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.code, 'SFX'), eq(units.kind, 'county')));
    result = await seedDemoPool(h.db, opts());
  });
  afterAll(async () => h?.close());

  it('puts 787 people on the lists, each once in the pool, and leaves work for the demo', async () => {
    expect(result).toMatchObject({ pool: DEMO_POOL_PEOPLE, listed: DEMO_POOL_PEOPLE, pending: 4, observations: 60 });
    expect(result!.proposals).toBeGreaterThan(5);
    expect((await listedCounts(h.db)).people).toBe(787);
    const { totals } = await poolCounts(h.db, sql`true`);
    expect(totals.total).toBe(787);
    expect(totals.near_term + totals.mid_term + totals.long_term).toBe(787);
    expect(totals.near_term).toBeGreaterThan(50);
    const multi = await h.db.execute(
      sql`select count(*)::int as n from (select pool_entry_id from recommendations where status = 'accepted' group by 1 having count(*) > 1) x`,
    );
    expect(Number((multi as any).rows?.[0]?.n ?? (multi as any)[0]?.n)).toBeGreaterThan(100);
  });

  it('keeps the invariants: one live entry per person, young members, lists behind every entry', async () => {
    const orphan = await h.db
      .select({ id: poolEntries.id })
      .from(poolEntries)
      .where(sql`not exists (select 1 from recommendations r where r.pool_entry_id = ${poolEntries.id})`);
    expect(orphan).toEqual([]);
    const old = await h.db.execute(
      sql`select count(*)::int as n from pool_entries e join people p on p.id = e.person_id where p.birth_date <= '1991-11-30'`,
    );
    expect(Number((old as any).rows?.[0]?.n ?? (old as any)[0]?.n)).toBe(0);
    const open = await h.db.select().from(poolProposals).where(eq(poolProposals.status, 'open'));
    expect(new Set(open.map((p) => p.ruleId))).toEqual(new Set(['annual_excellent_twice', 'annual_basic']));
    const pending = await h.db.select().from(recommendations).where(eq(recommendations.status, 'pending'));
    expect(pending.map((r) => r.list).sort()).toEqual(['A', 'A', 'B', 'B']);
  });

  it('is deterministic and runs once', async () => {
    expect(await seedDemoPool(h.db, opts())).toBeNull();
  });
});
