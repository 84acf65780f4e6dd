import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateFromId,
  hasTownshipExperience,
  idCheckChar,
  isHighEducation,
  isPost90,
  isValidIdNumber,
  isYoungCadre,
  maskIdNumber,
  maskMobile,
  townshipYears,
  youngBirthCutoff,
} from '../../../src/domain/org/org.rules.js';
import { addDays } from '../../../src/time.js';

describe('ageOn (周岁)', () => {
  it.each([
    ['1990-05-17', '2025-05-16', 34],
    ['1990-05-17', '2025-05-17', 35],
    ['1990-05-17', '2025-12-31', 35],
    ['1990-12-31', '2026-01-01', 35],
    ['2000-02-29', '2026-02-28', 25],
    ['2000-02-29', '2026-03-01', 26],
    ['2000-02-29', '2028-02-29', 28],
    ['1966-01-01', '2026-01-01', 60],
  ])('born %s, on %s → %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('isYoungCadre', () => {
  it.each([
    ['1991-11-30', '2026-11-30', 35, false],
    ['1991-12-01', '2026-11-30', 35, true],
    ['1996-06-01', '2026-11-30', 31, true],
    ['1996-06-01', '2026-11-30', 30, false],
  ])('born %s on %s with threshold %i → %s', (birth, on, max, young) => {
    expect(isYoungCadre(birth, on, max)).toBe(young);
  });

  it('agrees with the SQL cutoff (birthDate > youngBirthCutoff) for every day across leap years', () => {
    for (const on of ['2024-02-28', '2024-02-29', '2025-02-28', '2025-03-01', '2026-11-30', '2028-02-29']) {
      const cutoff = youngBirthCutoff(on, 35);
      for (let d = -400; d <= 400; d++) {
        const birth = addDays(cutoff, d);
        expect(isYoungCadre(birth, on, 35), `${birth} on ${on}`).toBe(birth > cutoff);
      }
    }
  });

  it.each([
    ['2026-11-30', 35, '1991-11-30'],
    ['2024-02-29', 35, '1989-02-28'],
    ['2024-02-29', 36, '1988-02-29'],
  ])('cutoff on %s for %i is %s', (on, max, cutoff) => {
    expect(youngBirthCutoff(on, max)).toBe(cutoff);
  });
});

describe('isPost90', () => {
  it.each([
    ['1989-12-31', false],
    ['1990-01-01', true],
    ['1999-12-31', true],
    ['2000-01-01', false],
  ])('%s → %s', (birth, expected) => expect(isPost90(birth)).toBe(expected));
});

describe('townshipYears', () => {
  it.each([
    [null, '2026-11-30', 0],
    [undefined, '2026-11-30', 0],
    ['2027-01-01', '2026-11-30', 0],
    ['2024-12-01', '2026-11-30', 1],
    ['2024-11-30', '2026-11-30', 2],
    ['2010-03-15', '2026-11-30', 16],
  ])('from %s on %s → %i', (start, on, years) => {
    expect(townshipYears(start, on)).toBe(years);
    expect(hasTownshipExperience(start, on)).toBe(years >= 2);
  });
});

describe('isHighEducation (研究生 only)', () => {
  it.each([
    ['研究生', true],
    ['大学', false],
    ['大专', false],
    [null, false],
  ])('%s → %s', (edu, expected) => expect(isHighEducation(edu)).toBe(expected));
});

describe('masking', () => {
  it.each([
    ['13900000005', '139****0005'],
    ['123', '***'],
    [null, null],
  ])('mobile %s → %s', (m, masked) => expect(maskMobile(m)).toBe(masked));

  it.each([
    // No county and no birth digits: with the birth month shown on the card, the old 6+4 mask left 3 candidates.
    ['36070219960315002X', '3607**********002X'],
    ['360702960315002', '3607********002'],
    ['12345', '*****'],
    [null, null],
  ])('ID %s → %s', (id, masked) => expect(maskIdNumber(id)).toBe(masked));

  it('an ID mask never keeps a digit of the birth date', () => {
    const masked = maskIdNumber('36070219960315002X')!;
    expect(masked.slice(6, 14)).toBe('********');
  });
});

describe('ID numbers (GB 11643)', () => {
  it('computes the check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
  });
});
