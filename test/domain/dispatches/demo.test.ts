/** The demo county's dispatch history reproduces the seed report's figures through the report and 选派 queries. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../../src/db/client.js';
import { people, units } from '../../../src/db/schema/org.js';
import { seedDemoDispatches } from '../../../src/domain/dispatches/dispatches.demo.js';
import { classify } from '../../../src/domain/dispatches/dispatches.jobs.js';
import { awayOn, batchCounts, mainLeadersOf, reportStatus } from '../../../src/domain/dispatches/dispatches.queries.js';
import { dispatchDigest, dispatchReport } from '../../../src/domain/dispatches/dispatches.report.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import { loadCalendar } from '../../../src/domain/talks/talks.calendar.queries.js';
import { DEMO_COUNTY_CODE } from '../../../src/domain/talks/talks.demo.js';
import { createTestDb } from '../../helpers/db.js';

const today = '2026-12-03';
let h: DbHandle;
let countyId: number;
let lines: string[];
const deps = () =>
  ({
    db: h.db,
    clock: { now: () => new Date(`${today}T09:00:00+08:00`) },
    config: { timezone: 'Asia/Shanghai' },
  }) as any;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { clock: { now: () => new Date(`${today}T09:00:00+08:00`) } });
  [{ id: countyId }] = await h.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  lines = await seedDemoDispatches(deps());
}, 180_000);
afterAll(async () => h.close());

describe('demo dispatch history', () => {
  it('gives the seed figures in the 育 › 选派墩苗 report part', async () => {
    const all = await dispatchReport(deps(), { from: '2010-01-01', to: today }, { countyId, unitIds: null });
    const v = (parts: typeof all, key: string) => parts[0].figures.find((f) => f.key === key)?.value;
    expect(v(all, 'dispatches.firstSecretaryBatches')).toBe(6);
    expect(v(all, 'dispatches.firstSecretaries')).toBe(222);
    expect(v(all, 'dispatches.instructors')).toBe(89);
    expect(v(all, 'dispatches.frontline')).toBe(32);
    const since2022 = await dispatchReport(deps(), { from: '2022-01-01', to: today }, { countyId, unitIds: null });
    expect(v(since2022, 'dispatches.shadowingBatches')).toBe(3);
    expect(v(since2022, 'dispatches.shadowing')).toBe(35);
    const thisYear = await dispatchReport(deps(), { from: '2026-01-01', to: today }, { countyId, unitIds: null });
    expect(v(thisYear, 'dispatches.rotationBatches')).toBe(3);
    expect(v(thisYear, 'dispatches.rotation')).toBe(18);
    expect(thisYear[0].sentences).toContain('选派3批18名优秀年轻干部到浏阳市跟岗学习3个月。');
    const list = await all[0].figures.find((f) => f.key === 'dispatches.firstSecretaries')!.list!();
    expect(list.rows).toHaveLength(222);
    expect(lines[0]).toMatch(/^选派墩苗：15 个批次、396 人次选派/);
  });

  it('shows the batches in 选派 with statuses from the generated history, and reports late and missing', async () => {
    const rows = await batchCounts(h.db, countyId, today);
    const fs = rows.filter((r) => r.kind === 'first_secretary');
    expect(fs.map((r) => r.total)).toEqual([36, 37, 37, 37, 37, 38]);
    expect(fs.at(-1)!.on_post).toBe(38);
    expect(
      rows.find((r) => r.kind === 'shadowing')!.completed + rows.find((r) => r.kind === 'shadowing')!.recalled,
    ).toBe(12);
    const [r] = rowsOf<{ late: number; total: number }>(
      await h.db.execute(
        sql`select count(*) filter (where late)::int as late, count(*)::int as total from dispatch_reports`,
      ),
    );
    expect(r.late).toBeGreaterThan(0);
    expect(r.late).toBeLessThan(r.total);
    const digest = await dispatchDigest(deps(), today);
    expect(digest!.lines[0]).toMatch(/^上期选派工作报告应交 \d+ 份，已交 \d+ 份，未交 [1-9]\d* 份$/);
  });

  it('holds the README walkthrough: 刘子轩 is away, last month’s report missing, 周志远 is told', async () => {
    const [liu] = await h.db.select().from(people).where(eq(people.name, '刘子轩'));
    const away = (await awayOn(h.db, [liu.id], today)).get(liu.id);
    expect(away?.kind).toBe('first_secretary');
    // README step 2: the clock set to one of the month's last three workdays.
    const day = '2026-12-29';
    const mine = classify(await reportStatus(h.db, day, countyId), day, await loadCalendar(h.db)).filter(
      (r) => r.personId === liu.id,
    );
    expect(mine.map((r) => [r.periodKey, r.step])).toEqual([
      ['2026-11', 'escalate'],
      ['2026-12', 'due'],
    ]);
    const leaders = await mainLeadersOf(h.db, [mine[0].homeUnitId], day);
    const [zhou] = await h.db.select().from(people).where(eq(people.name, '周志远'));
    expect(leaders.map((l) => l.personId)).toContain(zhou.id);
  });
});
