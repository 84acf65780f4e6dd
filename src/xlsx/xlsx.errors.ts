/** The full problem list of a rejected import as a workbook (the result card shows only the first rows). */
import { addSafeRows, newWorkbook, workbookBuffer } from './xlsx.write.js';

export interface ProblemRow {
  sheet?: string;
  row: number;
  column?: string;
  message: string;
}

export async function problemsWorkbook(problems: ProblemRow[]): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '工作表', key: 'sheet', width: 14 },
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 16 },
    { header: '问题', key: 'message', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  addSafeRows(
    ws,
    problems.map((p) => ({ sheet: p.sheet ?? '', row: p.row, column: p.column ?? '', message: p.message })),
  );
  return workbookBuffer(wb);
}
