/**
 * `导出 问题线索 / 台账 [时间范围]`: the older ledgers take the same optional range as 报告's ledgers — empty means
 * everything; a bad range is explained in Chinese and nothing is sent; the role is checked first.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clues, ledgerEntries, ledgerTasks } from '../../../src/db/schema/clues.js';
import { auditLog } from '../../../src/db/schema/org.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import { ledgerCapability } from '../../../src/domain/ledger/ledger.handlers.js';
import { exportRange } from '../../../src/domain/org/org.exports.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, person, unit } from '../talks/builders.js';
import { lastOutboxId, say, sent } from '../talks/world.js';

describe('exportRange', () => {
  it.each([
    ['', null],
    ['.xlsx', null],
    ['2025', { from: '2025-01-01', to: '2025-12-31' }],
    ['2026', { from: '2026-01-01', to: '2026-12-03' }],
    ['2026-1-1 2026-6-30', { from: '2026-01-01', to: '2026-06-30' }],
    ['2026-01-01 至 2026-06-30.xlsx', { from: '2026-01-01', to: '2026-06-30' }],
  ])('%j → %j', (args, want) => {
    expect(exportRange('台账', args, '2026-12-03')).toEqual(want);
  });
  it.each([
    ['2026-06-30 2026-01-01', '早于开始日期'],
    ['2027', '尚未开始'],
    ['上半年', '时间范围格式：导出 台账（全部）'],
    ['2026-02-30', '时间范围格式'],
  ])('%j is refused: %s', (args, msg) => {
    expect(() => exportRange('台账', args, '2026-12-03')).toThrow(msg);
  });
});

describe('导出 问题线索 / 台账 with a range, through the chat', () => {
  let bot: TestBot;
  const open = { admin: 'ou_admin', cadre: 'ou_cadre' };
  beforeAll(async () => {
    bot = await createTestBot({
      now: new Date('2026-12-03T09:00:00+08:00'),
      capabilities: [org, cluesCapability, ledgerCapability],
    });
    const db = bot.handle.db;
    const county = await unit(db, '测试县', { kind: 'county' });
    const admin = await person(db, '管理员', { unitId: county, birthDate: '1980-01-01', openId: open.admin });
    const cadre = await person(db, '阿满', { unitId: county, birthDate: '1996-03-03', openId: open.cadre });
    await grant(db, admin.id, 'org_admin', county);
    const at = new Date('2026-01-01T09:00:00+08:00');
    const clue = (reportedOn: string) => ({
      countyId: county,
      cadrePersonId: cadre.id,
      source: 'petition' as const,
      summary: '虚构线索',
      severity: 'minor' as const,
      reporterPersonId: admin.id,
      reportedOn,
      step: 'closed' as const,
      stepSince: reportedOn,
      createdAt: at,
      updatedAt: at,
    });
    await db.insert(clues).values([clue('2025-11-02'), clue('2026-03-04'), clue('2026-09-10')]);
    const [task] = await db
      .insert(ledgerTasks)
      .values({ countyId: county, name: '乡村振兴', startOn: '2025-01-01', createdAt: at, updatedAt: at })
      .returning({ id: ledgerTasks.id });
    const entry = (entryOn: string) => ({
      taskId: task.id,
      cadrePersonId: cadre.id,
      role: '队员',
      rating: 'good' as const,
      facts: '虚构事实',
      entryOn,
      createdAt: at,
      updatedAt: at,
    });
    await db.insert(ledgerEntries).values([entry('2025-12-01'), entry('2026-02-01'), entry('2026-07-01')]);
  });
  afterAll(async () => bot?.close());

  async function ask(openId: string, text: string) {
    const before = await lastOutboxId(bot);
    await say(bot, openId, text);
    return sent(bot, before);
  }
  async function sheetRows(rows: Awaited<ReturnType<typeof ask>>) {
    const file = rows.find((r) => r.kind === 'file')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.fileBase64!, 'base64') as any);
    return { name: file.fileName, n: wb.worksheets[0].actualRowCount - 1 };
  }

  it.each([
    ['导出 问题线索', '问题线索_2026-12-03.xlsx', 3],
    ['导出 问题线索 2026', '问题线索_2026-01-01_2026-12-03.xlsx', 2],
    ['导出 问题线索 2026-01-01 2026-06-30', '问题线索_2026-01-01_2026-06-30.xlsx', 1],
    ['导出 台账', '跟踪考核台账_2026-12-03.xlsx', 3],
    ['导出 台账 2025', '跟踪考核台账_2025-01-01_2025-12-31.xlsx', 1],
    ['导出 台账 2026-01-01 2026-12-31', '跟踪考核台账_2026-01-01_2026-12-03.xlsx', 2],
  ])('%s → %s with %i rows', async (text, name, n) => {
    expect(await sheetRows(await ask(open.admin, text))).toEqual({ name, n });
  });

  it('导出 任免审批表 <姓名> sends the .lrmx and the Word form privately, audited; a cadre is refused', async () => {
    const rows = await ask(open.admin, '导出 任免审批表 阿满');
    const files = rows.filter((r) => r.kind === 'file');
    expect(files.map((f) => [f.target, f.fileName])).toEqual([
      [open.admin, '干部任免审批表_阿满.lrmx'],
      [open.admin, '干部任免审批表_阿满.docx'],
    ]);
    expect(Buffer.from(files[0].fileBase64!, 'base64').toString('utf8')).toContain('<XingMing>阿满</XingMing>');
    expect(Buffer.from(files[1].fileBase64!, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(JSON.stringify(rows.find((r) => r.kind !== 'file')!.content)).toContain('任免审批表已导出');
    const audited = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'person.export.lrmx'));
    expect(audited).toHaveLength(1);
    const refused = await ask(open.cadre, '导出 任免审批表 阿满');
    expect(refused.map((r) => r.kind)).toEqual(['reply']);
    expect(JSON.stringify(refused[0].content)).toContain('只有组织部门可以导出任免审批表');
    const unknown = await ask(open.admin, '导出 任免审批表 无此人');
    expect(unknown.map((r) => r.kind)).toEqual(['reply']);
    expect(JSON.stringify(unknown[0].content)).toContain('未找到“无此人”');
  });

  it('a bad range is explained and nothing is sent; a cadre is refused before the range is read', async () => {
    const bad = await ask(open.admin, '导出 问题线索 2026-06-30 2026-01-01');
    expect(bad.map((r) => r.kind)).toEqual(['reply']);
    expect(JSON.stringify(bad[0].content)).toContain('早于开始日期');
    const refused = await ask(open.cadre, '导出 台账 上半年');
    expect(refused.map((r) => r.kind)).toEqual(['reply']);
    expect(JSON.stringify(refused[0].content)).toContain('台账导出仅限组织部门');
  });
});
