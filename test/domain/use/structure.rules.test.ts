/** 班子结构 measures and rules at boundary dates (35th/36th birthdays, township years across a transfer). */
import { describe, expect, it } from 'vitest';
import { ageOn, hasTownshipExperience } from '../../../src/domain/org/org.rules.js';
import {
  addMonths,
  firstBreak,
  forecast,
  leavesOn,
  measure,
  measureAt,
  ruleBreaks,
  structureRules,
  type Team,
  type TeamMember,
  withMember,
} from '../../../src/domain/use/structure/teams.rules.js';
import { parseStructureArgs } from '../../../src/domain/use/use.handlers.js';

/** Inclusive rule (35周岁以下 includes 35; 30岁以下 includes 30): logic bounds 36 and 31. */
const INCLUSIVE = { young: 36, under30: 31 };
/** Strict rule: under 35 / under 30 full years. */
const STRICT = { young: 35, under30: 30 };

let nextId = 1;
const m = (birthDate: string, extra: Partial<TeamMember> = {}): TeamMember => ({
  personId: nextId++,
  name: `成员${nextId}`,
  unitId: 1,
  birthDate,
  gender: '男',
  education: '大学',
  townshipWorkStart: null,
  ...extra,
});

describe('measures on a date', () => {
  it.each([
    // birth date, date asked, bounds, young, under30
    ['1991-06-15', '2026-06-14', 'inclusive', 1, 0], // 34 the day before the 35th birthday
    ['1991-06-15', '2026-06-15', 'inclusive', 1, 0], // 35th birthday: still 35周岁以下 (inclusive)
    ['1990-06-15', '2026-06-14', 'inclusive', 1, 0], // day before the 36th birthday: still young
    ['1990-06-15', '2026-06-15', 'inclusive', 0, 0], // 36th birthday: no longer young
    ['1991-06-15', '2026-06-15', 'strict', 0, 0], // strict: the 35th birthday ends it
    ['1991-06-15', '2026-06-14', 'strict', 1, 0],
    ['1996-06-15', '2026-06-15', 'inclusive', 1, 1], // 30th birthday: 30岁以下 inclusive
    ['1996-06-15', '2026-06-15', 'strict', 1, 0], // strict: 30 is not under 30
    ['1995-06-15', '2026-06-14', 'inclusive', 1, 1], // day before the 31st birthday
    ['1995-06-15', '2026-06-15', 'inclusive', 1, 0],
    ['1992-02-29', '2028-02-28', 'inclusive', 1, 0], // leap birthday: 36 only from 03-01 in common years? 2028 is leap
    ['1992-02-29', '2028-02-29', 'inclusive', 0, 0],
    ['1988-02-29', '2024-02-28', 'inclusive', 1, 0],
  ] as const)('born %s asked %s (%s) → young %i, under30 %i', (birth, on, rule, young, under30) => {
    const r = measure([m(birth)], on, rule === 'inclusive' ? INCLUSIVE : STRICT);
    expect([r.young, r.under30]).toEqual([young, under30]);
  });

  it('the cutoff comparisons agree with full-year ages on every day of four years (leap days, birthdays)', () => {
    // Births and township starts around month ends and 02-29; asked on every day 2027-01-01 … 2030-12-31.
    const births = ['1992-02-29', '1992-03-01', '1991-02-28', '1996-12-31', '1997-01-01', '1995-06-15'];
    const starts = [null, '2026-02-28', '2028-02-29', '2027-12-31', '2028-01-01'];
    const members = births.flatMap((b) => starts.map((s) => m(b, { townshipWorkStart: s })));
    for (const bounds of [INCLUSIVE, STRICT]) {
      for (let on = '2027-01-01'; on <= '2030-12-31'; on = nextDay(on)) {
        const fast = measureAt(on, bounds)(members);
        const young = members.filter((p) => ageOn(p.birthDate, on) < bounds.young).length;
        const under30 = members.filter((p) => ageOn(p.birthDate, on) < bounds.under30).length;
        const experienced = members.filter((p) => hasTownshipExperience(p.townshipWorkStart, on)).length;
        expect([on, fast.young, fast.under30, fast.townshipExperience]).toEqual([on, young, under30, experienced]);
      }
    }
  });

  it('counts 90后, women, education and 2+ township years across a transfer', () => {
    // Township work since 2024-03-01 in 青山镇, transferred to 溪口镇 on 2025-09-01: the start date stays.
    const moved = m('1995-01-01', { gender: '女', education: '研究生', townshipWorkStart: '2024-03-01', unitId: 2 });
    const newcomer = m('1989-12-31', { townshipWorkStart: '2025-09-01' });
    expect(measure([moved, newcomer], '2026-02-28', INCLUSIVE)).toMatchObject({
      size: 2,
      post90: 1,
      women: 1,
      postgraduate: 1,
      degree: 2,
      townshipExperience: 0,
    });
    expect(measure([moved, newcomer], '2026-03-01', INCLUSIVE).townshipExperience).toBe(1);
    expect(measure([moved, newcomer], '2027-09-01', INCLUSIVE).townshipExperience).toBe(2);
  });
});

