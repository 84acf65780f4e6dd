/** Reading an assessment-results sheet: header detection (Chinese headers and variants) and rows as cells. */
import type { XlsxBook, XlsxRow } from '../../xlsx/xlsx.book.js';
import type { Cell } from '../org/roster/roster.cells.js';
import { cellText } from '../org/roster/roster.cells.js';
import { toCell } from '../org/roster/roster.read.js';

export type AssessmentField = 'name' | 'idNumber' | 'unit' | 'kind' | 'period' | 'result' | 'note';

/** Headers written in the template, then accepted variants. */
export const ASSESSMENT_COLUMNS: { field: AssessmentField; header: string; aliases: string[]; required: boolean }[] = [
  { field: 'name', header: '姓名', aliases: ['干部姓名'], required: true },
  { field: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码', '身份证'], required: false },
  { field: 'unit', header: '单位', aliases: ['工作单位', '所在单位', '单位名称'], required: false },
  { field: 'kind', header: '考核类别', aliases: ['考核类型', '考核种类', '结果类别', '类别'], required: true },
  {
    field: 'period',
    header: '考核周期',
    aliases: ['考核年度', '考核期间', '考核时间', '年度', '周期'],
    required: true,
  },
  { field: 'result', header: '考核结果', aliases: ['考核等次', '结果', '等次', '结论'], required: true },
  { field: 'note', header: '备注', aliases: ['说明'], required: false },
];

const byHeader = new Map(
  ASSESSMENT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [h, c.field] as [string, AssessmentField])),
);

export interface AssessmentSheet {
  sheetName: string;
  headerRow: number;
  fields: Map<AssessmentField, number>;
  rows: { rowNumber: number; cells: Map<AssessmentField, Cell> }[];
}

function headerFields(row: XlsxRow): Map<AssessmentField, number> {
  const fields = new Map<AssessmentField, number>();
  row.eachCell((cell, col) => {
    const f = byHeader.get(cellText(toCell(cell)).replace(/\s/g, ''));
    if (f && !fields.has(f)) fields.set(f, col);
  });
  return fields;
}

/** The first sheet with 姓名, 考核类别 and 考核结果 in one of its first 10 rows; null when the file is not one. */
export function findAssessmentSheet(wb: XlsxBook): AssessmentSheet | null {
  for (const ws of wb.worksheets) {
    for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
      const fields = headerFields(ws.getRow(r));
      if (!(fields.has('name') && fields.has('kind') && fields.has('result'))) continue;
      const rows: AssessmentSheet['rows'] = [];
      ws.eachRow((row, rowNumber) => {
        if (rowNumber <= r) return;
        const cells = new Map<AssessmentField, Cell>();
        for (const [field, col] of fields) {
          cells.set(field, toCell(row.getCell(col)));
        }
        if ([...cells.values()].some((c) => cellText(c) !== '' || c.formula !== undefined))
          rows.push({ rowNumber, cells });
      });
      return { sheetName: ws.name, headerRow: r, fields, rows };
    }
  }
  return null;
}
