/** 提拔/职级晋升: preview, 确认导入 all-or-nothing, dated posts updated, bad input refused, 用 figures. */
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personAssignments } from '../../../src/db/schema/assignments.js';
import { leadershipPositions, people } from '../../../src/db/schema/org.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { usePendingImports, usePromotions } from '../../../src/db/schema/use.js';
import type { PromotionCells } from '../../../src/domain/use/promotions/promotions.rules.js';
import {
  confirmPromotions,
  figuresFor,
  previewPromotions,
} from '../../../src/domain/use/promotions/promotions.service.js';
import { structureOf } from '../../../src/domain/use/structure/teams.service.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, person, pool, post, unit } from '../talks/builders.js';

let bot: TestBot;
const ids: Record<string, number> = {};
let county: number;
let town: number;
beforeAll(async () => {
  bot = await createTestBot({ now: new Date('2026-11-30T09:00:00+08:00'), capabilities: [useCapability] });
  const db = bot.handle.db;
  county = await unit(db, '测试县', { kind: 'county' });
  town = await unit(db, '一镇', { countyId: county });
  const add = async (name: string, unitId: number, birthDate: string) => {
    ids[name] = (await person(db, name, { unitId, birthDate })).id;
  };
  await add('管理员', county, '1980-01-01');
  await add('另一管理员', county, '1981-01-01');
  await add('老镇长', town, '1970-01-01');
  await add('小青', town, '1995-03-03');
  await add('小红', county, '1992-07-07');
  await grant(db, ids.管理员, 'org_admin', county);
  await grant(db, ids.另一管理员, 'org_admin', county);
  await post(db, ids.老镇长, town, 'main', '2021-10-01');
  await post(db, ids.小青, town, 'member', '2024-06-01');
  await pool(db, ids.小青, '2023-01-01');
});
afterAll(async () => bot?.close());

const row = (line: number, o: Partial<PromotionCells>): PromotionCells => ({
  line,
  name: '',
  key: '',
  date: '2026-09-01',
  kind: '提拔',
  toUnit: '',
  toPost: '',
  toLevel: '',
  toRole: '',
  docNo: '县委〔2026〕1号',
  ...o,
});

describe('提拔/职级晋升 import', () => {
  it('refuses bad rows with Chinese row errors and writes nothing', async () => {
    const r = await previewPromotions(
      bot.deps,
      ids.管理员,
      [
        row(2, { name: '无此人' }),
        row(3, { name: '小青', date: '2024-05-31', toUnit: '一镇', toPost: '副镇长', toRole: '副职' }),
        row(4, { name: '小青', toUnit: '无此镇', toPost: '副镇长', toRole: '副职' }),
        row(5, { name: '小青', kind: '升官' }),
        row(6, { name: '小青', date: '2026-13-01' }),
        row(7, { name: '小红', kind: '职级晋升' }),
        row(8, { name: '小红', toRole: '正职', toPost: '镇长' }),
      ],
      'bad.xlsx',
    );
    expect(r.pendingId).toBeNull();
    expect(r.errors).toEqual([
      { row: 2, message: '未找到干部“无此人”' },
      { row: 3, message: '日期 2024-05-31 早于该干部现任职务的开始日期 2024-06-01' },
      { row: 4, message: '新单位“无此镇”不存在' },
      { row: 5, message: '类别“升官”无法识别，应为：提拔、职级晋升、进一步使用、交流' },
      { row: 6, message: '日期“2026-13-01”格式有误，请写成 2026-06-30' },
      { row: 7, message: '职级晋升须填写新职级' },
      { row: 8, message: '填写班子职务时须填写新单位' },
    ]);
    expect(await bot.handle.db.select().from(usePendingImports)).toEqual([]);
    expect(await bot.handle.db.select().from(usePromotions)).toEqual([]);
  });

  it('previews, then 确认导入 writes everything once and moves the dated posts', async () => {
    const cells = [
      row(2, { name: '小青', toUnit: '一镇', toPost: '镇长', toRole: '正职', toLevel: '正科' }),
      row(3, { name: '小红', kind: '职级晋升', toLevel: '一级主任科员', date: '2026-10-01' }),
      row(4, { name: '老镇长', kind: '交流', toUnit: '一镇', toPost: '调研员', date: '2026-09-01' }),
    ];
    const p = await previewPromotions(bot.deps, ids.管理员, cells, 'ok.xlsx');
    expect(p.errors).toEqual([]);
    expect(await bot.handle.db.select().from(usePromotions)).toEqual([]);
    await expect(confirmPromotions(bot.deps, ids.另一管理员, p.pendingId!)).rejects.toThrow('只能确认自己上传的导入');
    await expect(confirmPromotions(bot.deps, ids.小青, p.pendingId!)).rejects.toThrow('班子结构仅限组织部门查看');
    expect(await confirmPromotions(bot.deps, ids.管理员, p.pendingId!)).toEqual({ written: 3 });
    await expect(confirmPromotions(bot.deps, ids.管理员, p.pendingId!)).rejects.toThrow('该导入已处理');
    expect(await bot.handle.db.select().from(usePromotions)).toHaveLength(3);
    const posts = await bot.handle.db
      .select()
      .from(leadershipPositions)
      .where(eq(leadershipPositions.personId, ids.小青));
    expect(posts.map((x) => [x.role, x.startDate, x.endDate])).toEqual([
      ['member', '2024-06-01', '2026-09-01'],
      ['main', '2026-09-01', null],
    ]);
    // The structure on any date follows the dated posts.
    const before = await structureOf(bot.deps, county, '2026-08-31');
    const after = await structureOf(bot.deps, county, '2026-09-01');
    expect(before.teams.find((t) => t.unitId === town)?.measures.size).toBe(2);
    // 老镇长's 交流 row names no team post, so his post stays: both are in the team on 2026-09-01.
    expect(after.teams.find((t) => t.unitId === town)?.measures.size).toBe(2);
    expect(after.teams.find((t) => t.unitId === town)?.measures.young).toBe(1);
  });

  it('用 figures for a period: rank advancements and the young share, chief posts, 90后, from the pool', async () => {
    const f = await figuresFor(bot.deps, county, '2026-01-01', '2026-11-30');
    expect(f).toMatchObject({
      rankAdvancements: 1,
      youngRankAdvancements: 1,
      youngRankShare: 100,
      promotions: 1,
      promotionsTownship: 1,
      toChiefTownship: 1,
      post90Promotions: 1,
      fromPool: 1,
    });
    expect((await figuresFor(bot.deps, county, '2025-01-01', '2025-12-31')).promotions).toBe(0);
  });
});

