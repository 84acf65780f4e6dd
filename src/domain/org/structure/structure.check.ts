import { FORMULA_WITHOUT_VALUE } from '../../../xlsx/xlsx.book.js';
import type { ImportProblem } from '../roster/roster.cards.js';
import { type Cell, cellText, isEmpty, type Parsed, parseDate } from '../roster/roster.cells.js';
import type { SheetRow } from '../roster/roster.read.js';
import type { StructureSheet } from './structure.read.js';

/** A problem in a 组织架构 workbook: sheet, Excel row, column header, Chinese message. */
export type StructureError = Required<ImportProblem>;

/** Reads and checks the cells of one row, collecting every problem (the roster's RowCheck, per sheet). */
export class SheetRowCheck {
  readonly errors: StructureError[] = [];
  constructor(
    readonly sheet: StructureSheet,
    readonly row: SheetRow,
  ) {}
  get rowNumber(): number {
    return this.row.rowNumber;
  }
  /** The column is in the sheet (an absent optional column keeps stored values). */
  present(field: string): boolean {
    return this.sheet.fields.has(field);
  }
  cell(field: string): Cell | undefined {
    const f = this.sheet.fields.get(field);
    return f ? this.row.cells.get(f.col) : undefined;
  }
  text(field: string): string {
    return cellText(this.cell(field));
  }
  has(field: string): boolean {
    return this.present(field) && !isEmpty(this.cell(field));
  }
  fail(field: string, message: string): undefined {
    this.errors.push(rowError(this.sheet, this.row.rowNumber, field, message));
    return undefined;
  }
  /** Parses a non-empty cell; an empty required cell is an error, an empty optional one is undefined. */
  take<T>(field: string, parse: (c: Cell | undefined) => Parsed<T>, required = false): T | undefined {
    if (this.cell(field)?.formula !== undefined) return this.fail(field, `该单元格${FORMULA_WITHOUT_VALUE}`);
    if (!this.has(field)) return required && this.present(field) ? this.fail(field, '必填项为空') : undefined;
    const p = parse(this.cell(field));
    return p.ok ? p.value : this.fail(field, p.message);
  }
  /** Text of a cell, at most `max` characters. */
  takeText(field: string, required = false, max = 100): string | undefined {
    const t = this.take(field, (c) => ({ ok: true, value: cellText(c) }), required);
    if (t !== undefined && t.length > max) return this.fail(field, `内容过长（最多${max}字）`);
    return t;
  }
  /** A date cell as 'YYYY-MM-DD' (年月 only → the 1st). */
  takeDate(field: string, required = false): string | undefined {
    return this.take(field, parseDate, required)?.date;
  }
}

/** A problem at a row of a sheet, under the column's header as written (or as the template names it). */
export function rowError(sheet: StructureSheet, row: number, field: string, message: string): StructureError {
  const column = sheet.fields.get(field)?.header ?? sheet.spec.columns.find((c) => c.field === field)!.header;
  return { sheet: sheet.sheetName, row, column, message };
}

export const isBlankRow = (row: SheetRow) => [...row.cells.values()].every((c) => isEmpty(c));

/** Missing required columns, reported on the header row. */
export function missingColumns(sheet: StructureSheet): StructureError[] {
  return sheet.spec.columns
    .filter((c) => c.required && !sheet.fields.has(c.field))
    .map((c) => ({
      sheet: sheet.sheetName,
      row: sheet.headerRow,
      column: c.header,
      message: `缺少必填列“${c.header}”`,
    }));
}

/** Runs `check` over the non-blank rows of a sheet whose required columns are all there. */
export function eachRow<T>(
  sheet: StructureSheet | undefined,
  errors: StructureError[],
  check: (r: SheetRowCheck) => T | undefined,
): T[] {
  if (!sheet) return [];
  const missing = missingColumns(sheet);
  errors.push(...missing);
  if (missing.length > 0) return [];
  const out: T[] = [];
  for (const row of sheet.rows) {
    if (isBlankRow(row)) continue;
    const r = new SheetRowCheck(sheet, row);
    const rec = check(r);
    errors.push(...r.errors);
    if (rec !== undefined && r.errors.length === 0) out.push(rec);
  }
  return out;
}
