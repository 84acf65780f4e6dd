/** Reading a simple header-row import sheet (表彰, 六零创建排名) into text cells by header (pure). */
import { FORMULA_WITHOUT_VALUE, type XlsxSheet } from '../../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../../xlsx/xlsx.cells.js';

export { headerOf };

export function sheetRows<K extends string>(
  ws: XlsxSheet,
  headers: Record<K, string>,
): { cells: ({ line: number } & Record<K, string>)[]; problems: { row: number; message: string }[] } {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const cells: ({ line: number } & Record<K, string>)[] = [];
  const problems: { row: number; message: string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const formula = Object.values<string>(headers).find((h) => col(h) > 0 && row.getCell(col(h)).formula !== undefined);
    const c = { line: r } as { line: number } & Record<K, string>;
    for (const [k, h] of Object.entries<string>(headers))
      (c as Record<string, unknown>)[k] = col(h) > 0 ? cellText(row.getCell(col(h))) : '';
    if (formula) problems.push({ row: r, message: `“${formula}”${FORMULA_WITHOUT_VALUE}` });
    else if (Object.entries(c as Record<string, unknown>).some(([k, v]) => k !== 'line' && v !== '')) cells.push(c);
  }
  return { cells, problems };
}
