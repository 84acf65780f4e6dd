import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../../src/db/client.js';
import {
  auditLog,
  deputySupervisions,
  leadershipPositions,
  type leaderUnitLinks,
  people,
  roleGrants,
  units,
} from '../../../../src/db/schema/org.js';
import type { Deps } from '../../../../src/deps.js';
import { hasRole, loadActor } from '../../../../src/domain/org/org.access.js';
import { importRoster } from '../../../../src/domain/org/roster/roster.import.js';
import { importStructure } from '../../../../src/domain/org/structure/structure.import.js';
import { createTestDb } from '../../../helpers/db.js';
import { FIXTURE_AT } from '../../../helpers/stamps.js';
import { testDeps } from '../org.fixture.js';
import {
  LINK_HEADERS,
  mobileOf as m,
  POST_HEADERS,
  rosterFile,
  SUP_HEADERS,
  UNIT_HEADERS,
  UNITS,
  workbook,
} from './structure.fixture.js';

const POSTS = [
  ['书记乙', m('书记乙'), '青山镇', '主要领导', '党委书记', '2024-01-01', ''],
  ['镇长丙', m('镇长丙'), '青山镇', '分管领导', '党委副书记、镇长', '2024.01', ''],
  ['局长己', m('局长己'), '县教育局', '主要领导', '党组书记、局长', '2023-03-01', ''],
];
const LINKS = [
  ['县长甲', m('县长甲'), '青山镇', '联系', '2024-01-01', ''],
  ['县长甲', m('县长甲'), '县教育局', '分管', '2024-01-01', ''],
];
const SUPS = [['镇长丙', m('镇长丙'), '干部丁', m('干部丁'), '社会事务', '2024-01-01']];

const clean = (units = UNITS, posts = POSTS) =>
  workbook(
    ['单位', UNIT_HEADERS, [...units, ['白水镇', '乡镇', '测试县', '', '', 103]]],
    ['领导班子', POST_HEADERS, posts],
    ['联系分管', LINK_HEADERS, LINKS],
    ['分管干部', SUP_HEADERS, SUPS],
  );

