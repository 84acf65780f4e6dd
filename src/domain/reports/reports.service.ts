/** Collects the report from the capabilities passed in (never from their tables) and arranges it. */
import type { Capability } from '../../capability.js';
import type { Deps } from '../../deps.js';
import {
  arrange,
  CHAPTER_SCOPE,
  CHAPTER_TITLES,
  type Chapter,
  isEmptyReport,
  periodLabel,
  previousYear,
} from './reports.rules.js';
import type { ReportFigure, ReportPart, ReportPeriod, ReportScope } from './reports.types.js';

export interface ReportChapter {
  chapter: Chapter;
  heading: string;
  /** Said when no capability provides any part for this chapter yet. */
  missing: string | null;
  parts: ReportPart[];
}

export interface ReportDoc {
  title: string;
  period: ReportPeriod;
  previous: ReportPeriod;
  periodLabel: string;
  scopeLabel: string;
  /** The day it was generated ('YYYY-MM-DD'). */
  asOf: string;
  chapters: ReportChapter[];
  /** True when every kept figure is zero: the period lies before any data. */
  empty: boolean;
}

/** The capabilities that feed the report: the list given (the bot's list, or a test's explicit one). */
export type CapabilityList = () => readonly Capability[];

export async function buildReport(
  deps: Deps,
  caps: readonly Capability[],
  period: ReportPeriod,
  scope: ReportScope,
  meta: { scopeLabel: string; asOf: string },
): Promise<ReportDoc> {
  const parts: ReportPart[] = [];
  for (const c of caps) {
    if (c.report) parts.push(...(await c.report(deps, period, scope)));
  }
  const chapters = arrange(parts).map(
    (c): ReportChapter => ({
      chapter: c.chapter,
      heading: CHAPTER_TITLES[c.chapter],
      missing: c.parts.length === 0 ? `${CHAPTER_SCOPE[c.chapter]}的数据${'尚未纳入统计'}。` : null,
      parts: c.parts,
    }),
  );
  return {
    title: '优秀年轻干部“选育管用”工作进展汇报',
    period,
    previous: previousYear(period),
    periodLabel: periodLabel(period),
    scopeLabel: meta.scopeLabel,
    asOf: meta.asOf,
    chapters,
    empty: isEmptyReport(parts),
  };
}

/** Every figure of the report with its part, in order. */
export function allFigures(doc: ReportDoc): { part: ReportPart; figure: ReportFigure }[] {
  return doc.chapters.flatMap((c) => c.parts.flatMap((part) => part.figures.map((figure) => ({ part, figure }))));
}

export function findFigure(doc: ReportDoc, key: string) {
  return allFigures(doc).find((f) => f.figure.key === key) ?? null;
}
