/**
 * 35周岁以下 includes 35 (民法典 第1259条: “以上、以下、以内、届满，包括本数”): young until the day before the
 * 36th birthday; YOUNG_CADRE_AGE_RULE=strict counts under 35 full years. Cards read the label from config.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, youngBound } from '../../../src/config.js';
import { isYoungCadre, youngBirthCutoff } from '../../../src/domain/org/org.rules.js';
import { specFor } from '../../../src/domain/talks/talks.rules.js';

describe('the young-cadre age rule', () => {
  it.each([
    [{}, 36, '35周岁以下'],
    [{ YOUNG_CADRE_AGE_RULE: 'strict' }, 35, '未满35周岁'],
    [{ YOUNG_CADRE_MAX_AGE: '30' }, 31, '30周岁以下'],
    [{ YOUNG_CADRE_MAX_AGE: '30', YOUNG_CADRE_AGE_RULE: 'strict' }, 30, '未满30周岁'],
  ])('%o → under %i full years, label %s', (env, bound, label) => {
    const c = loadConfig({ PORT: '3999', ...env });
    expect([c.youngCadreMaxAge, c.youngCadreLabel]).toEqual([bound, label]);
  });

  it('refuses an unknown rule with a Chinese message', () => {
    expect(() => loadConfig({ PORT: '3999', YOUNG_CADRE_AGE_RULE: 'loose' })).toThrow(/inclusive（含本数/);
  });

  // Born 1991-06-15: turns 35 on 2026-06-15 and 36 on 2027-06-15.
  it.each([
    ['inclusive', '2026-06-14', true],
    ['inclusive', '2026-06-15', true], // turning 35 mid-month: still 35周岁以下
    ['inclusive', '2026-06-30', true],
    ['inclusive', '2027-06-14', true], // the day before the 36th birthday
    ['inclusive', '2027-06-15', false], // turning 36 mid-month: from that day on
    ['strict', '2026-06-14', true],
    ['strict', '2026-06-15', false],
  ] as const)('%s: young on %s → %s', (rule, on, young) => {
    expect(isYoungCadre('1991-06-15', on, youngBound(35, rule))).toBe(young);
  });

  it('a month in which the cadre turns 36 is judged on its last day: not young, no obligation', () => {
    const june = { kind: 'month', key: '2027-06', start: '2027-06-01', end: '2027-06-30' } as const;
    const s = specFor('unit_deputy', june, '2027-07-02', youngBound(35, 'inclusive'));
    expect(s.youngCutoff).toBe('1991-06-30');
    expect('1991-06-15' > s.youngCutoff).toBe(false);
    const may = { kind: 'month', key: '2026-06', start: '2026-06-01', end: '2026-06-30' } as const;
    expect('1991-06-15' > specFor('unit_deputy', may, '2026-07-02', youngBound(35, 'inclusive')).youngCutoff).toBe(
      true,
    );
    expect(youngBirthCutoff('2026-06-30', 36)).toBe('1990-06-30');
  });
});
