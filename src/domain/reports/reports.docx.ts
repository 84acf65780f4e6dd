/** The report as Word (.docx): headings, the seed-style sentences, a table of figures per part, charts as PNG. */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { CHART_HEIGHT, CHART_WIDTH, chartEngine, chartPng } from './reports.charts.js';
import { figurePrevious, figureShare, figureValue } from './reports.markdown.js';
import { comparison, NOT_KEPT } from './reports.rules.js';
import type { ReportDoc } from './reports.service.js';

const FONT = '仿宋';
const para = (text: string) =>
  new Paragraph({ children: [new TextRun({ text, font: FONT, size: 28 })], indent: { firstLine: 560 } });

function cell(text: string, bold = false) {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold, font: FONT, size: 24 })] })],
  });
}

export async function reportDocx(doc: ReportDoc): Promise<{ data: Buffer; images: number; note: string | null }> {
  const { reason } = await chartEngine();
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(doc.title)] }),
    para(
      `报告期：${doc.periodLabel}（${doc.scopeLabel}）。对比期：上年同期（${doc.previous.from} 至 ${doc.previous.to}）。数据截至 ${doc.asOf}。`,
    ),
  ];
  if (reason) children.push(para(`说明：${reason}。`));
  if (doc.empty) children.push(para('该报告期内尚无任何数据。'));
  let images = 0;
  for (const c of doc.chapters) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(c.heading)] }));
    if (c.missing) {
      children.push(para(c.missing));
      continue;
    }
    for (const p of c.parts) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(p.title)] }));
      if (!p.kept) {
        children.push(para(`${NOT_KEPT}。`));
        continue;
      }
      for (const s of p.sentences) children.push(para(s));
      if (p.figures.length > 0) {
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [
              new TableRow({
                tableHeader: true,
                children: ['指标', '数值', '上年同期', '占比', '对比'].map((h) => cell(h, true)),
              }),
              ...p.figures.map(
                (f) =>
                  new TableRow({
                    children: [f.label, figureValue(f), figurePrevious(f), figureShare(f), comparison(f) || '—'].map(
                      (t) => cell(t),
                    ),
                  }),
              ),
            ],
          }),
        );
      }
      for (const chart of p.charts ?? []) {
        const png = chart.data.length ? await chartPng(chart) : null;
        if (!png) continue;
        images++;
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: png,
                transformation: { width: CHART_WIDTH * 0.75, height: CHART_HEIGHT * 0.75 },
              }),
            ],
          }),
        );
      }
    }
  }
  const document = new Document({
    creator: '青苗',
    title: doc.title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{ children }],
  });
  return { data: await Packer.toBuffer(document), images, note: reason };
}
