/** Finding 11 (export side): text that a spreadsheet would run as a formula is written with a ' prefix. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rosterWorkbook } from '../../../src/domain/org/roster/roster.export.js';
import { readXlsx } from '../../../src/xlsx/xlsx.read.js';
import { safeRow, safeText } from '../../../src/xlsx/xlsx.write.js';

describe('formula injection in exports', () => {
  it.each([
    ['=HYPERLINK("http://x","点我")', `'=HYPERLINK("http://x","点我")`],
    ['+86 139', "'+86 139"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['青山镇', '青山镇'],
    ['a=b', 'a=b'],
  ])('%j → %j', (raw, safe) => expect(safeText(raw)).toBe(safe));

  it('leaves numbers, dates and empty cells alone', () => {
    const d = new Date(Date.UTC(2020, 0, 1));
    expect(safeRow([-5, d, null, '=x'])).toEqual([-5, d, null, "'=x"]);
  });

  it('the roster export writes them as text with the prefix, and the import reads them back as typed', async () => {
    const row = ['=1+1', '男', '1990-01', '', '大学', '@青山镇', '-科员'];
    const data = await rosterWorkbook([row as never]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const r2 = wb.worksheets[0].getRow(2);
    expect(r2.getCell(1).value).toBe("'=1+1");
    expect(r2.getCell(6).value).toBe("'@青山镇");
    expect(r2.getCell(7).value).toBe("'-科员");
    const back = await readXlsx(data);
    const cells = back.worksheets[0].getRow(2);
    expect([cells.getCell(1).value, cells.getCell(6).value, cells.getCell(7).value]).toEqual([
      '=1+1',
      '@青山镇',
      '-科员',
    ]);
  });
});
