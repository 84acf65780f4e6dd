/**
 * What an assessment result may say, per kind, and how the department's spellings map onto it.
 * Pure normalisers used by the xlsx import (and any card entry).
 */
import { ASSESSMENT_KINDS, type AssessmentKind } from '../../db/schema/assessments.js';

const FINDINGS = ['无问题', '不属实', '核查中', '部分属实', '属实'];
const FINDING_ALIASES: Record<string, string> = {
  未发现问题: '无问题',
  无: '无问题',
  不实: '不属实',
  查否: '不属实',
  正在核查: '核查中',
  部分查实: '部分属实',
  查实: '属实',
};

/** Allowed results of each kind, best first where there is an order. */
export const RESULTS: Record<AssessmentKind, readonly string[]> = {
  年度考核: ['优秀', '称职', '基本称职', '不称职', '不定等次'],
  专项考核: ['优秀', '良好', '一般', '较差'],
  平时考核: ['好', '较好', '一般', '较差'],
  廉洁自律: FINDINGS,
  巡视巡察: FINDINGS,
  信访: FINDINGS,
};

const ALIASES: Record<AssessmentKind, Record<string, string>> = {
  年度考核: { 合格: '称职', 基本合格: '基本称职', 不合格: '不称职' },
  专项考核: { 合格: '一般', 不合格: '较差' },
  平时考核: {},
  廉洁自律: FINDING_ALIASES,
  巡视巡察: FINDING_ALIASES,
  信访: FINDING_ALIASES,
};

const KIND_ALIASES: Record<string, AssessmentKind> = {
  年度: '年度考核',
  专项: '专项考核',
  平时: '平时考核',
  廉洁: '廉洁自律',
  巡视: '巡视巡察',
  巡察: '巡视巡察',
  信访举报: '信访',
};

/** Full-width to half-width, no inner or outer spaces. */
export function clean(raw: unknown): string {
  return String(raw ?? '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .trim();
}

export function normalizeKind(raw: unknown): AssessmentKind | null {
  const s = clean(raw);
  if ((ASSESSMENT_KINDS as readonly string[]).includes(s)) return s as AssessmentKind;
  return KIND_ALIASES[s] ?? null;
}

export function normalizeResult(kind: AssessmentKind, raw: unknown): string | null {
  const s = clean(raw);
  if (RESULTS[kind].includes(s)) return s;
  return ALIASES[kind][s] ?? null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/**
 * '2025' (year), '2025Q3' (quarter), '2025-06' (month) or, where the kind allows it, short free text
 * ('2025年防汛专项'). Annual results need a year; regular results a quarter or a month.
 */
export function normalizePeriod(kind: AssessmentKind, raw: unknown): string | null {
  const s = clean(raw).replace(/年度$/, '年');
  const year = /^(\d{4})年?$/.exec(s);
  const quarter = /^(\d{4})(?:年第?|-?)(?:Q|q)?([1-4一二三四])(?:季度)?$/.exec(s);
  const month = /^(\d{4})(?:年|[-./])(\d{1,2})月?$/.exec(s);
  const y = (v: string) => Number(v) >= 1990 && Number(v) <= 2100;
  if (year && y(year[1])) return kind === '平时考核' ? null : year[1];
  if (kind === '年度考核') return null;
  if (quarter && y(quarter[1]) && (s.includes('季') || /q/i.test(s))) {
    const q = CN_DIGITS[quarter[2]] ?? Number(quarter[2]);
    return `${quarter[1]}Q${q}`;
  }
  if (month && y(month[1]) && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    return `${month[1]}-${month[2].padStart(2, '0')}`;
  }
  if (kind === '平时考核') return null;
  return s.length > 0 && s.length <= 40 ? s : null;
}

/** Chinese hint for a bad period, per kind. */
export function periodHint(kind: AssessmentKind): string {
  if (kind === '年度考核') return '年度考核的考核周期应为年份，如 2025';
  if (kind === '平时考核') return '平时考核的考核周期应为季度或月份，如 2025年第三季度、2025-06';
  return '考核周期不能为空，且不超过40个字';
}
