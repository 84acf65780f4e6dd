/** Assignments, reports and the xlsx import: every bad input refused in Chinese with nothing written. */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import {
  dispatchAssignments,
  dispatchAttachments,
  dispatchBatches,
  dispatchReports,
  dispatchReportVersions,
  dispatchStatusHistory,
} from '../../../src/db/schema/dispatches.js';
import { auditLog } from '../../../src/db/schema/org.js';
import { confirmImport, previewImport, sheetRows } from '../../../src/domain/dispatches/dispatches.import.js';
import { reportStatus } from '../../../src/domain/dispatches/dispatches.queries.js';
import {
  attachFile,
  changeStatus,
  createAssignment,
  submitReport,
} from '../../../src/domain/dispatches/dispatches.service.js';
import { readXlsx } from '../../../src/xlsx/xlsx.read.js';
import { T0 } from '../../helpers/stamps.js';
import { buildWorld, type World } from '../talks/world.js';

let w: World;
let batchId: number;
const deps = () => w.bot.deps;
const count = async (t: any) =>
  Number(rowsOf<{ n: number }>(await w.bot.handle.db.execute(sql`select count(*)::int as n from ${t}`))[0].n);

beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
  const [b] = await w.bot.handle.db
    .insert(dispatchBatches)
    .values({
      countyId: w.units.county,
      kind: 'first_secretary',
      name: '第六批',
      startDate: '2026-03-01',
      endDate: '2027-02-28',
      cadence: 'monthly',
      ...T0,
    })
    .returning();
  batchId = b.id;
});
afterAll(async () => w.bot.close());

const input = (o: Partial<Parameters<typeof createAssignment>[2]> = {}) => ({
  personId: w.ids.阿满,
  batchId,
  destUnitId: w.units.t2,
  destPlace: '石门村',
  hostUnitName: '二镇',
  hostContactPersonId: w.ids.二镇主,
  startDate: '2026-03-01',
  plannedEnd: '2027-02-28',
  ...o,
});

describe('assignments', () => {
  it('creates one with its first status row; a second overlapping one is refused', async () => {
    const id = await createAssignment(deps(), w.ids.管理员, input());
    expect(await count(dispatchStatusHistory)).toBe(1);
    await expect(createAssignment(deps(), w.ids.管理员, input({ startDate: '2026-06-01' }))).rejects.toThrow(
      '该干部在此期间已有选派（驻村第一书记 第六批），同一时间只能有一项选派',
    );
    expect(await count(dispatchAssignments)).toBe(1);
    expect(id).toBeGreaterThan(0);
  });

  it.each([
    [{ plannedEnd: '2026-02-01' }, '计划结束日期早于开始日期'],
    [{ destUnitId: null, destPlace: null }, '派驻地不是本县单位，请填写县外地点（如 浏阳市）和接收单位'],
  ])('refuses %j', async (change, message) => {
    const before = await count(dispatchAssignments);
    await expect(createAssignment(deps(), w.ids.管理员, input({ ...change, personId: w.ids.小白 }))).rejects.toThrow(
      message,
    );
    expect(await count(dispatchAssignments)).toBe(before);
  });

  it('is for org_admin only', async () => {
    await expect(createAssignment(deps(), w.ids.主任, input({ personId: w.ids.小白 }))).rejects.toThrow(
      '选派管理仅限组织部门',
    );
  });

  it('records 延期 and 提前召回 in the status history', async () => {
    const id = await createAssignment(
      deps(),
      w.ids.管理员,
      input({
        personId: w.ids.二镇青,
        destUnitId: w.units.t1,
        hostContactPersonId: w.ids.主任,
        plannedEnd: '2026-12-31',
      }),
    );
    await changeStatus(deps(), w.ids.管理员, id, 'extended', '2026-11-30', { newEnd: '2027-03-31' });
    await expect(
      changeStatus(deps(), w.ids.管理员, id, 'extended', '2026-11-30', { newEnd: '2027-01-31' }),
    ).rejects.toThrow('延期后的结束日期应晚于原计划结束日期');
    await changeStatus(deps(), w.ids.管理员, id, 'recalled', '2026-11-30');
    const h = await w.bot.handle.db
      .select()
      .from(dispatchStatusHistory)
      .where(eq(dispatchStatusHistory.assignmentId, id));
    expect(h.map((x) => [x.status, x.plannedEnd])).toEqual([
      ['on_post', '2026-12-31'],
      ['extended', '2027-03-31'],
      ['recalled', '2027-03-31'],
    ]);
    await expect(changeStatus(deps(), w.ids.管理员, id, 'completed', '2026-12-01')).rejects.toThrow(
      '该选派已结束，不能再变更状态',
    );
  });
});

