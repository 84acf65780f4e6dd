/** Reading the 结对帮带 import sheet (pure): header detection and cell text. */
import { FORMULA_WITHOUT_VALUE, type XlsxBook, type XlsxSheet } from '../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../xlsx/xlsx.cells.js';
import { readXlsx } from '../../xlsx/xlsx.read.js';

export { headerOf };

export const IMPORT_HEADERS = {
  mentor: '导师',
  mentorKey: '导师身份证号',
  mentee: '帮带对象',
  menteeKey: '帮带对象身份证号',
  startDate: '开始日期',
  plan: '帮带计划',
} as const;

export interface SheetRow {
  /** Row number in the sheet (as the user sees it). */
  line: number;
  mentor: string;
  mentorKey: string;
  mentee: string;
  menteeKey: string;
  startDate: string;
  plan: string;
  /** Why the row cannot be read (a formula without a stored result), if so. */
  problem?: string;
}

/** A sheet is a mentoring import when its first row has both 导师 and 帮带对象. */
export function isMentoringHeader(header: string[]): boolean {
  return header.includes(IMPORT_HEADERS.mentor) && header.includes(IMPORT_HEADERS.mentee);
}

/** The first sheet of an xlsx within the upload limits; null when the file cannot be read. */
export async function readWorkbook(data: Buffer | XlsxBook): Promise<XlsxSheet | null> {
  const wb = Buffer.isBuffer(data) ? await readXlsx(data).catch(() => null) : data;
  return wb?.worksheets[0] ?? null;
}

/** Data rows (blank rows skipped), with cells mapped by header name. */
export function sheetRows(ws: XlsxSheet): SheetRow[] {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (name: string) => (col(name) > 0 ? cellText(row.getCell(col(name))) : '');
    const formula = Object.values(IMPORT_HEADERS).find((h) => col(h) > 0 && row.getCell(col(h)).formula !== undefined);
    const out: SheetRow = {
      line: r,
      mentor: get(IMPORT_HEADERS.mentor),
      mentorKey: get(IMPORT_HEADERS.mentorKey),
      mentee: get(IMPORT_HEADERS.mentee),
      menteeKey: get(IMPORT_HEADERS.menteeKey),
      startDate: get(IMPORT_HEADERS.startDate),
      plan: get(IMPORT_HEADERS.plan),
    };
    if (formula) out.problem = `“${formula}”${FORMULA_WITHOUT_VALUE}`;
    if (formula || Object.entries(out).some(([k, v]) => k !== 'line' && v !== '')) rows.push(out);
  }
  return rows;
}
