/** Vocabularies of 管: problem clues (问题线索) and the work-tracking ledger (跟踪考核台账). */

export const CLUE_SOURCES = ['discipline', 'petition', 'inspection', 'audit', 'other'] as const;
export type ClueSource = (typeof CLUE_SOURCES)[number];
export const SOURCE_LABELS: Record<ClueSource, string> = {
  discipline: '纪委监委',
  petition: '信访',
  inspection: '巡察',
  audit: '审计',
  other: '其他',
};

export const CLUE_SEVERITIES = ['minor', 'serious', 'grave'] as const;
export type ClueSeverity = (typeof CLUE_SEVERITIES)[number];
export const SEVERITY_LABELS: Record<ClueSeverity, string> = { minor: '一般', serious: '较重', grave: '严重' };

/**
 * 报送 reported → 受理 (org_admin accepts and assigns the leader, or returns it) → 提醒 reminding (the leader's
 * warning talk) → 纠正 correcting (the leader confirms the correction) → 办结 closing (org_admin's finding) → closed.
 */
export const CLUE_STEPS = ['reported', 'reminding', 'correcting', 'closing', 'closed', 'returned'] as const;
export type ClueStep = (typeof CLUE_STEPS)[number];
export type OpenStep = Exclude<ClueStep, 'closed' | 'returned'>;
export const OPEN_STEPS: readonly OpenStep[] = ['reported', 'reminding', 'correcting', 'closing'];
export const STEP_LABELS: Record<ClueStep, string> = {
  reported: '待受理',
  reminding: '待提醒（警醒谈话）',
  correcting: '待纠正',
  closing: '待办结',
  closed: '已办结',
  returned: '已退回',
};

export const CLUE_FINDINGS = ['substantiated', 'partly', 'unfounded'] as const;
export type ClueFinding = (typeof CLUE_FINDINGS)[number];
export const FINDING_LABELS: Record<ClueFinding, string> = {
  substantiated: '属实',
  partly: '部分属实',
  unfounded: '不属实',
};

export const CLUE_ACTIONS = ['accept', 'return', 'talk', 'correct', 'close'] as const;
export type ClueAction = (typeof CLUE_ACTIONS)[number];
export const ACTION_LABELS: Record<ClueAction, string> = {
  accept: '受理',
  return: '退回',
  talk: '警醒谈话（提醒）',
  correct: '确认纠正',
  close: '办结',
};

export const LEDGER_RATINGS = ['good', 'fairly_good', 'average', 'poor'] as const;
export type LedgerRating = (typeof LEDGER_RATINGS)[number];
export const RATING_LABELS: Record<LedgerRating, string> = {
  good: '好',
  fairly_good: '较好',
  average: '一般',
  poor: '差',
};