describe('work reports', () => {
  const report = (o: Partial<Parameters<typeof submitReport>[2]> = {}) => ({
    assignmentId: 0,
    periodKey: '2026-11',
    kind: 'report' as const,
    workDone: '走访农户 30 户',
    problems: null,
    helpNeeded: null,
    nextSteps: null,
    ...o,
  });
  let asg: number;
  beforeAll(async () => {
    [{ id: asg }] = await w.bot.handle.db
      .select({ id: dispatchAssignments.id })
      .from(dispatchAssignments)
      .where(eq(dispatchAssignments.personId, w.ids.阿满));
  });

  it('refuses a period the cadre was not dispatched, a future one, and a report by someone else (audited)', async () => {
    await expect(submitReport(deps(), w.ids.阿满, report({ assignmentId: asg, periodKey: '2026-02' }))).rejects.toThrow(
      '2026-02 不在您的选派期内，不能提交该期报告',
    );
    await expect(submitReport(deps(), w.ids.阿满, report({ assignmentId: asg, periodKey: '2027-01' }))).rejects.toThrow(
      '该期报告尚未开始，不能提前提交',
    );
    await expect(submitReport(deps(), w.ids.主任, report({ assignmentId: asg }), 'ev_forged')).rejects.toThrow(
      '只能由选派干部本人填写自己的工作报告',
    );
    const denied = await w.bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'dispatch.report.denied'));
    expect(denied.map((d) => d.actorPersonId)).toEqual([w.ids.主任]);
    expect(await count(dispatchReports)).toBe(0);
  });

  it('submits, corrects with history until the period closes, then refuses', async () => {
    const r1 = await submitReport(deps(), w.ids.阿满, report({ assignmentId: asg }));
    const r2 = await submitReport(deps(), w.ids.阿满, report({ assignmentId: asg, workDone: '走访农户 32 户' }));
    expect([r1.version, r2.version]).toEqual([1, 2]);
    const versions = await w.bot.handle.db
      .select()
      .from(dispatchReportVersions)
      .where(eq(dispatchReportVersions.reportId, r1.id));
    expect(versions.map((v) => v.content.workDone)).toEqual(['走访农户 30 户', '走访农户 32 户']);
    w.bot.clock.freeze(new Date('2026-12-01T10:00:00+08:00'));
    await expect(submitReport(deps(), w.ids.阿满, report({ assignmentId: asg, workDone: '改' }))).rejects.toThrow(
      '该期已结束，报告不能再修改',
    );
    w.bot.clock.freeze(new Date('2026-11-30T10:00:00+08:00'));
  });

  it('refuses attachments of a wrong type, over the limit, or to another cadre’s report, writing nothing', async () => {
    const [r] = await w.bot.handle.db.select().from(dispatchReports);
    await expect(attachFile(deps(), w.ids.阿满, r.id, { fileName: 'a.exe', data: Buffer.from('x') })).rejects.toThrow(
      '附件类型不允许',
    );
    await expect(
      attachFile(deps(), w.ids.阿满, r.id, { fileName: 'a.png', data: Buffer.alloc(10 * 1024 * 1024 + 1) }),
    ).rejects.toThrow('附件超过 10 MB 的大小限制');
    await expect(attachFile(deps(), w.ids.小白, r.id, { fileName: 'a.png', data: Buffer.from('x') })).rejects.toThrow(
      '只能为本人的工作报告上传附件',
    );
    expect(await count(dispatchAttachments)).toBe(0);
    await attachFile(deps(), w.ids.阿满, r.id, { fileName: '照片.png', data: Buffer.from('png') });
    expect(await count(dispatchAttachments)).toBe(1);
  });

  it('computes the report status of every assignment in one query', async () => {
    const rows = await reportStatus(w.bot.handle.db, '2026-11-30');
    const mine = rows.filter((r) => r.personId === w.ids.阿满).map((r) => [r.periodKey, r.due, r.submitted]);
    expect(mine).toEqual([
      ['2026-10', '2026-10-31', false],
      ['2026-11', '2026-11-30', true],
    ]);
  });
});

