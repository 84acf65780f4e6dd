/** The report as Markdown (pure): headings, the seed-style sentences, one table of figures per part. */
import { comparison, NOT_KEPT, num } from './reports.rules.js';
import type { ReportDoc } from './reports.service.js';
import type { ReportFigure } from './reports.types.js';

const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export const figureValue = (f: ReportFigure) => `${num(f.value)}${f.unit === '%' ? '%' : ` ${f.unit}`}`;
export const figureShare = (f: ReportFigure) => (f.share === undefined || f.share === null ? '—' : `${f.share}%`);
export const figurePrevious = (f: ReportFigure) =>
  f.previous === undefined || f.previous === null ? '—' : `${num(f.previous)}`;

export function reportMarkdown(doc: ReportDoc): string {
  const out: string[] = [
    `# ${doc.title}`,
    '',
    `报告期：${doc.periodLabel}（${doc.scopeLabel}）。对比期：上年同期（${doc.previous.from} 至 ${doc.previous.to}）。数据截至 ${doc.asOf}。`,
    '',
  ];
  if (doc.empty) out.push('> 该报告期内尚无任何数据。', '');
  for (const c of doc.chapters) {
    out.push(`## ${c.heading}`, '');
    if (c.missing) {
      out.push(c.missing, '');
      continue;
    }
    for (const p of c.parts) {
      out.push(`### ${p.title}`, '');
      if (!p.kept) {
        out.push(`${NOT_KEPT}。`, '');
        continue;
      }
      for (const s of p.sentences) out.push(s, '');
      if (p.figures.length > 0) {
        out.push('| 指标 | 数值 | 上年同期 | 占比 | 对比 |', '|---|---:|---:|---:|---|');
        for (const f of p.figures) {
          out.push(
            `| ${cell(f.label)} | ${figureValue(f)} | ${figurePrevious(f)} | ${figureShare(f)} | ${cell(comparison(f) || '—')} |`,
          );
        }
        out.push('');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
