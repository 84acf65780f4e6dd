/** Cards of the report (pure): 生成中, the report with charts and a 下载 row, the county digest. */
import { button, type Card, card, columns, type Element, hr, md, mdText, notice } from '../../feishu/cards/atoms.js';
import { barChart } from '../../feishu/cards/charts.js';
import { NOT_KEPT, partComparison } from './reports.rules.js';
import type { ReportDoc } from './reports.service.js';
import type { DigestSection, ReportChart, ReportPeriod } from './reports.types.js';

/** A bar chart that reads on a phone: 4:3, one colour per series, values on the bars, Chinese labels. */
export function mobileChart(chart: ReportChart): Element {
  return barChart(chart.title, chart.data.slice(0, 12));
}

export function reportPendingCard(period: ReportPeriod, scopeLabel: string): Card {
  return card(
    { title: '工作进展汇报', subtitle: `${period.from} 至 ${period.to}`, template: 'wathet', tags: ['生成中'] },
    [md(`正在按${mdText(scopeLabel)}的数据生成工作进展汇报，完成后本卡片自动更新。`)],
  );
}

export function reportFailedCard(message: string): Card {
  return notice('工作进展汇报未生成', mdText(message), 'red');
}

/** The report card: each part's sentences and chart, a 名单 button per part, and the 下载 row. */
export function reportCard(doc: ReportDoc): Card {
  const p = { from: doc.period.from, to: doc.period.to };
  const els: Element[] = [
    md(
      `**${mdText(doc.periodLabel)}**（${mdText(doc.scopeLabel)}），与上年同期（${doc.previous.from} 至 ${doc.previous.to}）比较。`,
    ),
  ];
  if (doc.empty) els.push(md('<font color="orange">该报告期内尚无任何数据。</font>'));
  doc.chapters.forEach((c) => {
    els.push(hr(), md(`**${mdText(c.heading)}**`));
    if (c.missing) {
      els.push(md(`<font color="grey">${mdText(c.missing)}</font>`));
      return;
    }
    for (const part of c.parts) {
      if (!part.kept) {
        els.push(md(`**${mdText(part.title)}**：<font color="grey">${NOT_KEPT}</font>`));
        continue;
      }
      const versus = partComparison(part.figures);
      const lines = [
        ...part.sentences.map((s) => mdText(s)),
        ...(versus ? [`<font color="grey">${mdText(versus)}</font>`] : []),
      ];
      els.push(md(`**${mdText(part.title)}**\n${lines.join('\n')}`));
      const chart = part.charts?.find((ch) => ch.data.length > 0);
      if (chart) els.push(mobileChart(chart));
      if (part.figures.some((f) => f.list)) {
        els.push(button(`${part.title} · 名单`, 'reports.list', { ...p, c: c.chapter, t: part.title }, 'text'));
      }
    }
  });
  els.push(
    hr(),
    md('**下载**（文件发送到与青苗的私聊）'),
    columns(
      [
        [button('Word', 'reports.download', { ...p, f: 'docx' }, 'primary')],
        [button('Excel', 'reports.download', { ...p, f: 'xlsx' })],
        [button('Markdown', 'reports.download', { ...p, f: 'md' })],
      ],
      { flexMode: 'trisect' },
    ),
  );
  return card(
    { title: doc.title, subtitle: `${doc.period.from} 至 ${doc.period.to}`, template: 'blue', tags: ['工作进展汇报'] },
    els,
  );
}

/** The leaders' group county digest: counts only, one block per capability, in order. */
/** Open_ids only, and nothing that could close or extend an `<at>` tag. */
const OPEN_ID = /^ou_[^\s<>"'=/\\]{1,64}$/;

export function digestCard(
  title: string,
  subtitle: string,
  sections: DigestSection[],
  mentions?: { openIds: string[]; more: number },
): Card {
  const els: Element[] = [];
  const sorted = [...sections].sort((a, b) => a.order - b.order);
  sorted.forEach((s, i) => {
    if (i > 0) els.push(hr());
    els.push(md(`**${mdText(s.title)}**\n${s.lines.map((l) => mdText(l)).join('\n')}`));
    if (s.chart && s.chart.data.length > 0) els.push(mobileChart(s.chart));
  });
  if (sorted.length === 0) els.push(md('本期各项工作暂无需要提示的事项。'));
  const ats = (mentions?.openIds ?? []).filter((o) => OPEN_ID.test(o));
  if (ats.length > 0) {
    const more = mentions!.more > 0 ? ` 等 ${mentions!.more + ats.length} 位领导` : '';
    els.push(hr(), md(`请以下领导关注本单位相关工作：${ats.map((o) => `<at id=${o}></at>`).join(' ')}${more}`));
  }
  return card({ title, subtitle, template: 'turquoise', forwardable: false }, els);
}
