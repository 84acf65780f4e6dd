/**
 * The ledger's block of the leaders' weekly digest: running key tasks, those with nothing recorded this week,
 * this week's entries by rating — counts only, never a name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerTasks } from '../../../src/db/schema/clues.js';
import { ledgerDigest } from '../../../src/domain/ledger/ledger.report.js';
import { ledgerDigestLines } from '../../../src/domain/ledger/ledger.rules.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { person, unit } from '../talks/builders.js';

describe('ledgerDigestLines', () => {
  it.each([
    [{ activeTasks: 0, quietTasks: 0, byRating: { good: 3 } }, []],
    [{ activeTasks: 2, quietTasks: 2, byRating: {} }, ['在办重点任务 2 项，其中本周未登记 2 项', '本周登记台账 0 条']],
    [
      { activeTasks: 3, quietTasks: 0, byRating: { good: 2, poor: 1 } },
      ['在办重点任务 3 项', '本周登记台账 3 条（好 2，差 1）'],
    ],
  ])('%o', (week, lines) => {
    expect(ledgerDigestLines(week)).toEqual(lines);
  });
});

describe('ledgerDigest', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ now: new Date('2026-12-03T09:00:00+08:00') });
    const db = bot.handle.db;
    const county = await unit(db, '测试县', { kind: 'county' });
    const cadre = await person(db, '阿满', { unitId: county, birthDate: '1996-03-03' });
    const stamp = (iso: string) => ({ createdAt: new Date(iso), updatedAt: new Date(iso) });
    const at = '2026-11-01T09:00:00+08:00';
    const [t1, t2] = await db
      .insert(ledgerTasks)
      .values([
        { countyId: county, name: '乡村振兴', startOn: '2026-01-01', ...stamp(at) },
        { countyId: county, name: '项目建设', startOn: '2026-06-01', endOn: '2026-12-31', ...stamp(at) },
        { countyId: county, name: '防汛救灾', startOn: '2026-06-01', endOn: '2026-09-30', ...stamp(at) },
      ])
      .returning({ id: ledgerTasks.id });
    const entry = (taskId: number, rating: 'good' | 'poor' | 'average', created: string) => ({
      taskId,
      cadrePersonId: cadre.id,
      role: '队员',
      rating,
      facts: '虚构事实',
      entryOn: '2026-11-20',
      ...stamp(created),
    });
    await db.insert(ledgerEntries).values([
      // The week ending 12-03 starts 11-27 local time (still 11-26 in UTC).
      entry(t1.id, 'good', '2026-11-27T00:30:00+08:00'),
      entry(t1.id, 'poor', '2026-12-03T08:00:00+08:00'),
      // Last week (local time): not counted.
      entry(t1.id, 'good', '2026-11-26T23:30:00+08:00'),
      entry(t2.id, 'average', '2026-11-20T10:00:00+08:00'),
    ]);
  });
  afterAll(async () => bot?.close());

  it('counts the week ending today in local time, no names', async () => {
    const s = await ledgerDigest(bot.deps, '2026-12-03');
    expect(s).toEqual({
      title: '跟踪考核台账',
      order: 35,
      lines: ['在办重点任务 2 项，其中本周未登记 1 项', '本周登记台账 2 条（好 1，差 1）'],
    });
    expect(JSON.stringify(s)).not.toContain('阿满');
  });

  it('nothing when no task runs', async () => {
    expect(await ledgerDigest(bot.deps, '2025-12-01')).toBeNull();
  });
});
