/** Renders a built report to a file (Word, Excel, Markdown) with its Chinese file name. */
import { reportMarkdown } from './reports.markdown.js';
import type { ReportDoc } from './reports.service.js';
import type { ReportPart } from './reports.types.js';
import { reportWorkbook } from './reports.xlsx.js';

export const FORMATS = ['docx', 'xlsx', 'md'] as const;
export type ReportFormat = (typeof FORMATS)[number];
export const FORMAT_LABELS: Record<ReportFormat, string> = { docx: 'Word', xlsx: 'Excel', md: 'Markdown' };

export interface RenderedFile {
  fileName: string;
  data: Buffer;
  /** A Chinese note to pass on (e.g. charts left out: no CJK font). */
  note: string | null;
}

export function baseName(doc: ReportDoc): string {
  return `工作进展汇报_${doc.period.from}_${doc.period.to}`;
}

export async function renderReport(doc: ReportDoc, format: ReportFormat): Promise<RenderedFile> {
  if (format === 'md')
    return { fileName: `${baseName(doc)}.md`, data: Buffer.from(reportMarkdown(doc), 'utf8'), note: null };
  if (format === 'xlsx') return { fileName: `${baseName(doc)}.xlsx`, data: await reportWorkbook(doc), note: null };
  // docx is loaded on first use, not at start-up (idle memory: docs/bench.md).
  const { reportDocx } = await import('./reports.docx.js');
  const d = await reportDocx(doc);
  return { fileName: `${baseName(doc)}.docx`, data: d.data, note: d.note };
}

/** The lists behind one part's figures, as a workbook. */
export async function renderPartLists(doc: ReportDoc, part: ReportPart): Promise<RenderedFile> {
  return {
    fileName: `${baseName(doc)}_${part.title}_名单.xlsx`,
    data: await reportWorkbook(doc, (p) => p === part),
    note: null,
  };
}
