/** 表彰 and 六零创建 rankings: import good/bad rows (nothing written on error), what followed, flags, replace. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  useAwardBatches,
  useAwardees,
  usePendingImports,
  usePromotions,
  useRankings,
} from '../../../src/db/schema/use.js';
import {
  type AwardCells,
  addMonths,
  isAwardHeader,
  promotedAfter,
} from '../../../src/domain/use/awards/awards.rules.js';
import { awardBatches, confirmAwards, previewAwards } from '../../../src/domain/use/awards/awards.service.js';
import { isPromotionHeader } from '../../../src/domain/use/promotions/promotions.rules.js';
import { flagRankings, isRankingHeader, type RankingCells } from '../../../src/domain/use/rankings/rankings.rules.js';
import { confirmRankings, previewRankings, rankingOf } from '../../../src/domain/use/rankings/rankings.service.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, person, post, unit } from '../talks/builders.js';

let bot: TestBot;
const ids: Record<string, number> = {};
let county: number;
const towns: number[] = [];
beforeAll(async () => {
  bot = await createTestBot({ now: new Date('2026-11-30T09:00:00+08:00'), capabilities: [useCapability] });
  const db = bot.handle.db;
  county = await unit(db, '测试县', { kind: 'county' });
  for (let i = 1; i <= 9; i++) towns.push(await unit(db, `${i}镇`, { countyId: county }));
  const add = async (name: string, unitId: number) => {
    ids[name] = (await person(db, name, { unitId, birthDate: '1990-01-01' })).id;
  };
  await add('管理员', county);
  await add('另一管理员', county);
  await add('甲', towns[0]);
  await add('乙', towns[1]);
  await add('丙', towns[8]);
  await grant(db, ids.管理员, 'org_admin', county);
  await grant(db, ids.另一管理员, 'org_admin', county);
  await post(db, ids.甲, towns[0], 'main', '2021-10-01');
  await post(db, ids.乙, towns[1], 'deputy', '2021-10-01');
  await post(db, ids.丙, towns[8], 'member', '2021-10-01');
});
afterAll(async () => bot?.close());

const award = (line: number, o: Partial<AwardCells>): AwardCells => ({
  line,
  kind: '攻坚克难好干部',
  batch: '2024年度',
  date: '2025-01-10',
  name: '',
  key: '',
  ...o,
});

describe('表彰 import and what followed', () => {
  it('refuses bad rows with Chinese row errors and writes nothing', async () => {
    const r = await previewAwards(
      bot.deps,
      ids.管理员,
      [
        award(2, { name: '无此人' }),
        award(3, { name: '甲', kind: '优秀青年' }),
        award(4, { name: '甲', date: '2027-01-01' }),
        award(5, { name: '甲', batch: '' }),
        award(6, { name: '乙' }),
        award(7, { name: '乙' }),
        award(8, { name: '丙', date: '2025-02-01' }),
      ],
      'bad.xlsx',
    );
    expect(r.pendingId).toBeNull();
    expect(r.errors).toEqual([
      { row: 2, message: '未找到干部“无此人”' },
      { row: 3, message: '表彰类别“优秀青年”无法识别，应为：攻坚克难好干部、担当作为好干部、优秀年轻干部' },
      { row: 4, message: '表彰日期 2027-01-01 晚于今天' },
      { row: 5, message: '表彰批次不能为空（例如：2023年度）' },
      { row: 7, message: '该干部在本批次中重复' },
      { row: 8, message: '同一批次的表彰日期不一致（2025-01-10 与 2025-02-01）' },
    ]);
    expect(await bot.handle.db.select().from(usePendingImports)).toEqual([]);
    expect(await bot.handle.db.select().from(useAwardees)).toEqual([]);
  });

  it('previews, then 确认导入 writes the batch once; promotions within 12 months count as what followed', async () => {
    const db = bot.handle.db;
    const base = {
      countyId: county,
      kind: 'promotion' as const,
      source: 'import',
      ...T0,
    };
    await db.insert(usePromotions).values([
      { ...base, personId: ids.甲, date: '2025-06-01' },
      { ...base, personId: ids.乙, date: '2026-02-01' },
      { ...base, personId: ids.丙, date: '2025-03-01', kind: 'rank' },
    ]);
    const p = await previewAwards(
      bot.deps,
      ids.管理员,
      [award(2, { name: '甲' }), award(3, { name: '乙' }), award(4, { name: '丙' })],
      'ok.xlsx',
    );
    expect(p.errors).toEqual([]);
    expect(await db.select().from(useAwardBatches)).toEqual([]);
    await expect(confirmAwards(bot.deps, ids.另一管理员, p.pendingId!)).rejects.toThrow('只能确认自己上传的导入');
    await expect(confirmAwards(bot.deps, ids.甲, p.pendingId!)).rejects.toThrow('班子结构仅限组织部门查看');
    expect(await confirmAwards(bot.deps, ids.管理员, p.pendingId!)).toEqual({ written: 3, batches: 1 });
    await expect(confirmAwards(bot.deps, ids.管理员, p.pendingId!)).rejects.toThrow('该导入已处理');
    const [b] = await awardBatches(db, county);
    expect(b).toMatchObject({ kind: '攻坚克难好干部', name: '2024年度', date: '2025-01-10', promoted: 1 });
    expect(b.awardees.map((a) => [a.name, a.promotedOn])).toEqual([
      ['甲', '2025-06-01'],
      ['乙', null],
      ['丙', null],
    ]);
    // The same batch again is refused.
    const again = await previewAwards(bot.deps, ids.管理员, [award(2, { name: '甲' })], 'again.xlsx');
    expect(again.errors).toEqual([{ row: 2, message: '“2024年度 攻坚克难好干部”已导入过，不能重复导入' }]);
  });

  it('the sniffs are specific: each sheet is claimed by its own import only', () => {
    const awardSheet = ['表彰类别', '表彰批次', '表彰日期', '姓名', '身份证号'];
    const rankingSheet = ['年份', '乡镇', '得分', '名次'];
    const promotionSheet = ['姓名', '身份证号', '日期', '类别', '新单位', '新职务', '新职级', '班子职务', '文号'];
    expect([isAwardHeader, isRankingHeader, isPromotionHeader].map((f) => f(awardSheet))).toEqual([true, false, false]);
    expect([isAwardHeader, isRankingHeader, isPromotionHeader].map((f) => f(rankingSheet))).toEqual([
      false,
      true,
      false,
    ]);
    expect([isAwardHeader, isRankingHeader, isPromotionHeader].map((f) => f(promotionSheet))).toEqual([
      false,
      false,
      true,
    ]);
    expect(isRankingHeader(['年份', '乡镇', '名次'])).toBe(false);
  });

  it('the follow window: on or after the award, up to N months (month ends clamped)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-01-15', 12)).toBe('2025-01-15');
    expect(promotedAfter('2024-01-15', ['2024-01-14', '2025-01-16'], 12)).toBeNull();
    expect(promotedAfter('2024-01-15', ['2025-01-15', '2024-06-01'], 12)).toBe('2024-06-01');
  });
});

const rank = (line: number, township: string, r: number, o: Partial<RankingCells> = {}): RankingCells => ({
  line,
  year: '2025',
  township,
  score: String(100 - r),
  rank: String(r),
  ...o,
});
const nine = (year: string, reverse = false) =>
  Array.from({ length: 9 }, (_, i) => rank(i + 2, `${i + 1}镇`, reverse ? 9 - i : i + 1, { year }));

describe('六零创建 rankings', () => {
  it('flags the top five and the bottom three', () => {
    const f = flagRankings(Array.from({ length: 9 }, (_, i) => ({ rank: 9 - i })));
    expect(f.map((r) => [r.rank, r.flag])).toEqual([
      [1, 'top'],
      [2, 'top'],
      [3, 'top'],
      [4, 'top'],
      [5, 'top'],
      [6, null],
      [7, 'bottom'],
      [8, 'bottom'],
      [9, 'bottom'],
    ]);
  });

  it('refuses bad rows (unknown township, year, score, rank, duplicates) and writes nothing', async () => {
    const r = await previewRankings(
      bot.deps,
      ids.管理员,
      [
        rank(2, '无此镇', 1),
        rank(3, '1镇', 1, { year: '2027' }),
        rank(4, '1镇', 1, { score: '高' }),
        rank(5, '1镇', 0),
        rank(6, '2镇', 2),
        rank(7, '2镇', 3),
      ],
      'bad.xlsx',
    );
    expect(r.pendingId).toBeNull();
    expect(r.errors).toEqual([
      { row: 2, message: '乡镇“无此镇”不存在' },
      { row: 3, message: '年份“2027”有误，应为 2000 至 2026 之间的四位年份' },
      { row: 4, message: '得分“高”不是数字' },
      { row: 5, message: '名次“0”应为正整数' },
      { row: 7, message: '2025年“2镇”重复' },
    ]);
    expect(await bot.handle.db.select().from(useRankings)).toEqual([]);
  });

  it('imports a year; a loaded year is replaced only with 确认替换; proposals cite the ranking', async () => {
    const db = bot.handle.db;
    const p = await previewRankings(bot.deps, ids.管理员, nine('2025'), 'r.xlsx');
    expect(p).toMatchObject({ errors: [], replaces: [] });
    expect(await confirmRankings(bot.deps, ids.管理员, p.pendingId!, false)).toEqual({
      written: 9,
      years: [2025],
      replaced: [],
    });
    let v = await rankingOf(db, county, null, '2026-11-30');
    expect(v.year).toBe(2025);
    expect(v.rows.map((r) => [r.township, r.rank, r.flag])[0]).toEqual(['1镇', 1, 'top']);
    expect(v.rows.find((r) => r.township === '1镇')?.members.map((m) => m.name)).toEqual(['甲']);
    expect(v.rows.find((r) => r.township === '9镇')).toMatchObject({ flag: 'bottom' });
    expect(v.rows.find((r) => r.township === '9镇')?.members.map((m) => m.name)).toEqual(['丙']);

    // The same year again: the preview says it replaces; without the confirmation nothing changes.
    const q = await previewRankings(bot.deps, ids.管理员, nine('2025', true), 'r2.xlsx');
    expect(q.replaces).toEqual([2025]);
    await expect(confirmRankings(bot.deps, ids.管理员, q.pendingId!, false)).rejects.toThrow(
      '2025年已有排名，请在预览中点击“确认替换”后再导入',
    );
    v = await rankingOf(db, county, 2025, '2026-11-30');
    expect(v.rows[0].township).toBe('1镇');
    await expect(confirmRankings(bot.deps, ids.另一管理员, q.pendingId!, true)).rejects.toThrow(
      '只能确认自己上传的导入',
    );
    expect(await confirmRankings(bot.deps, ids.管理员, q.pendingId!, true)).toEqual({
      written: 9,
      years: [2025],
      replaced: [2025],
    });
    v = await rankingOf(db, county, 2025, '2026-11-30');
    expect(v.count).toBe(9);
    expect(v.rows[0]).toMatchObject({ township: '9镇', rank: 1, flag: 'top' });
    expect(v.rows[8]).toMatchObject({ township: '1镇', rank: 9, flag: 'bottom' });
    expect(await db.select().from(useRankings)).toHaveLength(9);
  });
});