async function xlsx(
  rows: string[][],
  header = ['姓名', '选派类别', '批次', '派驻单位', '县外地点', '接收单位', '开始日期', '计划结束日期'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('选派');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const book = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  return sheetRows(book.worksheets[0]);
}

describe('xlsx import: preview, then 确认导入, all or nothing', () => {
  it('lists every bad row in Chinese and writes nothing', async () => {
    const before = await count(dispatchAssignments);
    const rows = await xlsx([
      ['小白', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2027-03-01', '2027-05-31'],
      ['小白', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2027-04-01', '2027-06-30'],
      ['查无此人', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2027-03-01', '2027-05-31'],
      ['副手', '外出跟岗学习', '第一批', '长沙县', '', '', '2027-03-01', '2027-05-31'],
      ['主任', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2027-05-31', '2027-03-01'],
      ['阿满', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2026-12-01', '2027-01-31'],
      ['二镇主', '出国', '第一批', '', '浏阳市', '浏阳市发改局', '2027-03-01', '2027-05-31'],
    ]);
    const r = await previewImport(deps(), w.ids.管理员, w.units.county, rows, '选派.xlsx');
    expect(r.draftId).toBeNull();
    expect(r.errors).toEqual([
      { line: 3, message: '与第 2 行是同一干部，选派时间重叠' },
      { line: 4, message: '未找到干部「查无此人」' },
      { line: 5, message: '派驻单位「长沙县」不是本县单位，县外派驻请填写县外地点（如 浏阳市）和接收单位' },
      { line: 6, message: '计划结束日期早于开始日期' },
      { line: 7, message: '该干部在此期间已有选派（驻村第一书记 第六批），同一时间只能有一项选派' },
      {
        line: 8,
        message:
          '选派类别「出国」无效（可填：驻村第一书记、社会管理工作指导员、党建指导员、基层一线、上级跟班学习、外出跟岗学习）',
      },
    ]);
    expect(await count(dispatchAssignments)).toBe(before);
  });

  it('previews a clean file; only its author confirms; all rows written once', async () => {
    const before = await count(dispatchAssignments);
    const rows = await xlsx([
      ['小白', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳市发改局', '2027-03-01', '2027-05-31'],
      ['主任', '外出跟岗学习', '第一批', '', '浏阳市', '浏阳经开区', '2027-03-01', '2027-05-31'],
    ]);
    const p = await previewImport(deps(), w.ids.管理员, w.units.county, rows, '选派.xlsx');
    expect(p.groups).toEqual([{ batch: '第一批', count: 2 }]);
    expect(await count(dispatchAssignments)).toBe(before);
    await expect(confirmImport(deps(), w.ids.主任, p.draftId!, 'ev_x')).rejects.toThrow('只能确认本人上传的导入');
    const c = await confirmImport(deps(), w.ids.管理员, p.draftId!, 'ev_ok');
    expect(c.written).toBe(2);
    expect(await count(dispatchAssignments)).toBe(before + 2);
    await expect(confirmImport(deps(), w.ids.管理员, p.draftId!, 'ev_again')).rejects.toThrow(
      '该文件已导入，无需重复确认',
    );
    const [b] = await w.bot.handle.db.select().from(dispatchBatches).where(eq(dispatchBatches.kind, 'rotation'));
    expect([b.name, b.startDate, b.endDate]).toEqual(['第一批', '2027-03-01', '2027-05-31']);
  });

  it('re-checks on confirm: a row no longer valid refuses the whole file', async () => {
    const rows = await xlsx([['副手', '基层一线', '第一批', '二镇', '', '', '2027-01-01', '2027-06-30']]);
    const p = await previewImport(deps(), w.ids.管理员, w.units.county, rows, '一线.xlsx');
    await createAssignment(
      deps(),
      w.ids.管理员,
      input({ personId: w.ids.副手, startDate: '2027-03-01', plannedEnd: '2027-03-31', hostContactPersonId: null }),
    );
    const before = await count(dispatchAssignments);
    const c = await confirmImport(deps(), w.ids.管理员, p.draftId!, 'ev_re');
    expect(c.written).toBe(0);
    expect(c.errors[0].message).toContain('同一时间只能有一项选派');
    expect(await count(dispatchAssignments)).toBe(before);
  });
});

describe('选派台账 / 选派报告 exports with a time range', () => {
  it('keeps dispatches that overlap the range and reports due within it; no range keeps everything', async () => {
    const { ledgerWorkbook, reportStatusWorkbook } = await import(
      '../../../src/domain/dispatches/dispatches.export.js'
    );
    const c = w.units.county;
    // Five dispatches: two from 2026-03-01 (one ended 2026-11-30), three starting 2027-03-01 (the import tests).
    expect((await ledgerWorkbook(deps(), c)).rows).toBe(5);
    expect((await ledgerWorkbook(deps(), c, { from: '2026-01-01', to: '2026-11-30' })).rows).toBe(2);
    expect((await ledgerWorkbook(deps(), c, { from: '2025-01-01', to: '2025-12-31' })).rows).toBe(0);
    // Ended on 2026-11-30, and the first one's plan ends 2027-02-28: only the three new ones in March 2027.
    expect((await ledgerWorkbook(deps(), c, { from: '2027-03-01', to: '2027-03-31' })).rows).toBe(3);
    // Reports due 2026-10-31 (×2) and 2026-11-30 (×2).
    expect((await reportStatusWorkbook(deps(), c)).rows).toBe(4);
    expect((await reportStatusWorkbook(deps(), c, { from: '2026-11-01', to: '2026-11-30' })).rows).toBe(2);
  });
});
