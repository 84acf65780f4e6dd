import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import type { Deps } from '../../../src/deps.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { idCheckChar } from '../../../src/domain/org/org.rules.js';
import { exportRoster } from '../../../src/domain/org/roster/roster.export.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { createTestDb } from '../../helpers/db.js';
import { testDeps } from './org.fixture.js';
import { HEADERS, twoCounties, xlsx } from './roster.fixture.js';

const id = (birth: string, seq: string) => {
  const first17 = `990101${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
};

describe('roster import', () => {
  let handle: DbHandle;
  let deps: Deps;
  let w: Awaited<ReturnType<typeof twoCounties>>;
  const count = async () => (await handle.db.select({ id: people.id }).from(people)).length;
  beforeAll(async () => {
    handle = await createTestDb();
    deps = testDeps(handle).deps;
    w = await twoCounties(handle.db);
  });
  afterAll(async () => handle.close());

  it('reports every bad row of a messy file and writes nothing', async () => {
    const headers = ['姓名', '性别', '出生年月', '单位', '手机号', '身份证号'];
    const file = await xlsx(
      headers,
      [
        ['张  三', '男', '1990.05', '青山镇', '13900000101', null],
        ['李四', '女', new Date(Date.UTC(1992, 2, 8)), '青山镇 ', '139 0000 0102', null],
        ['王五', '男', 33010, '测试县白水镇', null, null],
        ['赵六', '男', '1991年7月', '白水镇', null, null],
        ['钱七', '男', '1990.13', '白水镇', null, null],
        ['孙八', '女', '1993-04-01', '红旗镇', null, null],
        ['李四', '女', '1992-03-08', '青山镇', null, null],
        [null, null, null, null, null, null],
        ['周九', '男', 1990.1, '白水镇', null, null],
        ['吴十', '男', '1990-05-01', '白水镇', '1390000', id('1991-05-01', '011')],
      ],
      { title: '测试县干部花名册（2026年）' },
    );
    const r = await importRoster(deps, file, { countyIds: [w.a], fileName: 'messy.xlsx' });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: '学历', message: expect.stringContaining('缺少必填列“学历”：请加一列“学历”') },
      { row: 7, column: '出生年月', message: '“1990.13”中的月份不对' },
      { row: 8, column: '单位', message: '单位“红旗镇”不存在，请核对名称，或先在系统中建立该单位' },
      { row: 9, column: '姓名', message: '与第 4 行重复（姓名、出生年月、单位相同）' },
      { row: 11, column: '出生年月', message: expect.stringContaining('1月还是10月') },
      { row: 12, column: '身份证号', message: expect.stringContaining('不一致') },
      { row: 12, column: '手机号', message: '“1390000”不是有效的11位手机号' },
    ]);
    expect(r.total).toBe(9);
    expect(await count()).toBe(1);
    const [rejected] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'roster.import.rejected'));
    expect(rejected.detail).toMatchObject({ ok: false, errors: 7 });
  });

  it('imports a clean file with title row, full-width text and mixed dates, then updates by stable key', async () => {
    const rows = [
      [
        '陈思雨',
        '女',
        '1999.04',
        id('1999-04-12', '002'),
        '硕士研究生',
        '青山镇',
        '科员',
        '一级科员',
        13900000201,
        '公务员',
        '是',
        '否',
        '2021.08',
      ],
      [
        '刘子轩 ',
        '男',
        new Date(Date.UTC(1997, 9, 3)),
        id('1997-10-03', '011'),
        '大学本科',
        '青山镇',
        '科员',
        '',
        '13900000202',
        '参照公务员法管理',
        '',
        '√',
        '2020-09-01',
      ],
      [
        '黄雅婷',
        '',
        '２０００．０１',
        id('2000-01-20', '002'),
        '大专',
        'CS-T02',
        '办事员',
        '',
        '＋86 139 0000 0203',
        '事业',
        '否',
        '',
        '',
      ],
      ['马卫东', '男', '1976年3月', null, '本科', '白水镇', '镇长', '', '', '', '', '', '2008年9月'],
    ];
    const r = await importRoster(deps, await xlsx(HEADERS, rows, { title: '花名册' }), { countyIds: [w.a] });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, total: 4, created: 4, updated: 0, unchanged: 0 });
    const [chen] = await handle.db.select().from(people).where(eq(people.name, '陈思雨'));
    expect(chen).toMatchObject({
      birthDate: '1999-04-12',
      education: '研究生',
      isXuandiao: true,
      mobile: '13900000201',
      pinyinInitials: 'csy',
      townshipWorkStart: '2021-08-01',
      personKey: `id:${id('1999-04-12', '002')}`,
    });
    const [huang] = await handle.db.select().from(people).where(eq(people.name, '黄雅婷'));
    expect(huang).toMatchObject({ gender: '女', unitId: w.baishui, mobile: '13900000203', cadreType: '事业' });
    const [liu] = await handle.db.select().from(people).where(eq(people.name, '刘子轩'));
    expect(liu).toMatchObject({ cadreType: '参公', isSecondee: true, birthDate: '1997-10-03' });

    const again = await importRoster(deps, await xlsx(HEADERS, rows), { countyIds: [w.a] });
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4 });

    rows[0][6] = '党政办副主任';
    rows[3][2] = '1976.03';
    const changed = await importRoster(deps, await xlsx(HEADERS, rows), { countyIds: [w.a], eventId: 'ev_imp' });
    expect(changed).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 3 });
    const [update] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'person.update'));
    expect(update).toMatchObject({ entityId: String(chen.id), eventId: 'ev_imp', detail: { fields: ['position'] } });
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, 'person.create'))).toHaveLength(4);
  });

  it('matches a row without ID number by name, birth month and unit, keeping the stored day', async () => {
    const rows = [['陈思雨', '女', '1999.04', '', '研究生', '青山镇', '科员', '', '', '', '', '', '']];
    const r = await importRoster(deps, await xlsx(HEADERS, rows), { countyIds: [w.a] });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 1 });
    const [chen] = await handle.db.select().from(people).where(eq(people.name, '陈思雨'));
    expect(chen).toMatchObject({ birthDate: '1999-04-12', position: '科员', mobile: '13900000201' });
  });

  it('asks for a unit code when a unit name exists in two counties', async () => {
    const rows = [['新人', '男', '1995.01', '', '大学', '青山镇', '', '', '', '', '', '', '']];
    const any = await importRoster(deps, await xlsx(HEADERS, rows));
    expect(any.errors).toEqual([{ row: 2, column: '单位', message: '单位“青山镇”在多个县重名，请改填单位代码' }]);
    rows[0][5] = 'LY-T01';
    const byCode = await importRoster(deps, await xlsx(HEADERS, rows));
    expect(byCode).toMatchObject({ ok: true, created: 1 });
    const [p] = await handle.db.select().from(people).where(eq(people.name, '新人'));
    expect(p.unitId).toBe(w.otherQingshan);
  });

  it('refuses files that are not rosters and people who are not org_admin', async () => {
    const notRoster = await importRoster(deps, await xlsx(['项目', '金额'], [['a', 1]]));
    expect(notRoster.errors[0].message).toMatch(/未找到表头/);
    await expect(importRoster(deps, Buffer.from('not a workbook'))).rejects.toMatchObject({ code: 'INVALID' });
    const [someone] = await handle.db.select({ id: people.id }).from(people).where(eq(people.name, '刘子轩'));
    const actor = await loadActor(handle.db, someone.id, '2026-11-30');
    await expect(importRoster(deps, await xlsx(HEADERS, []), { actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('an org_admin imports only into units of his county', async () => {
    const admin = await loadActor(handle.db, w.adminId, '2026-11-30');
    const rows = [['王芳', '女', '1996.02', '', '大学', '青山镇', '', '', '', '', '', '', '']];
    const r = await importRoster(deps, await xlsx(HEADERS, rows), { actor: admin });
    expect(r).toMatchObject({ ok: true, created: 1 });
    const [p] = await handle.db.select().from(people).where(eq(people.name, '王芳'));
    expect(p.unitId).toBe(w.qingshan);
  });

  it('exports in the import layout, and the export imports back unchanged', async () => {
    const { data, count: n } = await exportRoster(deps, { countyIds: [w.a] });
    expect(n).toBe(6);
    const r = await importRoster(deps, data, { countyIds: [w.a] });
    expect(r).toMatchObject({ ok: true, total: 6, created: 0, updated: 0, unchanged: 6 });
    const [exported] = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'roster.export'));
    expect(exported.detail).toEqual({ count: 6 });
  });
});
