import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentoringPairs } from '../../../src/db/schema/mentoring.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { importPairs } from '../../../src/domain/mentoring/mentoring.import.js';
import { headerOf, isMentoringHeader, readWorkbook, sheetRows } from '../../../src/domain/mentoring/mentoring.xlsx.js';
import { person } from '../talks/builders.js';
import { buildWorld, type World } from '../talks/world.js';

let w: World;
beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
  // Two people named 小白: the second one is in 二镇 and not eligible.
  await person(w.bot.handle.db, '小白', { unitId: w.units.t2, birthDate: '1970-01-01' });
});
afterAll(async () => w.bot.close());

async function xlsx(
  rows: (string | Date)[][],
  header = ['导师', '帮带对象', '开始日期', '帮带计划', '帮带对象身份证号'],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('结对');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function run(data: Buffer) {
  const ws = await readWorkbook(data);
  if (!ws) throw new Error('not a workbook');
  return importPairs(w.bot.deps, w.ids.管理员, sheetRows(ws), { eventId: 'ev1', fileName: '结对.xlsx' });
}

describe('结对帮带 xlsx import', () => {
  it('recognises its sheet by the header and ignores other files', async () => {
    expect(isMentoringHeader(headerOf((await readWorkbook(await xlsx([])))!))).toBe(true);
    expect(isMentoringHeader(headerOf((await readWorkbook(await xlsx([], ['姓名', '单位'])))!))).toBe(false);
    expect(await readWorkbook(Buffer.from('not an xlsx'))).toBeNull();
  });

  it('rejects the whole file with one message per bad row, writing nothing', async () => {
    const data = await xlsx([
      ['县领导', '二镇青', '2026-11-01', '思想引导'],
      ['县领导', '小白', '2026-11-01', ''],
      ['查无此人', '二镇青', '', ''],
      ['主任', '阿满', '', ''],
      ['', '', '', ''],
      ['二镇主', '二镇青', '2026/13/01', ''],
      ['二镇主', '二镇青', '2026.11.2', ''],
    ]);
    const r = await run(data);
    expect(r.written).toBe(0);
    expect(r.errors).toEqual([
      { line: 3, message: '帮带对象「小白」有重名，请填写帮带对象身份证号' },
      { line: 4, message: '未找到导师「查无此人」' },
      { line: 5, message: '阿满不在结对帮带范围内（需为35周岁以下的高学历干部、选调生或省市派挂职干部）' },
      { line: 7, message: '开始日期格式应为 YYYY-MM-DD' },
      { line: 8, message: '帮带对象与第 2 行重复' },
    ]);
    expect(await w.bot.handle.db.select().from(mentoringPairs)).toEqual([]);
  });

  it('writes every row in one transaction when all are valid', async () => {
    const [xb] = await w.bot.handle.db.select({ key: people.personKey }).from(people).where(eq(people.id, w.ids.小白));
    const data = await xlsx([
      ['县领导', '二镇青', new Date('2026-11-02T00:00:00Z'), '思想引导'],
      ['主任', '小白', '2026-11-01', '', xb.key],
    ]);
    const r = await run(data);
    expect(r).toEqual({ total: 2, written: 2, errors: [] });
    const pairs = await w.bot.handle.db.select().from(mentoringPairs).orderBy(mentoringPairs.id);
    expect(pairs.map((p) => [p.mentorPersonId, p.menteePersonId, p.startDate, p.plan])).toEqual([
      [w.ids.县领导, w.ids.二镇青, '2026-11-02', '思想引导'],
      [w.ids.主任, w.ids.小白, '2026-11-01', null],
    ]);
    const audits = await w.bot.handle.db.select().from(auditLog);
    expect(audits.map((a) => a.action).sort()).toEqual(['mentoring.import', 'mentoring.pair', 'mentoring.pair']);
  });

  it('an empty sheet is an error', async () => {
    expect((await run(await xlsx([]))).errors).toEqual([{ line: 1, message: '文件中没有数据行' }]);
  });
});
