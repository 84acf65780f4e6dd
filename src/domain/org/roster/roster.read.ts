import ExcelJS from 'exceljs';
import { invalid } from '../../../errors.js';
import type { Cell } from './roster.cells.js';
import { columnForHeader, type RosterField } from './roster.columns.js';

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  rowNumber: number;
  cells: Map<number, Cell>;
}

export interface RosterSheet {
  sheetName: string;
  headerRow: number;
  /** Column number → field, for the recognised headers. */
  fields: Map<RosterField, { col: number; header: string }>;
  /** Headers that are not roster columns (ignored, listed in the report). */
  ignored: string[];
  rows: SheetRow[];
}

const HEADER_SEARCH_ROWS = 10;

/** A cell value as a primitive: rich text, formulas, hyperlinks and errors unwrapped (every xlsx reader uses it). */
export function primitive(v: ExcelJS.CellValue): Cell['value'] {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return primitive(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

function headerFields(row: ExcelJS.Row) {
  const fields = new Map<RosterField, { col: number; header: string }>();
  const ignored: string[] = [];
  row.eachCell((cell, col) => {
    const text = String(primitive(cell.value) ?? '').trim();
    if (!text) return;
    const c = columnForHeader(text);
    if (c && !fields.has(c.field)) fields.set(c.field, { col, header: text });
    else ignored.push(text);
  });
  return { fields, ignored };
}

/** Opens an xlsx file; anything else is a clear Chinese refusal. */
export async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('无法读取该文件，请确认是 Excel .xlsx 文件（.xls 请先另存为 .xlsx）');
  }
  return wb;
}

/** Finds the first sheet whose header row (within the first rows, after any title) names 姓名. */
export function findRosterSheet(wb: ExcelJS.Workbook): RosterSheet | null {
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const { fields, ignored } = headerFields(ws.getRow(r));
      if (!fields.has('name') || fields.size < 2) continue;
      const rows: SheetRow[] = [];
      ws.eachRow((row, rowNumber) => {
        if (rowNumber <= r) return;
        const cells = new Map<number, Cell>();
        row.eachCell((cell, col) => {
          cells.set(col, { value: primitive(cell.value), numFmt: cell.numFmt });
        });
        rows.push({ rowNumber, cells });
      });
      return { sheetName: ws.name, headerRow: r, fields, ignored, rows };
    }
  }
  return null;
}

/** A roster needs 姓名 plus 出生年月 or 单位 — enough to tell it from other spreadsheets sent to the bot. */
export function looksLikeRoster(sheet: RosterSheet | null): sheet is RosterSheet {
  return !!sheet && sheet.fields.has('name') && (sheet.fields.has('birthDate') || sheet.fields.has('unit'));
}