describe('提拔/职级晋升 import: several rows for one cadre', () => {
  it('applies them in date order whatever the row order, so no post or assignment ends before it starts', async () => {
    const cells = [
      row(2, { name: '小红', date: '2026-11-10', toUnit: '一镇', toPost: '副镇长', toRole: '副职', toLevel: '副科' }),
      row(3, { name: '小红', kind: '职级晋升', date: '2026-10-15', toLevel: '四级主任科员' }),
    ];
    const p = await previewPromotions(bot.deps, ids.管理员, cells, 'two.xlsx');
    expect(p.errors).toEqual([]);
    expect(await confirmPromotions(bot.deps, ids.管理员, p.pendingId!)).toEqual({ written: 2 });
    const history = await bot.handle.db
      .select()
      .from(personAssignments)
      .where(eq(personAssignments.personId, ids.小红))
      .orderBy(asc(personAssignments.startDate), asc(personAssignments.id));
    expect(history.slice(-2).map((a) => [a.startDate, a.endDate, a.position, a.rank])).toEqual([
      ['2026-10-15', '2026-11-10', null, '四级主任科员'],
      ['2026-11-10', null, '副镇长', '四级主任科员'],
    ]);
    expect(history.every((a) => a.endDate === null || a.endDate >= a.startDate)).toBe(true);
    const posts = await bot.handle.db
      .select()
      .from(leadershipPositions)
      .where(eq(leadershipPositions.personId, ids.小红));
    expect(posts.map((x) => [x.role, x.startDate, x.endDate])).toEqual([['deputy', '2026-11-10', null]]);
  });
});

describe('a change of team posts is checked at once', () => {
  it('warns org_admin when a 提拔 leaves a township without a member under 35; the same breaks are not sent twice', async () => {
    const db = bot.handle.db;
    const town2 = await unit(db, '二镇', { countyId: county });
    ids.二镇书记 = (await person(db, '二镇书记', { unitId: town2, birthDate: '1975-01-01' })).id;
    ids.二镇青 = (await person(db, '二镇青', { unitId: town2, birthDate: '1993-02-02' })).id;
    await post(db, ids.二镇书记, town2, 'main', '2021-10-01');
    await post(db, ids.二镇青, town2, 'deputy', '2021-10-01');
    const [admin] = await db.select({ openId: people.openId }).from(people).where(eq(people.id, ids.管理员));
    const warnings = async () =>
      (await db.select().from(outbox).where(eq(outbox.target, admin.openId!)))
        .map((o) => JSON.stringify(o.content))
        .filter((c) => c.includes('班子结构预警'));
    const before = (await warnings()).length;
    const move = [row(2, { name: '二镇青', toUnit: '一镇', toPost: '副镇长', toRole: '副职', toLevel: '副科' })];
    const p = await previewPromotions(bot.deps, ids.管理员, move, 'move.xlsx');
    expect(p.errors).toEqual([]);
    await confirmPromotions(bot.deps, ids.管理员, p.pendingId!);
    const after = await warnings();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toContain('二镇');
    // A rank advancement changes no team post: no check, no card; nor does a change that adds no new break.
    const rank = [row(2, { name: '二镇书记', kind: '职级晋升', toLevel: '一级调研员', date: '2026-11-01' })];
    const q = await previewPromotions(bot.deps, ids.管理员, rank, 'rank.xlsx');
    await confirmPromotions(bot.deps, ids.管理员, q.pendingId!);
    const again = [
      row(2, { name: '二镇书记', toUnit: '二镇', toPost: '党委书记', toRole: '正职', date: '2026-11-20' }),
    ];
    const r = await previewPromotions(bot.deps, ids.管理员, again, 'again.xlsx');
    await confirmPromotions(bot.deps, ids.管理员, r.pendingId!);
    expect(await warnings()).toHaveLength(before + 1);
  });
});
