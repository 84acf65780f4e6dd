/** The 推荐与审核 block of the leaders' county digest: the week's new recommendations by list, the review queue. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import { recommendationsDigest } from '../../../src/domain/recommendations/recommendations.report.js';
import { recommendationDigestLines } from '../../../src/domain/recommendations/recommendations.rules.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { person, unit } from '../talks/builders.js';

describe('recommendationDigestLines', () => {
  it.each([
    [{ newByList: {}, pending: 0, stale: 0, staleDays: 14 }, []],
    [
      { newByList: { A: 2, C: 1 }, pending: 3, stale: 0, staleDays: 14 },
      ['本周新推荐 3 人（单位党组织 2 人，组织部门 1 人）', '待审核 3 人'],
    ],
    [
      { newByList: {}, pending: 4, stale: 1, staleDays: 14 },
      ['本周没有新的推荐', '待审核 4 人，其中超过 14 天未审核 1 人'],
    ],
  ])('%o', (week, lines) => {
    expect(recommendationDigestLines(week)).toEqual(lines);
  });
});

describe('recommendationsDigest', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ now: new Date('2026-12-03T09:00:00+08:00') });
    const db = bot.handle.db;
    const county = await unit(db, '测试县', { kind: 'county' });
    const admin = await person(db, '管理员', { unitId: county, birthDate: '1980-01-01' });
    const rec = async (name: string, list: 'A' | 'B' | 'C', created: string, status: 'pending' | 'accepted') => {
      const p = await person(db, name, { unitId: county, birthDate: '1995-01-01' });
      const at = new Date(created);
      await db.insert(recommendations).values({
        personId: p.id,
        list,
        recommenderPersonId: admin.id,
        reason: '虚构',
        achievements: '虚构',
        evaluation: '虚构',
        status,
        createdAt: at,
        updatedAt: at,
      });
    };
    // The week ending 12-03 starts 11-27 local time (still 11-26 in UTC).
    await rec('甲', 'A', '2026-11-27T00:30:00+08:00', 'pending');
    await rec('乙', 'A', '2026-12-03T08:00:00+08:00', 'accepted');
    await rec('丙', 'C', '2026-12-02T10:00:00+08:00', 'pending');
    // Last week (local time), still waiting; and one waiting since October.
    await rec('丁', 'B', '2026-11-26T23:30:00+08:00', 'pending');
    await rec('戊', 'B', '2026-10-01T10:00:00+08:00', 'pending');
  });
  afterAll(async () => bot?.close());

  it('counts the local week’s new recommendations by list and the review queue, never a name', async () => {
    const s = await recommendationsDigest(bot.deps, '2026-12-03');
    expect(s).toEqual({
      title: '推荐与审核',
      order: 5,
      lines: ['本周新推荐 3 人（单位党组织 2 人，组织部门 1 人）', '待审核 4 人，其中超过 14 天未审核 1 人'],
    });
    for (const name of ['甲', '乙', '丙', '丁', '戊']) expect(JSON.stringify(s)).not.toContain(name);
  });

  it('says nothing in a week before any recommendation', async () => {
    expect(await recommendationsDigest(bot.deps, '2026-09-01')).toBeNull();
  });
});
