/** Rosters as counties' cadre information systems export them (issue 16): every field of several rows. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { people, units } from '../../../src/db/schema/org.js';
import type { Deps } from '../../../src/deps.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { findRosterSheet, loadWorkbook } from '../../../src/domain/org/roster/roster.read.js';
import { HUAMINGCE_IDS, huamingce, YILANBIAO_IDS, yilanbiao } from '../../fixtures/build-rosters.js';
import { createTestDb } from '../../helpers/db.js';
import { T0 } from '../../helpers/stamps.js';
import { testDeps } from './org.fixture.js';
import { twoCounties, xlsx } from './roster.fixture.js';

describe('roster layouts', () => {
  let handle: DbHandle;
  let deps: Deps;
  let w: Awaited<ReturnType<typeof twoCounties>>;
  let hospital: number;
  let cdc: number;
  const person = async (name: string) => (await handle.db.select().from(people).where(eq(people.name, name)))[0];
  beforeAll(async () => {
    handle = await createTestDb();
    deps = testDeps(handle).deps;
    w = await twoCounties(handle.db);
    const add = async (code: string, name: string) =>
      (
        await handle.db
          .insert(units)
          .values({ code, name, kind: 'institution', countyId: w.a, parentId: w.a, ...T0 })
          .returning({ id: units.id })
      )[0].id;
    hospital = await add('CS-I01', '县人民医院');
    cdc = await add('CS-I02', '县疾控中心');
  });
  afterAll(async () => handle.close());

  it('reads the 干部花名册 layout: titles, grouped headers, section rows, hidden column, trailing notes', async () => {
    const sheet = findRosterSheet(await loadWorkbook(await huamingce()))!;
    expect(sheet).toMatchObject({ headerRow: 3, headerRows: 2, skipped: 3 });
    expect(sheet.rows.map((r) => [r.rowNumber, r.sectionUnit?.text])).toEqual([
      [6, '青山镇'],
      [7, '青山镇'],
      [8, '青山镇'],
      [10, '白水镇'],
    ]);
    const read = Object.fromEntries(sheet.columns.filter((c) => c.field).map((c) => [c.header, c.field]));
    expect(read).toMatchObject({
      姓名: 'name',
      '出生年月（岁）': 'birthDate',
      '全日制教育 › 学历学位': 'fullTimeEducation',
      '全日制教育 › 毕业院校系及专业': 'fullTimeSchool',
      '在职教育 › 学历学位': 'partTimeEducation',
      '在职教育 › 毕业院校系及专业': 'partTimeSchool',
      现任职务: 'position',
      职务层次: 'leadershipLevel',
      任现职务时间: 'positionSince',
      身份证号: 'idNumber',
    });
    expect(sheet.columns.find((c) => c.header === '身份证号')?.hidden).toBe(true);
    expect(sheet.columns.filter((c) => !c.field).map((c) => c.header)).toEqual(['序号', '备注']);
  });

  it('imports the 干部花名册 with every field mapped to the vocabularies', async () => {
    const r = await importRoster(deps, await huamingce(), { countyIds: [w.a] });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, total: 4, created: 4 });
    expect(await person('张三')).toMatchObject({
      gender: '男',
      birthDate: '1990-05-17',
      idNumber: HUAMINGCE_IDS.zhangsan,
      ethnicity: '汉族',
      nativePlace: '浙江临安',
      birthPlace: '浙江临安',
      partyJoinDate: '2012-06-01',
      politicalStatus: null,
      workStart: '2013-08-01',
      education: '研究生',
      fullTimeEducation: '大学',
      fullTimeDegree: '工学学士',
      fullTimeSchool: '浙江工业大学机械工程专业',
      partTimeEducation: '研究生',
      partTimeDegree: '管理学硕士',
      partTimeSchool: '浙江大学公共管理专业',
      unitId: w.qingshan,
      position: '青山镇党委委员、副镇长',
      leadershipLevel: '副科',
      rank: '二级主任科员',
      positionSince: '2019-06-01',
      rankSince: '2022-09-01',
      cadreType: '公务员',
    });
    expect(await person('李梅')).toMatchObject({
      gender: '女',
      birthDate: '1993-11-01',
      idNumber: null,
      ethnicity: '回族',
      nativePlace: '安徽歙县',
      birthPlace: '浙江建德',
      politicalStatus: '民盟盟员',
      partyJoinDate: null,
      education: '大学',
      fullTimeEducation: '大学本科',
      fullTimeDegree: '法学学士',
      partTimeEducation: null,
      partTimeSchool: null,
      leadershipLevel: null,
      rank: '四级主任科员',
      unitId: w.qingshan,
    });
    expect(await person('王建国')).toMatchObject({
      education: '大学',
      fullTimeEducation: '大专',
      fullTimeDegree: null,
      partTimeEducation: '大学',
      partTimeDegree: null,
      partTimeSchool: '中央党校经济管理专业',
      leadershipLevel: '正科',
      rank: '四级调研员',
      workStart: '1996-08-01',
    });
    expect(await person('赵小红')).toMatchObject({
      unitId: w.baishui,
      leadershipLevel: '科员',
      rank: '一级科员',
      fullTimeDegree: '理学硕士',
      partTimeEducation: null,
    });
    const again = await importRoster(deps, await huamingce(), { countyIds: [w.a] });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4 });
  });

  it('imports the 干部一览表: placeholders, several sheets, 干部类别 from the unit, stacked degree kept', async () => {
    const r = await importRoster(deps, await yilanbiao(), { countyIds: [w.a] });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, total: 4, created: 4 });
    expect(await person('任怡')).toMatchObject({
      idNumber: YILANBIAO_IDS.renyi,
      birthDate: '1994-03-09',
      education: '大学',
      educationDetail: '管理学学士',
      unitId: w.baishui,
      position: '白水镇党建办主任',
      leadershipLevel: '副科',
      cadreType: '公务员',
      politicalStatus: '中共党员',
      mobile: '13900001601',
      email: 'renyi@example.org',
    });
    expect(await person('周航')).toMatchObject({ leadershipLevel: null, politicalStatus: '共青团员', mobile: null });
    expect(await person('钱磊')).toMatchObject({
      unitId: hospital,
      cadreType: '事业',
      education: '研究生',
      educationDetail: '医学硕士',
      politicalStatus: '九三学社社员',
    });
    expect(await person('孙悦')).toMatchObject({ unitId: cdc, cadreType: '事业', politicalStatus: '群众' });
  });

  it('names the column, the value and the accepted values for an unmapped value; never stores free text', async () => {
    const file = await xlsx(
      ['姓名', '性别', '出生年月', '学历', '单位', '职务层次', '职级', '政治面貌', '入党时间'],
      [
        ['吴敏', '女', '1995.03', '大学', '青山镇', '副股级', '一级科员', '中共党员', '2018.07'],
        ['郑伟', '男', '1994.02', '大本', '青山镇', '科员', '五级科员', '党员', '2016.13'],
      ],
    );
    const r = await importRoster(deps, file, { countyIds: [w.a] });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      {
        row: 2,
        column: '职务层次',
        message: expect.stringContaining('“副股级”不是可识别的职务层次，请填写 科员/副科/正科/副处/正处'),
      },
      { row: 3, column: '学历', message: expect.stringContaining('“大本”不是可识别的学历，请填写 研究生/大学/大专') },
      { row: 3, column: '职级', message: expect.stringContaining('“五级科员”不是可识别的职级，请填写 试用期/办事员') },
      { row: 3, column: '入党时间', message: expect.stringContaining('民主党派成员可写党派名称') },
    ]);
    expect(await person('吴敏')).toBeUndefined();
  });

  it('a section row that is not a unit, and a missing 学历 column, say how to fix the file', async () => {
    const file = await xlsx(['姓名', '性别', '出生年月'], [['冯晓', '男', '1995.03']]);
    const r = await importRoster(deps, file, { countyIds: [w.a] });
    expect(r.errors).toEqual([
      { row: 1, column: '学历', message: expect.stringContaining('全日制教育') },
      { row: 1, column: '单位', message: expect.stringContaining('只写单位名称的分组行') },
    ]);
    const sectioned = await xlsx(['姓名', '性别', '出生年月', '学历'], [['红旗镇'], ['冯晓', '男', '1995.03', '大学']]);
    const s = await importRoster(deps, sectioned, { countyIds: [w.a] });
    expect(s.errors).toEqual([
      { row: 2, column: '单位（分组行）', message: expect.stringMatching(/只有“红旗镇”.*不存在.*若是人员/) },
    ]);
  });

  it('a row without ID number never becomes a second record of a namesake in the same unit', async () => {
    const headers = ['姓名', '性别', '出生年月', '学历', '单位'];
    const other = await importRoster(deps, await xlsx(headers, [['任怡', '女', '1991.05', '大学', '白水镇']]), {
      countyIds: [w.a],
    });
    expect(other.ok).toBe(false);
    expect(other.errors).toEqual([
      {
        row: 2,
        column: '身份证号',
        message: expect.stringContaining('该单位已有同名人员“任怡”（出生年月 1994.03），与本行出生年月不同'),
      },
    ]);
    const same = await importRoster(deps, await xlsx(headers, [['任 怡', '女', '1994.03', '大学', '白水镇']]), {
      countyIds: [w.a],
    });
    expect(same).toMatchObject({ ok: true, created: 0, unchanged: 1 });
    expect(await handle.db.select().from(people).where(eq(people.name, '任怡'))).toHaveLength(1);
  });
});
