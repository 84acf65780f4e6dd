/** 六零创建 township rankings: import rows and the flags (top five 提拔重用, bottom three 调整交流), pure. */

export const RANKING_HEADERS = { year: '年份', township: '乡镇', score: '得分', rank: '名次' } as const;

/** Number of townships flagged at each end of a year's ranking. */
export const RANKING_TOP = 5;
export const RANKING_BOTTOM = 3;

/** Specific to this sheet: 年份 + 乡镇 + 得分 + 名次. */
export function isRankingHeader(header: string[]): boolean {
  return Object.values(RANKING_HEADERS).every((h) => header.includes(h));
}

export interface RankingCells {
  line: number;
  year: string;
  township: string;
  score: string;
  rank: string;
}

export interface RankingDraft {
  line: number;
  year: number;
  unitId: number;
  township: string;
  score: string;
  rank: number;
}

export function checkRankingRows(
  cells: RankingCells[],
  townships: ReadonlyMap<string, number>,
  currentYear: number,
): { drafts: RankingDraft[]; errors: { row: number; message: string }[] } {
  const drafts: RankingDraft[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Set<string>();
  for (const c of cells) {
    const year = Number(c.year.replace(/年$/, ''));
    const rank = Number(c.rank.replace(/^第|名$/g, ''));
    const unitId = townships.get(c.township);
    let message: string | null = null;
    if (!/^\d{4}年?$/.test(c.year) || year < 2000 || year > currentYear)
      message = `年份“${c.year}”有误，应为 2000 至 ${currentYear} 之间的四位年份`;
    else if (!c.township) message = '乡镇不能为空';
    else if (unitId === undefined) message = `乡镇“${c.township}”不存在`;
    else if (!/^-?\d+(\.\d+)?$/.test(c.score)) message = `得分“${c.score}”不是数字`;
    else if (!Number.isInteger(rank) || rank < 1 || rank > 999) message = `名次“${c.rank}”应为正整数`;
    else if (seen.has(`${year}|${unitId}`)) message = `${year}年“${c.township}”重复`;
    if (message) {
      errors.push({ row: c.line, message });
      continue;
    }
    seen.add(`${year}|${unitId}`);
    drafts.push({ line: c.line, year, unitId: unitId as number, township: c.township, score: c.score, rank });
  }
  if (cells.length === 0) errors.push({ row: 1, message: '表格中没有数据行' });
  return { drafts, errors };
}

export type RankingFlag = 'top' | 'bottom' | null;

/** Orders a year's ranking by rank; the first RANKING_TOP are 'top', the last RANKING_BOTTOM 'bottom'. */
export function flagRankings<T extends { rank: number }>(rows: readonly T[]): (T & { flag: RankingFlag })[] {
  const sorted = [...rows].sort((a, b) => a.rank - b.rank);
  return sorted.map((r, i) => ({
    ...r,
    flag: i < RANKING_TOP ? 'top' : i >= sorted.length - RANKING_BOTTOM ? 'bottom' : null,
  }));
}
