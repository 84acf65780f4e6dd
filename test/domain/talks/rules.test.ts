import { describe, expect, it } from 'vitest';
import { DEFAULT_CADENCES } from '../../../src/domain/talks/talks.periods.js';
import { parseRange } from '../../../src/domain/talks/talks.range.js';
import {
  currentSpecs,
  inReminderWindow,
  isLateArrival,
  obligationState,
  overdueSteps,
  previousSpecs,
  specFor,
  specsBetween,
} from '../../../src/domain/talks/talks.rules.js';
import { splitProblems, splitTopics, validateTalk } from '../../../src/domain/talks/talks.validation.js';

describe('period specs', () => {
  it('evaluates a running period today and a finished one on its last day', () => {
    const q = { kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' } as const;
    expect(specFor('unit_main', q, '2026-11-30', 35)).toMatchObject({
      evalDate: '2026-11-30',
      youngCutoff: '1991-11-30',
    });
    expect(specFor('unit_main', q, '2027-01-05', 35)).toMatchObject({
      evalDate: '2026-12-31',
      youngCutoff: '1991-12-31',
    });
  });

  it('a leap-day evaluation maps to 02-28 of a common birth year', () => {
    const feb = { kind: 'month', key: '2028-02', start: '2028-02-01', end: '2028-02-29' } as const;
    expect(specFor('unit_deputy', feb, '2028-03-02', 35).youngCutoff).toBe('1993-02-28');
  });

  it('current and previous specs cover every relation', () => {
    expect(currentSpecs(DEFAULT_CADENCES, '2026-11-30', 35).map((s) => s.period.key)).toEqual([
      '2026-H2',
      '2026-Q4',
      '2026-11',
      '2026-H2',
    ]);
    expect(previousSpecs(DEFAULT_CADENCES, '2026-11-30', 35).map((s) => s.period.key)).toEqual([
      '2026-H1',
      '2026-Q3',
      '2026-10',
      '2026-H1',
    ]);
  });

  it('specsBetween stops at today', () => {
    const keys = specsBetween(DEFAULT_CADENCES, '2026-01-01', '2026-12-31', '2026-03-15', 35).map(
      (s) => `${s.relation}:${s.period.key}`,
    );
    expect(keys).toEqual([
      'county_leader:2026-H1',
      'unit_main:2026-Q1',
      'unit_deputy:2026-01',
      'unit_deputy:2026-02',
      'unit_deputy:2026-03',
      'mentor:2026-H1',
    ]);
  });
});

describe('obligation state and reminder windows', () => {
  it.each([
    [1, '2026-12-31', '2026-11-30', 'done'],
    [0, '2026-12-31', '2026-11-30', 'open'],
    [0, '2026-12-31', '2026-12-31', 'open'],
    [0, '2026-12-31', '2027-01-01', 'overdue'],
    [2, '2026-09-30', '2027-01-01', 'done'],
  ] as const)('talks=%i end=%s asOf=%s → %s', (n, end, asOf, state) =>
    expect(obligationState(n, end, asOf)).toBe(state),
  );

  it.each([
    [1, '2026-12-31', '2027-01-01', true, 'done'],
    [0, '2026-12-31', '2026-12-30', true, 'open'],
    [0, '2026-12-31', '2027-01-01', true, 'excused'],
    [0, '2026-12-31', '2027-01-01', false, 'overdue'],
  ] as const)('talks=%i end=%s asOf=%s late=%s → %s', (n, end, asOf, late, state) =>
    expect(obligationState(n, end, asOf, late)).toBe(state),
  );

  // Late arrival: the later of the holder's and the cadre's start dates on or after the window start.
  it.each([
    ['2026-01-01', '2026-01-01', '2026-12-17', false],
    ['2026-12-17', '2026-01-01', '2026-12-17', true],
    ['2026-12-16', '2026-01-01', '2026-12-17', false],
    ['2026-01-01', '2026-12-29', '2026-12-17', true],
  ])('holder since %s, cadre since %s, window from %s → late %s', (h, c, g, late) =>
    expect(isLateArrival(h, c, g)).toBe(late),
  );

  it.each([
    ['2026-12-17', '2026-12-16', false],
    ['2026-12-17', '2026-12-17', true],
    ['2026-12-17', '2026-12-31', true],
    ['2026-12-17', '2027-01-01', false],
  ])('window from %s, today %s → in window %s', (graceFrom, today, inside) => {
    const period = { kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' } as const;
    expect(inReminderWindow({ graceFrom, period }, today)).toBe(inside);
  });

  it.each([
    [0, 5, false, false],
    [1, 5, true, false],
    [5, 5, true, false],
    [6, 5, false, true],
    [20, 5, false, true],
    [1, 0, true, true],
  ])('%i workdays overdue, M=%i → leader %s, admin %s', (w, m, leader, admin) =>
    expect(overdueSteps(w, m)).toEqual({ leader, admin }),
  );
});

describe('talk form validation', () => {
  const base = {
    cadreId: 7,
    date: '2026-11-30 +0800',
    kind: 'regular',
    tone: 'encourage',
    topics: '思想状况、工作困难',
  } as const;
  it.each([
    [{ date: '2026-12-01' }, '谈话日期不能晚于今天'],
    [{ date: '2026-02-30' }, '请选择正确的谈话日期'],
    [{ date: '' }, '请选择正确的谈话日期'],
    [{ date: '2025-11-28' }, '只能补录一年以内的谈话'],
    [{ topics: '  、 ，' }, '请填写谈话主题'],
    [{ topics: '' }, '请填写谈话主题'],
    [{ problems: 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk' }, '一次谈话最多登记 10 个问题'],
    [{ problems: 'x'.repeat(201) }, '每个问题请控制在 200 字以内'],
  ])('%o → %s', (patch, message) => expect(validateTalk({ ...base, ...patch }, '2026-11-30')).toBe(message));

  it('cleans a valid form', () => {
    expect(validateTalk({ ...base, problems: '1. 住房困难\n\n- 孩子入学', notes: '  ' }, '2026-11-30')).toEqual({
      cadreId: 7,
      talkDate: '2026-11-30',
      kind: 'regular',
      tone: 'encourage',
      topics: ['思想状况', '工作困难'],
      problems: ['住房困难', '孩子入学'],
      notes: null,
    });
  });

  it('splits topics and problems', () => {
    expect(splitTopics('a，b;c\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitProblems('1、甲\n2) 乙\n• 丙')).toEqual(['甲', '乙', '丙']);
  });
});

describe('parseRange (统计)', () => {
  it.each([
    ['', { from: '2026-01-01', to: '2026-11-30' }],
    ['2025', { from: '2025-01-01', to: '2025-12-31' }],
    ['2026年', { from: '2026-01-01', to: '2026-11-30' }],
    ['2022-1-1', { from: '2022-01-01', to: '2026-11-30' }],
    ['2026-01-01 至 2026-06-30', { from: '2026-01-01', to: '2026-06-30' }],
    ['2026-06-30 2026-01-01', '结束日期 2026-01-01 早于开始日期 2026-06-30，请检查统计期'],
    ['2026-01-01 2027-06-30', { from: '2026-01-01', to: '2026-11-30' }],
    ['2027', '统计期 2027-01-01 至 2027-12-31 尚未开始（今天是 2026-11-30），请选择已经过去的时间'],
    ['上个月', '时间范围格式：统计 2026，或 统计 2026-01-01 至 2026-06-30'],
  ])('%s → %o', (args, out) => expect(parseRange(args, '2026-11-30')).toEqual(out));
});
