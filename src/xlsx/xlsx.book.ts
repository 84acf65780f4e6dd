/**
 * A parsed workbook as plain data (it crosses from the parse worker by structured clone), with the small
 * read API the import readers use (the shape of exceljs's: worksheets, getRow, eachRow, eachCell, getCell).
 */
export type XlsxValue = string | number | boolean | Date | null;

export interface XlsxCell {
  /** Formulas are read by their cached result; rich text and hyperlinks as their text; errors as null. */
  value: XlsxValue;
  numFmt?: string;
  /** Set when the cell is a formula whose result the file does not store (value is null then). */
  formula?: string;
}

export interface PlainRow {
  number: number;
  /** Index = column number (1-based); holes for empty cells. */
  cells: (XlsxCell | null)[];
}

export interface PlainSheet {
  name: string;
  rows: PlainRow[];
  /** Column numbers hidden in the file (reported by imports that list the columns they read). */
  hiddenColumns?: number[];
}

export interface PlainBook {
  sheets: PlainSheet[];
}

const EMPTY: XlsxCell = { value: null };

export class XlsxRow {
  constructor(private readonly plain: PlainRow) {}
  get number(): number {
    return this.plain.number;
  }
  get cellCount(): number {
    return Math.max(0, this.plain.cells.length - 1);
  }
  getCell(col: number): XlsxCell {
    return this.plain.cells[col] ?? EMPTY;
  }
  eachCell(fn: (cell: XlsxCell, col: number) => void): void {
    this.plain.cells.forEach((c, col) => {
      if (c && (c.value !== null || c.formula !== undefined)) fn(c, col);
    });
  }
}

export class XlsxSheet {
  private readonly byNumber = new Map<number, PlainRow>();
  constructor(readonly plain: PlainSheet) {
    for (const r of plain.rows) this.byNumber.set(r.number, r);
  }
  get name(): string {
    return this.plain.name;
  }
  isColumnHidden(col: number): boolean {
    return this.plain.hiddenColumns?.includes(col) ?? false;
  }
  /** The last row number with content (as exceljs counts it). */
  get rowCount(): number {
    return this.plain.rows.at(-1)?.number ?? 0;
  }
  getRow(n: number): XlsxRow {
    return new XlsxRow(this.byNumber.get(n) ?? { number: n, cells: [] });
  }
  eachRow(fn: (row: XlsxRow, rowNumber: number) => void): void {
    for (const r of this.plain.rows) fn(new XlsxRow(r), r.number);
  }
}

export class XlsxBook {
  readonly worksheets: XlsxSheet[];
  constructor(plain: PlainBook) {
    this.worksheets = plain.sheets.map((s) => new XlsxSheet(s));
  }
}

/** Message for a formula cell without a stored result (a row error wherever such a cell is read). */
export const FORMULA_WITHOUT_VALUE =
  '是公式，但文件中没有保存计算结果；请在 Excel 中打开并保存后再发送，或复制后“选择性粘贴为数值”';
