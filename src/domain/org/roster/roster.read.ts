/**
 * Layout detection of a roster workbook (issue 16): title rows above the header, one to three header rows
 * (merged or grouped, e.g. 全日制教育 › 学历学位), section rows holding only a unit name that set the unit of
 * the rows below, trailing notes and signatures, placeholder cells (-, —, 无) read as empty, hidden columns,
 * and every sheet that has a roster header.
 */
import type { FamilyMember } from '../../../db/schema/org.js';
import type { XlsxBook, XlsxCell, XlsxRow, XlsxSheet } from '../../../xlsx/xlsx.book.js';
import { readXlsx } from '../../../xlsx/xlsx.read.js';
import { type Cell, cellText, normText } from './roster.cells.js';
import { columnForPath, KNOWN_IGNORED, normalizeHeader, type RosterField, SUBHEADERS } from './roster.columns.js';
import { PLACEHOLDERS, TRAILER } from './roster.vocab.js';

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  rowNumber: number;
  cells: Map<number, Cell>;
  /** The unit named by the section row above (干部花名册 grouped by unit), if any. */
  sectionUnit?: { text: string; row: number };
  /** The sheet, when the workbook has several roster sheets (the file name for .lrmx). */
  sheet?: string;
  /** .lrmx: no unit field; the unit is the longest unit name 现任职务 starts with. */
  unitFromPost?: string;
  /** .lrmx: 简历 lines and family members. */
  resume?: string[];
  family?: FamilyMember[];
}

/** How a column of the file was understood: read into a field, or ignored (and why). */
export interface ColumnReport {
  sheet: string;
  header: string;
  field?: RosterField | 'resume' | 'family';
  hidden?: boolean;
}

export interface RosterSheet {
  sheetName: string;
  /** The first header row; `headerRows` rows from there are headers. */
  headerRow: number;
  headerRows: number;
  /** Column number → field, for the recognised headers. */
  fields: Map<RosterField, { col: number; header: string }>;
  /** Headers that are not roster columns (ignored, listed in the report). */
  ignored: string[];
  columns: ColumnReport[];
  rows: SheetRow[];
  /** Rows recognised as section (unit) rows or trailing notes: not people. */
  skipped: number;
  /** Section rows (a unit name alone): checked against the units like a 单位 cell. */
  sections: { row: number; text: string; sheet: string }[];
  /** Further roster sheets of the same workbook (their rows are already in `rows`). */
  sheets: string[];
}

const HEADER_SEARCH_ROWS = 15;
const MAX_HEADER_ROWS = 3;

/** A sheet cell as the readers keep it (the parse already unwrapped rich text, formulas, hyperlinks). */
export const toCell = (c: XlsxCell): Cell =>
  c.formula === undefined ? { value: c.value, numFmt: c.numFmt } : { value: null, formula: c.formula };

/** Kept for the readers' header scans: a parsed cell value is already a primitive. */
export const primitive = (v: XlsxCell['value']): Cell['value'] => v;

const text = (row: XlsxRow, col: number) => String(primitive(row.getCell(col).value) ?? '').trim();

/** Opens an xlsx file within the upload limits (or takes one already opened); else a Chinese refusal. */
export async function loadWorkbook(data: Buffer | XlsxBook): Promise<XlsxBook> {
  return Buffer.isBuffer(data) ? readXlsx(data) : data;
}

function lastColumn(ws: XlsxSheet, from: number, to: number): number {
  let n = 0;
  for (let r = from; r <= to; r++) n = Math.max(n, ws.getRow(r).cellCount);
  return n;
}

/** The row holds a header naming 姓名 (alone or under a group). */
function nameColumn(row: XlsxRow): number | null {
  let found: number | null = null;
  row.eachCell((cell, col) => {
    if (found === null && columnForPath([String(cell.value ?? '')])?.field === 'name') found = col;
  });
  return found;
}

/** A row below the first header row is a further header row: its cells are header words, not data. */
function continuesHeader(above: XlsxRow, row: XlsxRow, nameCol: number, width: number): boolean {
  const nameCell = text(row, nameCol);
  if (nameCell && normalizeHeader(nameCell) !== normalizeHeader(text(above, nameCol))) return false;
  let headerish = 0;
  let other = 0;
  for (let c = 1; c <= width; c++) {
    const t = text(row, c);
    if (!t) continue;
    const n = normalizeHeader(t);
    if (SUBHEADERS.has(n) || columnForPath([n]) || n === normalizeHeader(text(above, c))) headerish++;
    else other++;
  }
  return headerish > 0 && headerish >= other;
}

/** Header paths per column; a group header left unmerged (written once, blank to its right) spans its children. */
function headerPaths(ws: XlsxSheet, first: number, count: number, width: number): Map<number, string[]> {
  const grid: string[][] = [];
  for (let r = 0; r < count; r++) {
    const row = ws.getRow(first + r);
    grid.push(Array.from({ length: width + 1 }, (_, c) => (c === 0 ? '' : text(row, c))));
  }
  for (let r = 0; r < count - 1; r++) {
    for (let c = 2; c <= width; c++) {
      if (!grid[r][c] && grid[r + 1][c] && grid[r][c - 1] && grid[r + 1][c - 1]) grid[r][c] = grid[r][c - 1];
    }
  }
  const paths = new Map<number, string[]>();
  for (let c = 1; c <= width; c++) {
    const parts = grid.map((g) => g[c]).filter((t, i, a) => t && t !== a[i - 1]);
    if (parts.length) paths.set(c, parts);
  }
  return paths;
}

