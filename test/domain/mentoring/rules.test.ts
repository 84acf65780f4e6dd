import { describe, expect, it } from 'vitest';
import { eligibilityReasons, HIGH_EDUCATIONS, reasonsText } from '../../../src/domain/mentoring/mentoring.rules.js';

const base = { birthDate: '1995-05-05', education: '大学', isXuandiao: false, isSecondee: false };

describe('结对帮带 eligibility', () => {
  it.each([
    [{}, []],
    [{ education: '研究生' }, ['high_education']],
    [{ isXuandiao: true }, ['xuandiao']],
    [{ isSecondee: true }, ['secondee']],
    [{ education: '研究生', isXuandiao: true, isSecondee: true }, ['high_education', 'xuandiao', 'secondee']],
    [{ education: '研究生', birthDate: '1991-11-30' }, []], // 35 on 2026-11-30
    [{ education: '研究生', birthDate: '1991-12-01' }, ['high_education']], // still 34
    [{ isXuandiao: true, birthDate: '1980-01-01' }, []], // over age: the 35 limit applies to every group
    [{ isSecondee: true, birthDate: '1992-02-29' }, ['secondee']],
  ])('%o → %o', (patch, reasons) => {
    expect(eligibilityReasons({ ...base, ...patch }, '2026-11-30', 35)).toEqual(reasons);
  });

  it('a 02-29 birthday ages out on 03-01 of a common year', () => {
    const p = { ...base, isXuandiao: true, birthDate: '1992-02-29' };
    expect(eligibilityReasons(p, '2027-02-28', 35)).toEqual(['xuandiao']);
    expect(eligibilityReasons(p, '2027-03-01', 35)).toEqual([]);
  });

  it('high education follows the org rule (研究生 only) and reads in Chinese', () => {
    expect(HIGH_EDUCATIONS).toEqual(['研究生']);
    expect(reasonsText(['high_education', 'xuandiao', 'secondee'])).toBe('高学历、选调生、省市派挂职');
  });
});