describe('组织架构 import', () => {
  let handle: DbHandle;
  let deps: Deps;
  const rows = async (t: typeof units | typeof leadershipPositions | typeof leaderUnitLinks | typeof auditLog) =>
    (await handle.db.select().from(t as typeof units)).length;
  const personId = async (name: string) =>
    (await handle.db.select({ id: people.id }).from(people).where(eq(people.name, name)))[0].id;
  const unit = async (name: string) => (await handle.db.select().from(units).where(eq(units.name, name)))[0];
  beforeAll(async () => {
    handle = await createTestDb();
    deps = testDeps(handle).deps;
  });
  afterAll(async () => handle.close());

  it('a new county starts with its units, then the roster can name them', async () => {
    const r = await importStructure(deps, await workbook(['单位', UNIT_HEADERS, UNITS]), { fileName: 'units.xlsx' });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, sheets: ['单位'], units: { created: 6, updated: 0, unchanged: 0 } });
    const county = await unit('测试县');
    expect(county).toMatchObject({ code: '测试县', kind: 'county', parentId: null, countyId: county.id });
    expect(await unit('青山镇')).toMatchObject({
      code: '测试县青山镇',
      kind: 'township',
      parentId: county.id,
      countyId: county.id,
    });
    const edu = await unit('县教育局');
    expect(await unit('县第一中学')).toMatchObject({
      parentId: edu.id,
      countyId: county.id,
      domain: '教育',
      domainDeptUnitId: edu.id,
      sortOrder: 301,
    });
    const roster = await importRoster(deps, await rosterFile(), {});
    expect(roster).toMatchObject({ ok: true, created: 7 });
  });

  it('a messy workbook reports every bad row (sheet, row, column) and writes nothing', async () => {
    const file = await workbook(
      [
        '单位',
        UNIT_HEADERS,
        [
          ['白水镇', '乡镇', '测试县', '', '', 103],
          ['红旗镇', '城镇', '测试县', '', '', ''],
          ['新区甲', '乡镇', '新区乙', '', '', ''],
          ['新区乙', '乡镇', '新区甲', '', '', ''],
          ['石桥镇', '乡镇', '无此县', '', '', ''],
          ['县委组织部', '县直部门', '测试县', '', '', 'x'],
        ],
      ],
      [
        '领导班子',
        POST_HEADERS,
        [
          ['书记乙', m('书记乙'), '青山镇', '主要领导', '党委书记', '2024-01-01', ''],
          ['书记戊', m('书记戊'), '青山镇', '主要领导', '党委书记', '2025-06-01', ''],
          ['无名氏', '13800009999', '青山镇', '分管领导', '', '2024-01-01', ''],
          ['镇长丙', m('镇长丙'), '无此镇', '分管领导', '', '2024-01-01', ''],
          ['镇长丙', m('镇长丙'), '青山镇', '副手', '', '2024-01-01', ''],
          ['干部丁', m('干部丁'), '青山镇', '班子成员', '', '2024.13', ''],
          ['镇长丙', m('干部丁'), '青山镇', '分管领导', '', '2024-01-01', ''],
          ['镇长丙', m('镇长丙'), '白水镇', '分管领导', '', '2024-01-01', '2023-01-01'],
          ['镇长丙', '', '青山镇', '分管领导', '', '2024-01-01', ''],
        ],
      ],
      ['联系分管', LINK_HEADERS, [['县长甲', m('县长甲'), '青山镇', '指导', '2024-01-01', '']]],
      ['分管干部', SUP_HEADERS, [['镇长丙', m('镇长丙'), '无名', '13800009998', '社会事务', '2024-01-01']]],
    );
    const before = { units: await rows(units), posts: await rows(leadershipPositions) };
    const r = await importStructure(deps, file, { fileName: 'messy.xlsx' });
    expect(r.ok).toBe(false);
    const order = '请先导入花名册（新县上线的顺序见“正式上线：导入组织架构与名册”）';
    expect(r.errors).toEqual([
      { sheet: '单位', row: 3, column: '单位类别', message: expect.stringContaining('“城镇”不是可识别的单位类别') },
      { sheet: '单位', row: 4, column: '上级单位', message: '上级单位形成循环：新区甲 → 新区乙 → 新区甲' },
      { sheet: '单位', row: 5, column: '上级单位', message: '上级单位形成循环：新区乙 → 新区甲 → 新区乙' },
      { sheet: '单位', row: 6, column: '上级单位', message: '单位“无此县”不存在，请核对名称，或先在系统中建立该单位' },
      { sheet: '单位', row: 7, column: '排序', message: '“x”不是整数' },
      {
        sheet: '领导班子',
        row: 3,
        column: '职务类别',
        message:
          '单位“青山镇”同一时间只能有一位主要领导，与书记乙（2024-01-01 起在任）重叠；如前任已免职，请填写其免职日期',
      },
      { sheet: '领导班子', row: 4, column: '手机号', message: `花名册中没有手机号为 13800009999 的人员，${order}` },
      { sheet: '领导班子', row: 5, column: '单位', message: '单位“无此镇”不存在，请核对名称，或先在系统中建立该单位' },
      { sheet: '领导班子', row: 6, column: '职务类别', message: expect.stringContaining('“副手”不是可识别的职务类别') },
      { sheet: '领导班子', row: 7, column: '任职日期', message: '“2024.13”中的月份不对' },
      {
        sheet: '领导班子',
        row: 8,
        column: '姓名',
        message: '手机号 13800000004 对应的是“干部丁”，与姓名“镇长丙”不一致',
      },
      { sheet: '领导班子', row: 9, column: '免职日期', message: '免职日期应晚于任职日期' },
      {
        sheet: '领导班子',
        row: 10,
        column: '手机号',
        message: '请填写“镇长丙”的手机号或身份证号，以确定是花名册中的哪一位',
      },
      { sheet: '联系分管', row: 2, column: '关系', message: '“指导”不是可识别的关系，请填写“联系”或“分管”' },
      { sheet: '分管干部', row: 2, column: '干部手机号', message: `花名册中没有手机号为 13800009998 的人员，${order}` },
    ]);
    expect(r.units).toEqual({ created: 0, updated: 0, unchanged: 0 });
    expect({ units: await rows(units), posts: await rows(leadershipPositions) }).toEqual(before);
    const [rejected] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'structure.import.rejected'));
    expect(rejected).toMatchObject({ entityId: 'messy.xlsx', detail: { errors: 15 } });
  });

  it('a clean workbook creates units, posts, links and supervisions and marks the county leader', async () => {
    const r = await importStructure(deps, await clean(), { fileName: 'full.xlsx', eventId: 'ev_full' });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({
      ok: true,
      sheets: ['单位', '领导班子', '联系分管', '分管干部'],
      units: { created: 1, updated: 0, unchanged: 6 },
      posts: { created: 3, ended: 0, updated: 0, unchanged: 0 },
      links: { created: 2, ended: 0, updated: 0, unchanged: 0 },
      supervisions: { created: 1, ended: 0, updated: 0, unchanged: 0 },
      countyLeaders: 1,
    });
    const [leader] = await handle.db.select().from(people).where(eq(people.name, '县长甲'));
    expect(leader.isCountyLeader).toBe(true);
    const qs = await unit('青山镇');
    const secretary = await loadActor(handle.db, await personId('书记乙'), '2026-11-30');
    expect(secretary.roles).toContainEqual({ role: 'unit_main_leader', unitId: qs.id, domain: null });
    const deputy = await loadActor(handle.db, await personId('镇长丙'), '2026-11-30');
    expect(deputy.roles).toContainEqual({ role: 'unit_deputy_leader', unitId: qs.id, domain: null });
    const [sup] = await handle.db.select().from(deputySupervisions);
    expect(sup).toMatchObject({ cadrePersonId: await personId('干部丁'), area: '社会事务', startDate: '2024-01-01' });
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.eventId, 'ev_full'))).map(
      (a) => a.action,
    );
    expect(actions.sort()).toEqual(
      [
        'link.create',
        'link.create',
        'person.update',
        'post.create',
        'post.create',
        'post.create',
        'structure.import',
        'supervision.create',
        'unit.create',
      ].sort(),
    );
  });

  it('re-importing the same workbook changes nothing', async () => {
    const audits = await rows(auditLog);
    const r = await importStructure(deps, await clean());
    expect(r).toMatchObject({
      ok: true,
      units: { created: 0, updated: 0, unchanged: 7 },
      posts: { created: 0, ended: 0, updated: 0, unchanged: 3 },
      links: { created: 0, ended: 0, updated: 0, unchanged: 2 },
      supervisions: { created: 0, ended: 0, updated: 0, unchanged: 1 },
      countyLeaders: 0,
    });
    expect(await rows(auditLog)).toBe(audits + 1);
  });

  it('refuses a second current main leader next to the stored one', async () => {
    const posts = [['书记戊', m('书记戊'), '青山镇', '主要领导', '党委书记', '2026-06-01', '']];
    const r = await importStructure(deps, await workbook(['领导班子', POST_HEADERS, posts]));
    expect(r.errors).toEqual([
      {
        sheet: '领导班子',
        row: 2,
        column: '职务类别',
        message:
          '单位“青山镇”同一时间只能有一位主要领导，与书记乙（2024-01-01 起在任）重叠；如前任已免职，请填写其免职日期',
      },
    ]);
  });

  it('免职日期 ends a post from that day (roles, hence talk duties, stop); the post stays in history', async () => {
    const posts = [
      ['书记乙', m('书记乙'), '青山镇', '主要领导', '党委书记', '2024-01-01', '2026-12-01'],
      ['书记戊', m('书记戊'), '青山镇', '主要领导', '党委书记', '2026-12-01', ''],
    ];
    const r = await importStructure(deps, await workbook(['领导班子', POST_HEADERS, posts]));
    expect(r).toMatchObject({ ok: true, posts: { created: 1, ended: 1, updated: 0, unchanged: 0 } });
    const qs = (await unit('青山镇')).id;
    const roles = async (name: string, on: string) => loadActor(handle.db, await personId(name), on);
    expect(hasRole(await roles('书记乙', '2026-11-30'), 'unit_main_leader')).toBe(true);
    expect(hasRole(await roles('书记乙', '2026-12-01'), 'unit_main_leader')).toBe(false);
    expect(hasRole(await roles('书记戊', '2026-11-30'), 'unit_main_leader')).toBe(false);
    expect((await roles('书记戊', '2026-12-01')).roles).toContainEqual({
      role: 'unit_main_leader',
      unitId: qs,
      domain: null,
    });
    const history = await handle.db
      .select({ end: leadershipPositions.endDate })
      .from(leadershipPositions)
      .where(and(eq(leadershipPositions.unitId, qs), eq(leadershipPositions.role, 'main')))
      .orderBy(leadershipPositions.startDate);
    expect(history).toEqual([{ end: '2026-12-01' }, { end: null }]);
    const again = await importStructure(deps, await workbook(['领导班子', POST_HEADERS, posts]));
    expect(again.posts).toEqual({ created: 0, ended: 0, updated: 0, unchanged: 2 });
  });

  it('renames a unit by its code and moves it; counties are recomputed', async () => {
    const moved = [['县第一中学', 'SCHOOL-1', '事业单位', '测试县', '教育', '县教育局', 301]];
    const headers = ['单位名称', '单位代码', '单位类别', '上级单位', '领域', '主管部门', '排序'];
    const adopt = await importStructure(deps, await workbook(['单位', headers, moved]));
    expect(adopt).toMatchObject({ ok: true, units: { created: 0, updated: 1 } });
    const renamed = [['县一中', 'SCHOOL-1', '事业单位', '县教育局', '', '', '']];
    const r = await importStructure(deps, await workbook(['单位', headers, renamed]));
    expect(r).toMatchObject({ ok: true, units: { created: 0, updated: 1 } });
    const edu = await unit('县教育局');
    expect(await unit('县一中')).toMatchObject({
      code: 'SCHOOL-1',
      parentId: edu.id,
      domain: null,
      domainDeptUnitId: null,
      sortOrder: 301,
    });
  });

  it('an org_admin of one county can neither create counties nor touch another county', async () => {
    const other = await importStructure(
      deps,
      await workbook([
        '单位',
        UNIT_HEADERS,
        [
          ['另一县', '县', '', '', '', 0],
          ['另一县青山镇', '乡镇', '另一县', '', '', 1],
        ],
      ]),
    );
    expect(other).toMatchObject({ ok: true, units: { created: 2 } });
    const county = await unit('测试县');
    const adminId = await personId('组织庚');
    await handle.db
      .insert(roleGrants)
      .values({ personId: adminId, role: 'org_admin', unitId: county.id, grantedAt: FIXTURE_AT });
    const actor = await loadActor(handle.db, adminId, '2026-11-30');
    const r = await importStructure(
      deps,
      await workbook([
        '单位',
        ['单位名称', '单位代码', '单位类别', '上级单位'],
        [
          ['新县', '', '县', ''],
          ['青山镇', '另一县青山镇', '乡镇', '测试县'],
          ['桃花乡', '', '乡镇', '另一县'],
        ],
      ]),
      { actor },
    );
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '单位类别', '您只能维护本县的单位，不能新建县/区'],
      [3, '单位代码', '单位代码“另一县青山镇”属于您管理范围以外的单位'],
      [4, '上级单位', '单位“另一县”不存在，请核对名称，或先在系统中建立该单位'],
    ]);
    const cadre = await loadActor(handle.db, await personId('干部丁'), '2026-11-30');
    await expect(
      importStructure(deps, await workbook(['单位', UNIT_HEADERS, []]), { actor: cadre }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('says what is wrong with files that are not 组织架构 workbooks', async () => {
    const r = await importStructure(deps, await workbook(['Sheet1', ['项目', '金额'], [['a', 1]]]));
    expect(r.errors[0].message).toMatch(/未找到组织架构的工作表/);
    await expect(importStructure(deps, Buffer.from('not a workbook'))).rejects.toMatchObject({ code: 'INVALID' });
    const missing = await importStructure(
      deps,
      await workbook(['领导班子', ['姓名', '职务类别', '手机号'], [['书记乙', '主要领导', m('书记乙')]]]),
    );
    expect(missing.errors.map((e) => e.message)).toEqual(['缺少必填列“单位”', '缺少必填列“任职日期”']);
    const misspelt = await importStructure(
      deps,
      await workbook(['单位', ['单位全称', '单位类别', '上级单位'], [['甲', '乡镇', '测试县']]]),
    );
    expect(misspelt.errors).toEqual([{ sheet: '单位', row: 1, column: '单位名称', message: '缺少必填列“单位名称”' }]);
    const teamRoster = await importStructure(
      deps,
      await workbook(['班子成员', ['姓名', '单位', '职务', '出生年月'], [['书记乙', '青山镇', '党委书记', '1978.05']]]),
    );
    expect(teamRoster.errors[0].message).toMatch(/未找到组织架构的工作表/);
    const ids = await handle.db
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.name, ['新县', '桃花乡']));
    expect(ids).toHaveLength(0);
  });
});
