import type { XlsxBook, XlsxRow, XlsxSheet } from '../../../xlsx/xlsx.book.js';
import type { Cell } from '../roster/roster.cells.js';
import { normalizeHeader } from '../roster/roster.columns.js';
import { primitive, type SheetRow, toCell } from '../roster/roster.read.js';
import { SHEETS, type SheetKey, type SheetSpec } from './structure.columns.js';

/** One recognised sheet of a 组织架构 workbook. */
export interface StructureSheet {
  spec: SheetSpec;
  sheetName: string;
  headerRow: number;
  /** Field → its column and the header as written. */
  fields: Map<string, { col: number; header: string }>;
  rows: SheetRow[];
}

export interface StructureWorkbook {
  sheets: Partial<Record<SheetKey, StructureSheet>>;
  /** Sheets that are none of the four (ignored, listed in the report). */
  ignored: string[];
}

const HEADER_SEARCH_ROWS = 10;

function headerFields(row: XlsxRow, spec: SheetSpec) {
  const byHeader = new Map(
    spec.columns.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.field] as const)),
  );
  const fields = new Map<string, { col: number; header: string }>();
  row.eachCell((cell, col) => {
    const text = String(primitive(cell.value) ?? '').trim();
    const field = byHeader.get(normalizeHeader(text));
    if (field && !fields.has(field)) fields.set(field, { col, header: text });
  });
  return fields;
}

function dataRows(ws: XlsxSheet, headerRow: number): SheetRow[] {
  const rows: SheetRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells = new Map<number, Cell>();
    row.eachCell((cell, col) => {
      cells.set(col, toCell(cell));
    });
    rows.push({ rowNumber, cells });
  });
  return rows;
}

/**
 * A sheet of `spec`: with all its signature headers, or named like it with one signature header besides 姓名
 * (so a roster sheet called 班子成员 stays a roster, and a 单位 sheet with a misspelt column is reported).
 */
function matchSheet(ws: XlsxSheet, spec: SheetSpec): StructureSheet | null {
  const named = spec.names.includes(normalizeHeader(ws.name));
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    const fields = headerFields(ws.getRow(r), spec);
    const signed = spec.signature.every((f) => fields.has(f));
    if (signed || (named && spec.signature.some((f) => f !== 'name' && fields.has(f)))) {
      return { spec, sheetName: ws.name, headerRow: r, fields, rows: dataRows(ws, r) };
    }
  }
  return null;
}

/** The 组织架构 sheets of a workbook (each kind once, the first match); null when it has none. */
export function findStructureSheets(wb: XlsxBook): StructureWorkbook | null {
  const out: StructureWorkbook = { sheets: {}, ignored: [] };
  for (const ws of wb.worksheets) {
    let found: StructureSheet | null = null;
    for (const spec of SHEETS) found ??= out.sheets[spec.key] ? null : matchSheet(ws, spec);
    if (found) out.sheets[found.spec.key] = found;
    else if (ws.rowCount > 0 && normalizeHeader(ws.name) !== '填写说明') out.ignored.push(ws.name);
  }
  return Object.keys(out.sheets).length > 0 ? out : null;
}
