/** 《干部任免审批表》 .lrmx in (single files and a .zip, same checks and preview) and out (issue 16). */
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { people } from '../../../src/db/schema/org.js';
import type { Deps } from '../../../src/deps.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { ageOn, appointmentFormDocx } from '../../../src/domain/org/roster/roster.form.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { exportLrmx, lrmxFiles, lrmxSheet } from '../../../src/domain/org/roster/roster.lrmx.js';
import { confirmUpload, previewUpload } from '../../../src/domain/org/roster/roster.preview.js';
import { LRMX_IDS, lrmx } from '../../fixtures/build-rosters.js';
import { createTestDb } from '../../helpers/db.js';
import { deflated, zip } from '../../helpers/zip.js';
import { testDeps } from './org.fixture.js';
import { twoCounties } from './roster.fixture.js';

describe('roster .lrmx', () => {
  let handle: DbHandle;
  let deps: Deps;
  let w: Awaited<ReturnType<typeof twoCounties>>;
  const person = async (name: string) => (await handle.db.select().from(people).where(eq(people.name, name)))[0];
  const zhoulin = () =>
    lrmx({ name: '周琳', id: LRMX_IDS.zhoulin, birth: '199109', post: '青山镇党委委员、组织委员', party: '201306' });
  beforeAll(async () => {
    handle = await createTestDb();
    deps = testDeps(handle).deps;
    w = await twoCounties(handle.db);
  });
  afterAll(async () => handle.close());

  it('previews a .zip of .lrmx files and imports them on 确认导入, keeping 简历 and family members', async () => {
    const admin = await loadActor(handle.db, w.adminId, '2026-11-30');
    const files = lrmxFiles(
      '任免审批表.zip',
      zip([
        deflated('审批表/周琳.lrmx', zhoulin()),
        deflated('审批表/吴岚.lrmx', lrmx({ name: '吴岚', birth: '199402', post: '白水镇党政办科员', party: '民进' })),
      ]),
    );
    if (typeof files === 'string') throw new Error(files);
    expect(files.map((f) => f.name)).toEqual(['周琳.lrmx', '吴岚.lrmx']);
    const { report, token } = await previewUpload(deps, admin, { lrmx: files }, { fileName: '任免审批表.zip' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ ok: true, total: 2, created: 2 });
    expect(report.columns.filter((c) => !c.field).map((c) => c.header)).toContain('ZhaoPian');
    expect(await person('周琳')).toBeUndefined();
    expect(await confirmUpload(deps, admin, token!)).toMatchObject({ ok: true, created: 2 });
    expect(await person('周琳')).toMatchObject({
      gender: '女',
      birthDate: '1991-09-23',
      idNumber: LRMX_IDS.zhoulin,
      ethnicity: '汉族',
      nativePlace: '浙江富阳',
      partyJoinDate: '2013-06-01',
      workStart: '2014-07-01',
      education: '大学',
      fullTimeEducation: '大学',
      fullTimeDegree: '经济学学士',
      fullTimeSchool: '浙江财经大学财政学专业',
      partTimeEducation: null,
      position: '青山镇党委委员、组织委员',
      unitId: w.qingshan,
      resume:
        '2010.09--2014.07  浙江财经大学财政学专业学习\n2014.07--2019.03  白水镇财政所科员\n2019.03--  青山镇党委委员、组织委员',
      family: [
        { relation: '丈夫', name: '陈某', birth: '199002', political: '中共党员', work: '测试县教育局科员' },
        { relation: '母亲', name: '王某', birth: '196503', political: '群众', work: '退休' },
      ],
    });
    expect(await person('吴岚')).toMatchObject({ unitId: w.baishui, politicalStatus: '民进会员', partyJoinDate: null });
  });

  it('exports one cadre as .lrmx that imports back unchanged', async () => {
    const { xml } = await exportLrmx(deps, LRMX_IDS.zhoulin);
    expect(xml).toContain('<XingMing>周琳</XingMing>');
    expect(xml).toContain('<ChuShengNianYue>199109</ChuShengNianYue>');
    const sheet = lrmxSheet([{ name: '周琳.lrmx', data: Buffer.from(xml) }]);
    if (typeof sheet === 'string') throw new Error(sheet);
    const r = await importRoster(deps, sheet, { countyIds: [w.a] });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 1 });
  });

  it('draws the Word 干部任免审批表 like the printed form: grid, 简历, family, signature rows', async () => {
    const { person: p } = await exportLrmx(deps, '周琳');
    const zipped = await JSZip.loadAsync(await appointmentFormDocx(p, '2026-12-03'));
    const xml = await zipped.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(1);
    for (const label of [
      '干部任免审批表',
      '姓名',
      '出生年月',
      '照片',
      '全日制教育',
      '在职教育',
      '现任职务',
      '拟任职务',
    ]) {
      expect(text).toContain(label);
    }
    for (const label of [
      '简',
      '奖惩情况',
      '年度考核',
      '任免理由',
      '家庭主要成员及重要社会关系',
      '呈报单位',
      '审批机关',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain('|周琳|');
    expect(text).toContain('1991.09');
    expect(text).toContain('（35岁）');
    expect(text).toContain('2014.07--2019.03  白水镇财政所科员');
    expect(text).toContain('|丈夫|陈某|');
    expect(text).toContain('测试县教育局科员');
    expect(text).toContain('填表时间：2026年12月3日');
  });

  it.each([
    ['1991-09-23', '2026-09-22', 34],
    ['1991-09-23', '2026-09-23', 35],
    ['2000-02-29', '2026-02-28', 25],
  ])('ageOn(%s, %s) = %i', (birth, asOf, age) => {
    expect(ageOn(birth, asOf)).toBe(age);
  });

  it('an org_admin exports only his county’s cadres; an empty name is explained', async () => {
    const admin = await loadActor(handle.db, w.adminId, '2026-11-30');
    expect((await exportLrmx(deps, '周琳', { actor: admin })).name).toBe('周琳');
    await handle.db.update(people).set({ unitId: w.otherQingshan }).where(eq(people.name, '吴岚'));
    await expect(exportLrmx(deps, '吴岚', { actor: admin })).rejects.toThrow('未找到“吴岚”（仅限本县干部）');
    expect((await exportLrmx(deps, '吴岚')).name).toBe('吴岚');
    await expect(exportLrmx(deps, '  ', { actor: admin })).rejects.toThrow('请写明干部姓名或身份证号');
  });

  it('a post without a known unit, and a file that is not an .lrmx, say what to do', async () => {
    const sheet = lrmxSheet([
      { name: '某人.lrmx', data: lrmx({ name: '某人', birth: '199505', post: '红旗镇副镇长', party: '201801' }) },
    ]);
    if (typeof sheet === 'string') throw new Error(sheet);
    const r = await importRoster(deps, sheet, { countyIds: [w.a] });
    expect(r.errors).toEqual([
      {
        sheet: '某人.lrmx',
        row: 1,
        column: '职务（XianRenZhiWu）',
        message: expect.stringContaining('现任职务“红旗镇副镇长”中没有系统中的单位名称'),
      },
    ]);
    expect(lrmxSheet([{ name: 'x.lrmx', data: Buffer.from('<a/>') }])).toBe('“x.lrmx”不是干部任免审批表（.lrmx）');
    expect(lrmxFiles('a.zip', Buffer.from('not a zip'))).toBe('压缩包已损坏，请重新打包为 .zip 后发送');
  });
});