/** Placeholders (-, —, 无, /) are empty cells in exported rosters. */
function dataCell(c: XlsxCell): Cell | null {
  const cell = toCell(c);
  if (typeof cell.value === 'string' && PLACEHOLDERS.has(normText(cell.value))) return null;
  return cell;
}

/** One sheet's roster, or null when no header row names 姓名. */
function readSheet(ws: XlsxSheet): RosterSheet | null {
  let first = 0;
  let nameCol: number | null = null;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    nameCol = nameColumn(ws.getRow(r));
    if (nameCol !== null) {
      first = r;
      break;
    }
  }
  if (nameCol === null) return null;
  let width = lastColumn(ws, first, first + MAX_HEADER_ROWS);
  let count = 1;
  while (
    count < MAX_HEADER_ROWS &&
    continuesHeader(ws.getRow(first + count - 1), ws.getRow(first + count), nameCol, width)
  )
    count++;
  width = lastColumn(ws, first, first + count - 1);
  const fields = new Map<RosterField, { col: number; header: string }>();
  const ignored: string[] = [];
  const columns: ColumnReport[] = [];
  for (const [col, parts] of headerPaths(ws, first, count, width)) {
    const header = parts.join(' › ');
    const hidden = ws.isColumnHidden(col) || undefined;
    const c = columnForPath(parts);
    if (c && !fields.has(c.field)) {
      fields.set(c.field, { col, header: parts.at(-1)! });
      columns.push({ sheet: ws.name, header, field: c.field, hidden });
    } else {
      ignored.push(header);
      columns.push({ sheet: ws.name, header, hidden });
    }
  }
  if (!fields.has('name') || fields.size < 2) return null;
  const rows: SheetRow[] = [];
  let section: SheetRow['sectionUnit'];
  let skipped = 0;
  let ended = false;
  const sections: RosterSheet['sections'] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber < first + count || ended) return;
    const cells = new Map<number, Cell>();
    row.eachCell((cell, col) => {
      const c = dataCell(cell);
      if (c) cells.set(col, c);
    });
    const distinct = new Set([...cells.values()].map((c) => cellText(c)).filter(Boolean));
    const nameText = cellText(cells.get(fields.get('name')!.col));
    if (distinct.size > 0 && distinct.size <= 2 && (TRAILER.test(nameText) || TRAILER.test([...distinct][0]))) {
      skipped++;
      ended = true;
      return;
    }
    if (cells.size === 1 || (distinct.size === 1 && cells.size > 2)) {
      // One text alone, or one text merged across the row: a section row naming the unit of the rows below.
      skipped++;
      section = { text: [...distinct][0] ?? '', row: rowNumber };
      sections.push({ ...section, sheet: ws.name });
      return;
    }
    rows.push({ rowNumber, cells, ...(section ? { sectionUnit: section } : {}) });
  });
  return {
    sheetName: ws.name,
    headerRow: first,
    headerRows: count,
    fields,
    ignored: ignored.filter((h) => !KNOWN_IGNORED.has(normalizeHeader(h))),
    columns,
    rows,
    skipped,
    sections,
    sheets: [ws.name],
  };
}

/**
 * Every sheet with a roster header; several sheets with the same columns are read as one roster (their rows
 * keep their sheet name for error messages). Null when no sheet has a header naming 姓名.
 */
export function findRosterSheet(wb: XlsxBook): RosterSheet | null {
  const found = wb.worksheets.map(readSheet).filter((s): s is RosterSheet => s !== null);
  if (found.length === 0) return null;
  const [main, ...more] = found;
  const sameColumns = (s: RosterSheet) =>
    s.fields.size === main.fields.size && [...main.fields].every(([f, v]) => s.fields.get(f)?.col === v.col);
  const extra = more.filter(sameColumns);
  if (extra.length === 0) return main;
  const tag = (s: RosterSheet) => s.rows.map((r) => ({ ...r, sheet: s.sheetName }));
  return {
    ...main,
    rows: [main, ...extra].flatMap(tag),
    columns: [...main.columns, ...extra.flatMap((s) => s.columns)],
    skipped: main.skipped + extra.reduce((n, s) => n + s.skipped, 0),
    sections: [main, ...extra].flatMap((s) => s.sections),
    sheets: [main.sheetName, ...extra.map((s) => s.sheetName)],
  };
}

/** A roster needs 姓名 plus 出生年月 or 单位 — enough to tell it from other spreadsheets sent to the bot. */
export function looksLikeRoster(sheet: RosterSheet | null): sheet is RosterSheet {
  return !!sheet && sheet.fields.has('name') && (sheet.fields.has('birthDate') || sheet.fields.has('unit'));
}
