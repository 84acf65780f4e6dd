import type { XlsxBook, XlsxCell, XlsxRow } from '../../../xlsx/xlsx.book.js';
import { readXlsx } from '../../../xlsx/xlsx.read.js';
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

/** A sheet cell as the readers keep it (the parse already unwrapped rich text, formulas, hyperlinks). */
export const toCell = (c: XlsxCell): Cell =>
  c.formula === undefined ? { value: c.value, numFmt: c.numFmt } : { value: null, formula: c.formula };

/** Kept for the readers' header scans: a parsed cell value is already a primitive. */
export const primitive = (v: XlsxCell['value']): Cell['value'] => v;

function headerFields(row: XlsxRow) {
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

/** Opens an xlsx file within the upload limits (or takes one already opened); else a Chinese refusal. */
export async function loadWorkbook(data: Buffer | XlsxBook): Promise<XlsxBook> {
  return Buffer.isBuffer(data) ? readXlsx(data) : data;
}

/** Finds the first sheet whose header row (within the first rows, after any title) names 姓名. */
export function findRosterSheet(wb: XlsxBook): RosterSheet | null {
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
      const { fields, ignored } = headerFields(ws.getRow(r));
      if (!fields.has('name') || fields.size < 2) continue;
      const rows: SheetRow[] = [];
      ws.eachRow((row, rowNumber) => {
        if (rowNumber <= r) return;
        const cells = new Map<number, Cell>();
        row.eachCell((cell, col) => {
          cells.set(col, toCell(cell));
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
