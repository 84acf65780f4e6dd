/** Reads an xlsx (already checked by checkXlsxZip) into plain rows, stopping at the row and column limits. */
import type { PlainBook, PlainRow, XlsxCell, XlsxValue } from './xlsx.book.js';
import type { XlsxLimits } from './xlsx.limits.js';
import { workbookFirst } from './xlsx.reorder.js';
import { newWorkbook, unprefixed } from './xlsx.write.js';

/** A refusal with a Chinese reason (limits, unreadable content); anything else is a parser failure. */
export class XlsxRefusal extends Error {}

function scalar(v: unknown): XlsxValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return unprefixed(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, any>;
    if (Array.isArray(o.richText)) return o.richText.map((r: { text?: unknown }) => String(r.text ?? '')).join('');
    if ('text' in o) return scalar(o.text);
    if ('error' in o) return null;
  }
  return null;
}

/** A cell value as exceljs gives it → a plain cell; formulas by their cached result. */
export function plainCell(v: unknown, numFmt?: string | null): XlsxCell {
  const cell: XlsxCell = { value: null };
  if (numFmt) cell.numFmt = numFmt;
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    if (f.result === undefined || f.result === null) cell.formula = String(f.formula ?? f.sharedFormula ?? '');
    else cell.value = scalar(f.result);
    return cell;
  }
  cell.value = scalar(v);
  return cell;
}

/**
 * Reads the workbook in the parse worker. exceljs's streaming reader splits multi-byte UTF-8 characters at
 * chunk boundaries (a name such as 潘杰杰 came back as 潘杰��), so the buffered reader is used: the zip was
 * already checked (declared sizes, compression ratios) and the worker's heap is capped.
 */
export async function parseXlsx(data: Uint8Array, limits: Pick<XlsxLimits, 'maxRows' | 'maxColumns'>) {
  const wb = await newWorkbook();
  await wb.xlsx.load(workbookFirst(Buffer.from(data)) as any);
  const book: PlainBook = { sheets: [] };
  for (const ws of wb.worksheets) {
    const name = String(ws.name ?? `Sheet${ws.id ?? book.sheets.length + 1}`);
    if (ws.actualRowCount > limits.maxRows || ws.rowCount > limits.maxRows) {
      throw new XlsxRefusal(`工作表“${name}”超过 ${limits.maxRows} 行，请拆分后分批发送`);
    }
    const rows: PlainRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: PlainRow['cells'] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col > limits.maxColumns) {
          throw new XlsxRefusal(`工作表“${name}”超过 ${limits.maxColumns} 列，请删除多余的列后再发送`);
        }
        const c = plainCell(cell.value, cell.numFmt);
        if (c.value !== null || c.formula !== undefined) cells[col] = c;
      });
      if (cells.length > 0) rows.push({ number: row.number, cells: Array.from(cells, (c) => c ?? null) });
    });
    const hiddenColumns: number[] = [];
    for (let c = 1; c <= Math.min(ws.columnCount, limits.maxColumns); c++)
      if (ws.getColumn(c).hidden) hiddenColumns.push(c);
    book.sheets.push({ name, rows, ...(hiddenColumns.length ? { hiddenColumns } : {}) });
  }
  return book;
}
