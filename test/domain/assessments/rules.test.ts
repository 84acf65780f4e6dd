import { describe, expect, it } from 'vitest';
import { ASSESSMENT_RULES, evaluateRules, type ResultFact } from '../../../src/domain/assessments/assessments.rules.js';
import { normalizeKind, normalizePeriod, normalizeResult } from '../../../src/domain/assessments/assessments.vocab.js';
import type { EntryState } from '../../../src/domain/pool/pool.rules.js';

let seq = 0;
const r = (kind: ResultFact['kind'], period: string, result: string): ResultFact => ({
  id: ++seq,
  kind,
  period,
  result,
});

describe('evaluateRules (the rules table)', () => {
  const mid: EntryState & { id: number } = { id: 7, tier: 'mid_term', status: 'active' };
  const cases: {
    name: string;
    entry?: EntryState & { id: number };
    old: ResultFact[];
    fresh: ResultFact[];
    want: string[];
  }[] = [
    {
      name: '优秀 twice in a row → up',
      old: [r('年度考核', '2024', '优秀')],
      fresh: [r('年度考核', '2025', '优秀')],
      want: ['annual_excellent_twice:tier_up'],
    },
    {
      name: 'both 优秀 new in one import → up',
      old: [],
      fresh: [r('年度考核', '2024', '优秀'), r('年度考核', '2025', '优秀')],
      want: ['annual_excellent_twice:tier_up'],
    },
    {
      name: '优秀 with a gap year → nothing',
      old: [r('年度考核', '2022', '优秀')],
      fresh: [r('年度考核', '2024', '优秀')],
      want: [],
    },
    {
      name: '优秀 once → nothing',
      old: [r('年度考核', '2024', '称职')],
      fresh: [r('年度考核', '2025', '优秀')],
      want: [],
    },
    {
      name: 'old streak, new 平时考核 → nothing',
      old: [r('年度考核', '2024', '优秀'), r('年度考核', '2025', '优秀')],
      fresh: [r('平时考核', '2026Q1', '好')],
      want: [],
    },
    {
      name: 'at the top tier → no up',
      entry: { id: 8, tier: 'near_term', status: 'active' },
      old: [r('年度考核', '2024', '优秀')],
      fresh: [r('年度考核', '2025', '优秀')],
      want: [],
    },
    { name: '基本称职 → watch', old: [], fresh: [r('年度考核', '2025', '基本称职')], want: ['annual_basic:watch'] },
    {
      name: '基本称职 while on watch → nothing',
      entry: { id: 9, tier: 'mid_term', status: 'watch' },
      old: [],
      fresh: [r('年度考核', '2025', '基本称职')],
      want: [],
    },
    {
      name: '不称职 → exit (assessment)',
      old: [],
      fresh: [r('年度考核', '2025', '不称职')],
      want: ['annual_unfit:exit:assessment'],
    },
    { name: '平时考核 较差 → watch', old: [], fresh: [r('平时考核', '2025Q3', '较差')], want: ['regular_poor:watch'] },
    {
      name: '专项考核 较差 → watch',
      old: [],
      fresh: [r('专项考核', '2025年防汛', '较差')],
      want: ['special_poor:watch'],
    },
    {
      name: '廉洁自律 属实 → exit (discipline)',
      old: [],
      fresh: [r('廉洁自律', '2025', '属实')],
      want: ['integrity_confirmed:exit:discipline'],
    },
    {
      name: '信访 属实 → exit',
      old: [],
      fresh: [r('信访', '2025-06', '属实')],
      want: ['petition_confirmed:exit:discipline'],
    },
    {
      name: '巡视巡察 部分属实 → watch',
      old: [],
      fresh: [r('巡视巡察', '2025年第二轮', '部分属实')],
      want: ['inspection_partly:watch'],
    },
    { name: '信访 不属实 → nothing', old: [], fresh: [r('信访', '2025-06', '不属实')], want: [] },
    {
      name: 'an old 不称职 is not raised again by a new 称职',
      old: [r('年度考核', '2024', '不称职')],
      fresh: [r('年度考核', '2025', '称职')],
      want: [],
    },
  ];
  it.each(cases)('$name', ({ entry, old, fresh, want }) => {
    const e = entry ?? mid;
    const drafts = evaluateRules(
      ASSESSMENT_RULES,
      e,
      [...old, ...fresh],
      fresh.map((f) => f.id),
    );
    expect(drafts.map((d) => [d.ruleId, d.action, d.exitReason].filter(Boolean).join(':'))).toEqual(want);
  });

  it('gives the same facts the same dedup key (a dismissed proposal is not raised again)', () => {
    const a = r('年度考核', '2024', '优秀');
    const b = r('年度考核', '2025', '优秀');
    const first = evaluateRules(ASSESSMENT_RULES, mid, [a, b], [b.id]);
    const again = evaluateRules(ASSESSMENT_RULES, mid, [a, b], [a.id, b.id]);
    expect(first[0].dedupKey).toBe('annual_excellent_twice:7:2024+2025');
    expect(again[0].dedupKey).toBe(first[0].dedupKey);
  });

  it('declares every rule with a Chinese label and a kind', () => {
    for (const rule of ASSESSMENT_RULES) {
      expect(rule.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(rule.propose.action === 'exit' ? rule.propose.exitReason : 'ok').toBeTruthy();
    }
    expect(new Set(ASSESSMENT_RULES.map((x) => x.id)).size).toBe(ASSESSMENT_RULES.length);
  });
});

describe('vocabulary', () => {
  it.each([
    ['年度考核', '年度考核'],
    [' 年度 ', '年度考核'],
    ['廉洁', '廉洁自律'],
    ['巡察', '巡视巡察'],
    ['信访举报', '信访'],
    ['述职', null],
  ])('kind %s → %s', (raw, want) => expect(normalizeKind(raw)).toBe(want));

  it.each([
    ['年度考核', '优秀', '优秀'],
    ['年度考核', '合格', '称职'],
    ['年度考核', '基本合格', '基本称职'],
    ['年度考核', '好', null],
    ['平时考核', '较好', '较好'],
    ['平时考核', '优秀', null],
    ['信访', '查实', '属实'],
    ['廉洁自律', '未发现问题', '无问题'],
    ['巡视巡察', '部分查实', '部分属实'],
    ['专项考核', '不合格', '较差'],
  ] as const)('%s result %s → %s', (kind, raw, want) => expect(normalizeResult(kind, raw)).toBe(want));

  it.each([
    ['年度考核', '2025', '2025'],
    ['年度考核', 2025, '2025'],
    ['年度考核', '2025年度', '2025'],
    ['年度考核', '２０２５年', '2025'],
    ['年度考核', '2025Q1', null],
    ['平时考核', '2025年第三季度', '2025Q3'],
    ['平时考核', '2025年第3季度', '2025Q3'],
    ['平时考核', '2025Q4', '2025Q4'],
    ['平时考核', '2025-06', '2025-06'],
    ['平时考核', '2025年6月', '2025-06'],
    ['平时考核', '2025', null],
    ['专项考核', '2025年防汛专项', '2025年防汛专项'],
    ['信访', '', null],
    ['信访', '2025.7', '2025-07'],
  ] as const)('%s period %s → %s', (kind, raw, want) => expect(normalizePeriod(kind, raw)).toBe(want));
});
