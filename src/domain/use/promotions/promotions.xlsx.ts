/** Reading the 提拔/职级晋升 import sheet (pure). */
import { FORMULA_WITHOUT_VALUE, type XlsxSheet } from '../../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../../xlsx/xlsx.cells.js';
import { PROMOTION_HEADERS, type PromotionCells } from './promotions.rules.js';

export { headerOf };

export function promotionRows(ws: XlsxSheet): {
  cells: PromotionCells[];
  problems: { row: number; message: string }[];
} {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const cells: PromotionCells[] = [];
  const problems: { row: number; message: string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (name: string) => (col(name) > 0 ? cellText(row.getCell(col(name))) : '');
    const formula = Object.values(PROMOTION_HEADERS).find(
      (h) => col(h) > 0 && row.getCell(col(h)).formula !== undefined,
    );
    const c: PromotionCells = {
      line: r,
      name: get(PROMOTION_HEADERS.name),
      key: get(PROMOTION_HEADERS.key),
      date: get(PROMOTION_HEADERS.date),
      kind: get(PROMOTION_HEADERS.kind),
      toUnit: get(PROMOTION_HEADERS.toUnit),
      toPost: get(PROMOTION_HEADERS.toPost),
      toLevel: get(PROMOTION_HEADERS.toLevel),
      toRole: get(PROMOTION_HEADERS.toRole),
      docNo: get(PROMOTION_HEADERS.docNo),
    };
    if (formula) problems.push({ row: r, message: `“${formula}”${FORMULA_WITHOUT_VALUE}` });
    else if (Object.entries(c).some(([k, v]) => k !== 'line' && v !== '')) cells.push(c);
  }
  return { cells, problems };
}
