import { describe, expect, it } from 'vitest';
import {
  addWorkdays,
  CLUE_POOL_RULES,
  type ClueRole,
  decide,
  digestLines,
  dueFor,
  lateness,
  poolRuleFor,
  subWorkdays,
  TRANSITIONS,
  validateClue,
  viewLevel,
} from '../../../src/domain/clues/clues.rules.js';
import { CLUE_ACTIONS, CLUE_FINDINGS, CLUE_SEVERITIES, CLUE_STEPS } from '../../../src/domain/clues/clues.vocab.js';
import { WorkCalendar } from '../../../src/domain/talks/talks.calendar.js';

const ROLES: ClueRole[] = ['org_admin', 'discipline_liaison', 'leader', 'cadre', 'other'];

/** The one allowed (action, step, role) cell per row; everything else is refused. */
const ALLOWED: [string, string, ClueRole, string][] = [
  ['accept', 'reported', 'org_admin', 'reminding'],
  ['return', 'reported', 'org_admin', 'returned'],
  ['talk', 'reminding', 'leader', 'correcting'],
  ['correct', 'correcting', 'leader', 'closing'],
  ['close', 'closing', 'org_admin', 'closed'],
];

describe('clue transitions (table)', () => {
  const cells = CLUE_ACTIONS.flatMap((a) => CLUE_STEPS.flatMap((s) => ROLES.map((r) => [a, s, r] as const)));
  it.each(cells)('%s at %s by %s', (action, step, role) => {
    const d = decide(action, step, [role]);
    const allowed = ALLOWED.find(([a, s, r]) => a === action && s === step && r === role);
    if (allowed) expect(d).toEqual({ ok: true, to: allowed[3] });
    else {
      expect(d.ok).toBe(false);
      if (!d.ok) expect(d.why).toMatch(/当前|仅限/);
    }
  });

  it('the table and the expectations agree row for row', () => {
    expect(TRANSITIONS.map((t) => [t.action, t.from, t.by[0], t.to])).toEqual(ALLOWED);
  });

  it('says why: out of order names the step, wrong person names who may', () => {
    expect(decide('close', 'reported', ['org_admin'])).toEqual({ ok: false, why: '该线索当前待受理，不能进行此操作' });
    expect(decide('accept', 'reported', ['discipline_liaison'])).toEqual({ ok: false, why: '此操作仅限组织部门' });
    expect(decide('talk', 'reminding', ['org_admin'])).toEqual({ ok: false, why: '此操作仅限指定的谈话领导' });
    expect(decide('accept', 'closed', ['org_admin']).ok).toBe(false);
  });
});

describe('due dates in workdays', () => {
  const cal = new WorkCalendar();
  it('skips weekends and the National Day holiday, counts 调休 Saturdays', () => {
    // Fri 2026-11-27 + 3 workdays = Wed 2026-12-02
    expect(addWorkdays(cal, '2026-11-27', 3)).toBe('2026-12-02');
    // 2026-09-30 (Wed) + 1 workday: 10-01..10-07 are off → 10-08
    expect(addWorkdays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(subWorkdays(cal, '2026-12-02', 3)).toBe('2026-11-27');
    expect(dueFor(cal, 'reminding', '2026-11-27')).toBe('2026-12-04');
    expect(dueFor(cal, 'reported', '2026-11-27')).toBe('2026-12-02');
  });
  it('on time through the due date, overdue after, escalated after 3 workdays overdue', () => {
    expect(lateness(cal, '2026-12-02', '2026-12-02')).toBe('on_time');
    expect(lateness(cal, '2026-12-02', '2026-12-03')).toBe('overdue');
    expect(lateness(cal, '2026-12-02', '2026-12-04')).toBe('overdue');
    // Weekend days do not count: Mon 12-07 is the 3rd workday after 12-02.
    expect(lateness(cal, '2026-12-02', '2026-12-06')).toBe('overdue');
    expect(lateness(cal, '2026-12-02', '2026-12-07')).toBe('escalate');
    expect(lateness(cal, null, '2026-12-07')).toBe('on_time');
  });
});

describe('need-to-know', () => {
  it.each([
    [['org_admin'], 'reported', 'details'],
    [['discipline_liaison'], 'closing', 'details'],
    [['leader'], 'reminding', 'talk'],
    [['leader'], 'reported', 'none'],
    [['cadre'], 'reminding', 'none'],
    [['other'], 'closed', 'none'],
  ] as const)('%j at %s sees %s', (roles, step, level) => {
    expect(viewLevel(roles, step)).toBe(level);
  });
});

describe('clue form', () => {
  const ok = { cadre: 5, source: 'petition', severity: 'minor', summary: ' 推诿 ' };
  it('cleans a good form', () => {
    expect(validateClue(ok)).toEqual({
      cadreId: 5,
      source: 'petition',
      severity: 'minor',
      summary: '推诿',
      evidence: null,
    });
  });
  it.each([
    [{ ...ok, source: 'x' }, '请选择线索来源'],
    [{ ...ok, severity: '' }, '请选择问题性质'],
    [{ ...ok, summary: '  ' }, '请填写问题摘要'],
    [{ ...ok, summary: '字'.repeat(501) }, '问题摘要请控制在 500 字以内'],
    [{ ...ok, cadre: 0 }, '请选择线索涉及的干部'],
  ])('refuses %j', (form, msg) => {
    expect(validateClue(form)).toBe(msg);
  });
});

describe('pool consequences (data)', () => {
  it('every finding × severity has exactly one rule', () => {
    for (const f of CLUE_FINDINGS)
      for (const s of CLUE_SEVERITIES)
        expect(CLUE_POOL_RULES.filter((r) => r.finding === f && r.severities.includes(s))).toHaveLength(1);
  });
  it('属实 proposes a downgrade (exit when grave); 部分属实 watch; 不属实 lifts', () => {
    expect(poolRuleFor('substantiated', 'minor').effect).toBe('tier_down');
    expect(poolRuleFor('substantiated', 'grave').effect).toBe('exit');
    expect(poolRuleFor('partly', 'serious').effect).toBe('watch');
    expect(poolRuleFor('unfounded', 'grave').effect).toBe('lift');
  });
});

describe('digest', () => {
  it('counts by step and age, no names', () => {
    const lines = digestLines(
      [
        { step: 'reported', stepSince: '2026-11-30', dueOn: '2026-12-03' },
        { step: 'reported', stepSince: '2026-11-10', dueOn: '2026-11-13' },
        { step: 'reminding', stepSince: '2026-10-01', dueOn: '2026-10-15' },
      ],
      '2026-12-03',
    );
    expect(lines).toEqual([
      '在办问题线索 3 件',
      '待受理 2 件，其中超期 1 件',
      '待提醒（警醒谈话） 1 件，其中超期 1 件',
      '本环节停留：一周内 1 件，一个月内 1 件，超过一个月 1 件',
    ]);
    expect(digestLines([], '2026-12-03')).toEqual([]);
  });
});