describe('rules ahead of time', () => {
  const rules = structureRules({ minYoungPerTownship: 1, youngSharePct: 30, under30SharePct: 0 });
  const team = (unitId: number, members: TeamMember[]): Team => ({
    unitId,
    unitName: `乡镇${unitId}`,
    kind: 'township',
    members,
  });

  it('the first day out of range is the birthday of the bound (leap births from 03-01)', () => {
    expect(leavesOn('1990-06-15', 36)).toBe('2026-06-15');
    expect(leavesOn('1992-02-29', 36)).toBe('2028-02-29');
    expect(leavesOn('1988-02-29', 37)).toBe('2025-03-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 12)).toBe('2027-11-30');
  });

  it.each([
    // only young member born, date asked, horizon end, expected break date (null = none)
    ['1990-12-01', '2026-11-30', '2027-11-30', '2026-12-01'], // turns 36 tomorrow
    ['1990-11-30', '2026-11-30', '2027-11-30', '2026-11-30'], // 36th birthday today: broken now
    ['1991-11-30', '2026-11-30', '2027-11-30', '2027-11-30'], // on the last day of the horizon
    ['1991-12-01', '2026-11-30', '2027-11-30', null], // one day beyond it
  ])('only young member born %s, asked %s → breaks %s', (birth, on, until, expected) => {
    const only = m(birth, { name: '王小青' });
    const older = m('1975-01-01');
    const b = firstBreak(rules[0], [only, older], on, until, INCLUSIVE, { unitId: 1, unitName: '乡镇1' });
    expect(b?.date ?? null).toBe(expected);
    if (expected && expected > on) expect(b?.member?.name).toBe('王小青');
  });

  it('a team with two young members breaks when the later one leaves', () => {
    const a = m('1990-12-10', { name: '甲' });
    const b = m('1991-03-01', { name: '乙' });
    const r = firstBreak(rules[0], [a, b, m('1970-01-01')], '2026-11-30', '2027-11-30', INCLUSIVE, {
      unitId: 1,
      unitName: '乡镇1',
    });
    expect(r).toMatchObject({ date: '2027-03-01', member: { name: '乙' } });
  });

  it('county share target: warned on the birthday that takes it below 30%', () => {
    const teams = [
      team(1, [m('1995-01-01'), m('1970-01-01'), m('1970-01-01')]),
      team(2, [m('1991-02-01', { name: '丙' }), m('1970-01-01'), m('1970-01-01')]),
      team(3, [m('1996-01-01'), m('1970-01-01'), m('1970-01-01'), m('1970-01-01')]),
    ];
    // 3 young of 10 = 30% holds; 丙 turns 36 on 2027-02-01 → 2 of 10.
    const breaks = ruleBreaks(rules, teams, '2026-11-30', '2027-11-30', INCLUSIVE, '示范县');
    expect(breaks.map((x) => [x.rule.id, x.unitName, x.date, x.member?.name])).toEqual([
      ['team_min_young', '乡镇2', '2027-02-01', '丙'],
      ['county_young_share', '示范县', '2027-02-01', '丙'],
    ]);
    const points = forecast(teams, '2026-11-30', 12, INCLUSIVE, 1);
    expect(points).toHaveLength(13);
    expect(points[2]).toMatchObject({ date: '2027-01-30', teamsBelowMin: [] });
    expect(points[3]).toMatchObject({ date: '2027-02-28', teamsBelowMin: ['乡镇2'] });
    expect(points[3].measures.young).toBe(2);
  });

  it('what-if: placing a pool cadre repairs the team and moves him out of his old team', () => {
    const cadre = m('1998-05-05', { name: '丁', unitId: 3 });
    const teams = [team(1, [m('1970-01-01')]), team(3, [cadre, m('1996-01-01')])];
    expect(ruleBreaks(rules.slice(0, 1), teams, '2026-11-30', '2027-11-30', INCLUSIVE, '县')).toHaveLength(1);
    const after = withMember(teams, 1, cadre);
    expect(after[0].members.map((x) => x.name)).toContain('丁');
    expect(after[1].members.map((x) => x.name)).not.toContain('丁');
    expect(ruleBreaks(rules.slice(0, 1), after, '2026-11-30', '2027-11-30', INCLUSIVE, '县')).toEqual([]);
  });

  it('rules are data: a zero setting switches a rule off', () => {
    expect(structureRules({ minYoungPerTownship: 0, youngSharePct: 0, under30SharePct: 8 }).map((r) => r.id)).toEqual([
      'county_under30_share',
    ]);
  });
});

function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

describe('班子 arguments', () => {
  it('reads a date, 换届 (the configured term start), 预测; explains anything else', () => {
    expect(parseStructureArgs('', '2021-10-01')).toEqual({ mode: 'view', on: null });
    expect(parseStructureArgs(' 换届 ', '2021-10-01')).toEqual({ mode: 'view', on: '2021-10-01' });
    expect(parseStructureArgs('新一届', '2022-01-05')).toEqual({ mode: 'view', on: '2022-01-05' });
    expect(parseStructureArgs('2025年6月30日', '2021-10-01')).toEqual({ mode: 'view', on: '2025-06-30' });
    expect(parseStructureArgs('预测', '2021-10-01')).toEqual({ mode: 'forecast' });
    expect(() => parseStructureArgs('上届', '2021-10-01')).toThrow(/班子 换届/);
  });
});
