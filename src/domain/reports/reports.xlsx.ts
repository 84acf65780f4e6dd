/** The report as Excel: 汇总 (every figure), one sheet per part, and one sheet per list behind a figure. */
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { NOT_KEPT } from './reports.rules.js';
import type { ReportDoc } from './reports.service.js';
import type { ReportPart } from './reports.types.js';

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ ; unique within the book. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '·').slice(0, 28) || '表';
  let n = base;
  for (let i = 2; taken.has(n); i++) n = `${base.slice(0, 26)}(${i})`;
  taken.add(n);
  return n;
}

const FIGURE_HEADERS = ['章节', '部分', '指标', '数值', '单位', '上年同期', '占比(%)', '名单工作表'];

/** The workbook; `only` limits it to some parts (the 名单 button of one part). Returns sheet → rows for tests. */
export async function reportWorkbook(doc: ReportDoc, only?: (p: ReportPart) => boolean): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = '青苗';
  const taken = new Set<string>();
  const summary = wb.addWorksheet(sheetName('汇总', taken));
  summary.addRow(FIGURE_HEADERS).font = { bold: true };
  const lists: {
    name: string;
    part: ReportPart;
    key: string;
    label: string;
    load: NonNullable<ReportPart['figures'][number]['list']>;
  }[] = [];
  const partSheets: { part: ReportPart; chapter: string }[] = [];
  for (const c of doc.chapters) {
    if (c.missing && !only) addSafeRows(summary, [[c.chapter, '', c.missing, null, null, null, null, null]]);
    for (const p of c.parts) {
      if (only && !only(p)) continue;
      partSheets.push({ part: p, chapter: c.chapter });
      if (!p.kept) {
        addSafeRows(summary, [[c.chapter, p.title, NOT_KEPT, null, null, null, null, null]]);
        continue;
      }
      for (const f of p.figures) {
        const listSheet = f.list ? sheetName(`${f.label}名单`, taken) : null;
        if (f.list && listSheet) lists.push({ name: listSheet, part: p, key: f.key, label: f.label, load: f.list });
        addSafeRows(summary, [
          [c.chapter, p.title, f.label, f.value, f.unit, f.previous ?? null, f.share ?? null, listSheet],
        ]);
      }
    }
  }
  for (const { part, chapter } of partSheets) {
    const ws = wb.addWorksheet(sheetName(`${chapter}-${part.title}`, taken));
    ws.addRow(['指标', '数值', '单位', '上年同期', '占比(%)', '指标编号']).font = { bold: true };
    if (!part.kept) addSafeRows(ws, [[NOT_KEPT]]);
    addSafeRows(
      ws,
      part.figures.map((f) => [f.label, f.value, f.unit, f.previous ?? null, f.share ?? null, f.key]),
    );
    ws.addRow([]);
    addSafeRows(
      ws,
      part.sentences.map((s) => [s]),
    );
  }
  for (const l of lists) {
    const data = await l.load();
    const ws = wb.addWorksheet(l.name);
    ws.addRow(data.columns).font = { bold: true };
    addSafeRows(ws, data.rows);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return workbookBuffer(wb);
}
