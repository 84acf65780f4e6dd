/** Pure rules of the 工作进展汇报: periods, the comparison period, chapters, shares and sentence helpers. */
import { parseDateRange } from '../../time.js';
import type { ReportFigure, ReportPart, ReportPeriod } from './reports.types.js';

export const CHAPTERS = ['选', '育', '管', '用'] as const;
export type Chapter = (typeof CHAPTERS)[number];

/** The seed's chapter headings (一、…), in order. */
export const CHAPTER_TITLES: Record<Chapter, string> = {
  选: '一、拓宽渠道“选”，建好年轻干部“蓄水池”',
  育: '二、一线淬炼“育”，练就干事创业“硬本领”',
  管: '三、宽严相济“管”，提升担当作为“内动能”',
  用: '四、不拘一格“用”，营造争先创优“新风尚”',
};

/** What each chapter will hold once its data is kept (said when no capability provides a part). */
export const CHAPTER_SCOPE: Record<Chapter, string> = {
  选: '三张推荐清单、年轻干部资源库',
  育: '选派墩苗、交流学习、教育培训',
  管: '谈心谈话、提醒、问题解决、结对帮带、问题线索、跟踪考核台账',
  用: '提拔使用、职级晋升、攻坚克难好干部、班子结构',
};

export const NOT_KEPT = '尚未纳入统计';

export const PERIOD_HELP = '报告期格式：报告（今年以来）、报告 2026，或 报告 2026-01-01 2026-06-30';

/**
 * The period typed after 报告: '' → this year to date; '2026' → that year (to today when running);
 * 'A B' / 'A 至 B' → A..B (an end after today is cut to today). Returns a Chinese message when bad.
 */
export function parsePeriod(args: string, today: string): ReportPeriod | string {
  const empty = { from: `${today.slice(0, 4)}-01-01`, to: today };
  return parseDateRange(args, today, { empty, noun: '报告期', help: PERIOD_HELP });
}

/** The same period one year earlier (29 Feb → 28 Feb). */
export function previousYear(p: ReportPeriod): ReportPeriod {
  const back = (d: string) => {
    const y = `${Number(d.slice(0, 4)) - 1}`;
    const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
    return `${y}-${md}`;
  };
  return { from: back(p.from), to: back(p.to) };
}

/** '2026年1月1日至2026年6月30日'. */
export function periodLabel(p: ReportPeriod): string {
  const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${cn(p.from)}至${cn(p.to)}`;
}

/** 'since' wording of the seed: '2022年以来' when the period runs to today from a 1 January. */
export function sinceLabel(p: ReportPeriod, today: string): string {
  if (p.to === today && p.from.endsWith('-01-01')) {
    return p.from.slice(0, 4) === today.slice(0, 4) ? '今年以来' : `${Number(p.from.slice(0, 4))}年以来`;
  }
  return periodLabel(p);
}

/** Percent with one decimal (28.5), null when the whole is zero. */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}

/** '14,236'. */
export const num = (n: number) => n.toLocaleString('en-US');

/** '（上年同期 12,001，增加 235）' or '' when there is nothing to compare. */
export function comparison(f: Pick<ReportFigure, 'value' | 'previous' | 'unit'>): string {
  if (f.previous === undefined || f.previous === null) return '';
  const d = f.value - f.previous;
  const change = d === 0 ? '持平' : d > 0 ? `增加 ${num(d)}` : `减少 ${num(-d)}`;
  return `上年同期 ${num(f.previous)}${f.unit}，${change}`;
}

/**
 * One line per part comparing with the same period last year, for the card (the Markdown and Word tables
 * have a column): '上年同期：报送问题线索 2件（增加 1）；…', null when no figure has a previous value.
 */
export function partComparison(figures: readonly ReportFigure[]): string | null {
  const items = figures
    .filter((f) => f.previous !== undefined && f.previous !== null)
    .map((f) => {
      const d = f.value - (f.previous as number);
      const change = d === 0 ? '持平' : d > 0 ? `+${num(d)}` : `-${num(-d)}`;
      return `${f.label} ${num(f.previous as number)}${f.unit}（${change}）`;
    });
  return items.length ? `上年同期：${items.join('；')}` : null;
}

/** Chapters in order with their parts sorted; a chapter without any part is listed with none. */
export function arrange(parts: ReportPart[]): { chapter: Chapter; parts: ReportPart[] }[] {
  return CHAPTERS.map((chapter) => ({
    chapter,
    parts: parts
      .filter((p) => p.chapter === chapter)
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, 'zh-CN')),
  }));
}

/** Every figure of the kept parts is zero: the period lies before any data. */
export function isEmptyReport(parts: ReportPart[]): boolean {
  const kept = parts.filter((p) => p.kept);
  return kept.length > 0 && kept.every((p) => p.figures.every((f) => f.value === 0));
}

/** A figure's key is '<capability>.<figure>': a safe token for buttons and sheet names. */
export const FIGURE_KEY = /^[a-z][A-Za-z0-9]*\.[A-Za-z0-9]+$/;
