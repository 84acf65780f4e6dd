/** Reading the 结对帮带 import sheet (pure apart from exceljs): header detection and cell text. */
import ExcelJS from 'exceljs';

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
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v).trim();
}

/** A sheet is a mentoring import when its first row has both 导师 and 帮带对象. */
export function isMentoringHeader(header: string[]): boolean {
  return header.includes(IMPORT_HEADERS.mentor) && header.includes(IMPORT_HEADERS.mentee);
}

export async function readWorkbook(data: Buffer): Promise<ExcelJS.Worksheet | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as any);
  } catch {
    return null;
  }
  return wb.worksheets[0] ?? null;
}

export function headerOf(ws: ExcelJS.Worksheet): string[] {
  const row = ws.getRow(1);
  const out: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) out.push(cellText(row.getCell(c).value));
  return out;
}

/** Data rows (blank rows skipped), with cells mapped by header name. */
export function sheetRows(ws: ExcelJS.Worksheet): SheetRow[] {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const rows: SheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (name: string) => (col(name) > 0 ? cellText(row.getCell(col(name)).value) : '');
    const out: SheetRow = {
      line: r,
      mentor: get(IMPORT_HEADERS.mentor),
      mentorKey: get(IMPORT_HEADERS.mentorKey),
      mentee: get(IMPORT_HEADERS.mentee),
      menteeKey: get(IMPORT_HEADERS.menteeKey),
      startDate: get(IMPORT_HEADERS.startDate),
      plan: get(IMPORT_HEADERS.plan),
    };
    if (Object.entries(out).some(([k, v]) => k !== 'line' && v !== '')) rows.push(out);
  }
  return rows;
}
