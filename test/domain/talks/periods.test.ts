import { describe, expect, it } from 'vitest';
import {
  type Cadence,
  cadenceChangeProblem,
  calendarPeriod,
  DEFAULT_CADENCES,
  periodLabel,
  periodOf,
  periodsBetween,
  previousPeriod,
} from '../../../src/domain/talks/talks.periods.js';

describe('calendarPeriod', () => {
  it.each([
    ['month', '2026-01-01', '2026-01', '2026-01-01', '2026-01-31'],
    ['month', '2026-01-31', '2026-01', '2026-01-01', '2026-01-31'],
    ['month', '2026-02-15', '2026-02', '2026-02-01', '2026-02-28'],
    ['month', '2028-02-29', '2028-02', '2028-02-01', '2028-02-29'],
    ['month', '2024-02-01', '2024-02', '2024-02-01', '2024-02-29'],
    ['month', '2100-02-10', '2100-02', '2100-02-01', '2100-02-28'],
    ['month', '2000-02-10', '2000-02', '2000-02-01', '2000-02-29'],
    ['month', '2026-12-31', '2026-12', '2026-12-01', '2026-12-31'],
    ['quarter', '2026-03-31', '2026-Q1', '2026-01-01', '2026-03-31'],
    ['quarter', '2026-04-01', '2026-Q2', '2026-04-01', '2026-06-30'],
    ['quarter', '2026-09-30', '2026-Q3', '2026-07-01', '2026-09-30'],
    ['quarter', '2026-12-31', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['half_year', '2026-06-30', '2026-H1', '2026-01-01', '2026-06-30'],
    ['half_year', '2026-07-01', '2026-H2', '2026-07-01', '2026-12-31'],
    ['year', '2026-05-05', '2026', '2026-01-01', '2026-12-31'],
  ] as const)('%s of %s is %s [%s, %s]', (kind, date, key, start, end) => {
    expect(calendarPeriod(kind, date)).toEqual({ kind, key, start, end });
  });
});

describe('periodOf with cadence changes (not retroactive, cut at the change)', () => {
  const changed: Cadence[] = [
    ...DEFAULT_CADENCES,
    { relation: 'unit_main', periodKind: 'month', effectiveFrom: '2026-05-01' },
    { relation: 'unit_main', periodKind: 'half_year', effectiveFrom: '2027-01-01' },
  ];
  it.each([
    ['2026-04-15', '2026-Q2', '2026-04-01', '2026-04-30'],
    ['2026-05-01', '2026-05', '2026-05-01', '2026-05-31'],
    ['2026-12-31', '2026-12', '2026-12-01', '2026-12-31'],
    ['2027-03-03', '2027-H1', '2027-01-01', '2027-06-30'],
    ['2026-03-31', '2026-Q1', '2026-01-01', '2026-03-31'],
  ])('unit_main on %s → %s [%s, %s]', (date, key, start, end) => {
    const p = periodOf(changed, 'unit_main', date);
    expect([p.key, p.start, p.end]).toEqual([key, start, end]);
  });

  it('leaves other relations alone', () => {
    expect(periodOf(changed, 'unit_deputy', '2026-04-15').key).toBe('2026-04');
  });

  it('previousPeriod crosses the change and year ends', () => {
    expect(previousPeriod(changed, 'unit_main', '2026-05-10')).toMatchObject({ key: '2026-Q2', end: '2026-04-30' });
    expect(previousPeriod(DEFAULT_CADENCES, 'unit_deputy', '2026-01-05')).toMatchObject({ key: '2025-12' });
    expect(previousPeriod(DEFAULT_CADENCES, 'county_leader', '2026-03-01')).toMatchObject({ key: '2025-H2' });
  });

  it('periodsBetween tiles the range without gaps or overlaps', () => {
    const ps = periodsBetween(changed, 'unit_main', '2026-01-01', '2027-12-31');
    expect(ps.map((p) => p.key)).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-H1',
      '2027-H2',
    ]);
    for (let i = 1; i < ps.length; i++) expect(ps[i].start > ps[i - 1].end).toBe(true);
  });
});

describe('labels and cadence change validation', () => {
  it.each([
    [{ kind: 'month', key: '2026-03' }, '2026年3月'],
    [{ kind: 'quarter', key: '2026-Q4' }, '2026年第四季度'],
    [{ kind: 'half_year', key: '2026-H1' }, '2026年上半年'],
    [{ kind: 'half_year', key: '2026-H2' }, '2026年下半年'],
    [{ kind: 'year', key: '2026' }, '2026年'],
  ] as const)('%o → %s', (p, label) => expect(periodLabel(p)).toBe(label));

  it.each([
    ['2027-01-01', '2026-11-30', null],
    ['2026-12-01', '2026-11-30', null],
    ['2026-11-01', '2026-11-30', '生效日期不能早于 2026-12-01（调整不追溯）'],
    ['2026-12-15', '2026-11-30', '生效日期须为某月的 1 日'],
    ['2027-01-01', '2026-12-31', null],
    ['2026-12-01', '2026-12-01', '生效日期不能早于 2027-01-01（调整不追溯）'],
  ])('change from %s on %s → %s', (from, today, problem) => expect(cadenceChangeProblem(from, today)).toBe(problem));
});
