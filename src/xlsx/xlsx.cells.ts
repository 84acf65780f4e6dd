/** Cell text and the header row of an uploaded sheet: what every import reads its rows with. */
import type { XlsxCell, XlsxSheet } from './xlsx.book.js';

/** A cell as trimmed text; dates as 'YYYY-MM-DD', empty cells as ''. */
export function cellText(c: XlsxCell): string {
  const v = c.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** The first row's cells as text: the header an import recognises its sheet by. */
export function headerOf(ws: XlsxSheet): string[] {
  const row = ws.getRow(1);
  const out: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) out.push(cellText(row.getCell(c)));
  return out;
}
