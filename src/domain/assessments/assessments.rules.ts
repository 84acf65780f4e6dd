/**
 * Dynamic management (优进绌退) declared as data: which assessment results propose which pool change,
 * and the pure evaluation of that table for one person.
 */
import type { AssessmentKind } from '../../db/schema/assessments.js';
import type { ExitReason, ProposalAction } from '../../db/schema/pool.js';
import { applyChange, type EntryState } from '../pool/pool.rules.js';

export type RuleCondition =
  /** A new result of the rule's kind is one of `results`. */
  | { type: 'result'; results: string[] }
  /** The latest `count` annual results are all `result`, in consecutive years, and one of them is new. */
  | { type: 'streak'; result: string; count: number };

export interface AssessmentRule {
  id: string;
  kind: AssessmentKind;
  when: RuleCondition;
  propose: { action: ProposalAction; exitReason?: ExitReason };
  /** Chinese, shown on the proposal card. */
  label: string;
}

const finding = (id: string, kind: AssessmentKind): AssessmentRule[] => [
  {
    id: `${id}_confirmed`,
    kind,
    when: { type: 'result', results: ['属实'] },
    propose: { action: 'exit', exitReason: 'discipline' },
    label: `${kind}问题查实，建议调出资源库`,
  },
  {
    id: `${id}_partly`,
    kind,
    when: { type: 'result', results: ['部分属实'] },
    propose: { action: 'watch' },
    label: `${kind}问题部分属实，建议列入观察`,
  },
];

/** The rules table. Policy changes here, never in code paths. */
export const ASSESSMENT_RULES: readonly AssessmentRule[] = [
  {
    id: 'annual_excellent_twice',
    kind: '年度考核',
    when: { type: 'streak', result: '优秀', count: 2 },
    propose: { action: 'tier_up' },
    label: '连续两年年度考核优秀，建议上调一个层级',
  },
  {
    id: 'annual_basic',
    kind: '年度考核',
    when: { type: 'result', results: ['基本称职'] },
    propose: { action: 'watch' },
    label: '年度考核基本称职，建议列入观察',
  },
  {
    id: 'annual_unfit',
    kind: '年度考核',
    when: { type: 'result', results: ['不称职'] },
    propose: { action: 'exit', exitReason: 'assessment' },
    label: '年度考核不称职，建议调出资源库',
  },
  {
    id: 'special_poor',
    kind: '专项考核',
    when: { type: 'result', results: ['较差'] },
    propose: { action: 'watch' },
    label: '专项考核较差，建议列入观察',
  },
  {
    id: 'regular_poor',
    kind: '平时考核',
    when: { type: 'result', results: ['较差'] },
    propose: { action: 'watch' },
    label: '平时考核较差，建议列入观察',
  },
  ...finding('integrity', '廉洁自律'),
  ...finding('inspection', '巡视巡察'),
  ...finding('petition', '信访'),
];

export interface ResultFact {
  id: number;
  kind: AssessmentKind;
  period: string;
  result: string;
}

export interface ProposalDraft {
  ruleId: string;
  action: ProposalAction;
  exitReason: ExitReason | null;
  reason: string;
  /** Same rule + entry + triggering periods → the same key, so a dismissed proposal is not raised again. */
  dedupKey: string;
  basis: { kind: AssessmentKind; period: string; result: string }[];
}

/** The results that make `rule` fire, given all of a person's results and the ids that are new. */
function triggering(rule: AssessmentRule, all: ResultFact[], fresh: Set<number>): ResultFact[] | null {
  const ofKind = all.filter((r) => r.kind === rule.kind);
  if (rule.when.type === 'result') {
    const { results } = rule.when;
    const hits = ofKind.filter((r) => fresh.has(r.id) && results.includes(r.result));
    return hits.length > 0 ? hits : null;
  }
  const { result, count } = rule.when;
  const years = ofKind.filter((r) => /^\d{4}$/.test(r.period)).sort((a, b) => b.period.localeCompare(a.period));
  const top = years.slice(0, count);
  if (top.length < count || top.some((r) => r.result !== result)) return null;
  const consecutive = top.every((r, i) => i === 0 || Number(top[i - 1].period) - Number(r.period) === 1);
  return consecutive && top.some((r) => fresh.has(r.id)) ? top : null;
}

/** Proposals the rules make for one pool entry; changes that would not apply (already at the top …) are left out. */
export function evaluateRules(
  rules: readonly AssessmentRule[],
  entry: EntryState & { id: number },
  results: ResultFact[],
  freshIds: Iterable<number>,
): ProposalDraft[] {
  const fresh = new Set(freshIds);
  const drafts: ProposalDraft[] = [];
  for (const rule of rules) {
    const hits = triggering(rule, results, fresh);
    if (!hits) continue;
    const change = { action: rule.propose.action, exitReason: rule.propose.exitReason ?? null };
    if (!applyChange(entry, change).ok) continue;
    const periods = hits.map((h) => h.period).sort();
    drafts.push({
      ruleId: rule.id,
      action: rule.propose.action,
      exitReason: rule.propose.exitReason ?? null,
      reason: rule.label,
      dedupKey: `${rule.id}:${entry.id}:${periods.join('+')}`,
      basis: hits.map(({ kind, period, result }) => ({ kind, period, result })),
    });
  }
  return drafts;
}
