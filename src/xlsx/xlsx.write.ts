/**
 * Every workbook the bot writes goes through here: text that a spreadsheet would take for a formula
 * (=, +, -, @, and tab/CR that some programs strip first) is prefixed with ' so it stays text (CSV/formula
 * injection); the bot's own import reads such cells back without the prefix.
 */
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeText<T>(v: T): T | string {
  return typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v;
}

/** A row (array or keyed object) with every text cell made safe. */
export function safeRow<T extends unknown[] | Record<string, unknown>>(row: T): T {
  if (Array.isArray(row)) return row.map(safeText) as T;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeText(v)])) as T;
}

export function addSafeRows(ws: ExcelJS.Worksheet, rows: (unknown[] | Record<string, unknown>)[]): void {
  for (const r of rows) ws.addRow(safeRow(r));
}

/** The reverse, for cells read back: the bot's own ' prefix is dropped. */
export const unprefixed = (s: string): string => (s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s);

/**
 * A new workbook. exceljs is loaded on first use, not at start-up: it is ~30 MB of resident memory that an idle
 * bot does not need (docs/bench.md, idle RSS).
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: excel } = await import('exceljs');
  return new excel.Workbook();
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
