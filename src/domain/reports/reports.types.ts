/**
 * The contract between the report (工作进展汇报, src/domain/reports) and the capabilities that feed it.
 * Each capability that keeps data for the report implements `Capability.report`, returning its parts;
 * the report capability renders them (card, Markdown, Word, Excel) and never queries their tables.
 */

/** An inclusive date range, 'YYYY-MM-DD'. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** Whose figures: a county (org_admin), narrowed to some units for a county leader (null = the whole county). */
export interface ReportScope {
  countyId: number;
  unitIds: number[] | null;
}

/** The list behind a figure: the organization department must be able to defend every number. */
export interface ReportList {
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReportFigure {
  /** Stable id, '<capability>.<figure>' (e.g. 'dispatches.firstSecretaries'); tests and buttons use it. */
  key: string;
  /** Chinese label, e.g. '选派驻村第一书记'. */
  label: string;
  value: number;
  /** '人' | '人次' | '批' | '个' | '%' … */
  unit: string;
  /** The same figure for the same period one year earlier, when it can be computed. */
  previous?: number | null;
  /** Share in percent (0–100, one decimal) when the seed states one ("占 28.5%"). */
  share?: number | null;
  /** The people/records behind the figure; computed only when asked (a button, the xlsx sheet). */
  list?: () => Promise<ReportList>;
}

export interface ReportChart {
  title: string;
  /** Few series, Chinese labels: it must read on a phone. */
  data: { label: string; value: number; series?: string }[];
}

/** One sub-section of a chapter, e.g. 育 › 选派墩苗. */
export interface ReportPart {
  chapter: '选' | '育' | '管' | '用';
  /** Sub-heading, e.g. '选派墩苗'. */
  title: string;
  /** Position within the chapter (smaller first). */
  order: number;
  /** False when this data is not kept yet: the report says so instead of showing zeros. */
  kept: boolean;
  figures: ReportFigure[];
  /** Plain-text sentences in the seed's style, built from the figures (no Markdown; the renderer escapes). */
  sentences: string[];
  charts?: ReportChart[];
}

/**
 * One capability's block of the leaders' group county digest (`Capability.digest`): counts only, never
 * a name — the group is not a need-to-know audience. The reports capability collects and renders them.
 */
export interface DigestSection {
  /** Block heading, e.g. '问题线索'. */
  title: string;
  /** Position in the digest (smaller first; talks = 10). */
  order: number;
  /** Plain-text lines (the renderer escapes), e.g. '待受理 2 件，其中超期 1 件'. */
  lines: string[];
  chart?: ReportChart;
  /**
   * People ids of the leaders who must act (e.g. with overdue talks), most urgent first: @mentioned under the
   * digest when DIGEST_MENTIONS=on. Only leaders, never the cadres the counts are about.
   */
  concerned?: number[];
}
