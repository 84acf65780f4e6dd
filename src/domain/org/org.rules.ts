/**
 * Pure org rules over plain 'YYYY-MM-DD' strings: ages, the young-cadre test, township experience,
 * education and masking. No clock, no database: the reference date is always passed in.
 */

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** Full years (周岁) from `birthDate` to `on`; a birthday on 02-29 counts from 03-01 in common years. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = parts(birthDate);
  const [oy, om, od] = parts(on);
  const beforeBirthday = om < bm || (om === bm && od < bd);
  return oy - by - (beforeBirthday ? 1 : 0);
}

/** Young cadre: under `maxAge` full years on `on` (35周岁以下 with maxAge 35, from config.youngCadreMaxAge). */
export function isYoungCadre(birthDate: string, on: string, maxAge: number): boolean {
  return ageOn(birthDate, on) < maxAge;
}

/**
 * The latest birth date that is NOT young on `on`: young ⇔ birthDate > youngBirthCutoff(on, maxAge).
 * Lets SQL filter young cadres with one indexed comparison; agrees with isYoungCadre for every date.
 */
export function youngBirthCutoff(on: string, maxAge: number): string {
  const [oy, om, od] = parts(on);
  const y = oy - maxAge;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  // On 02-29 the cutoff year may be common: 'Y-02-29' does not exist, and 'Y-02-28' orders the same way.
  const day = om === 2 && od === 29 && !leap ? 28 : od;
  return `${String(y).padStart(4, '0')}-${String(om).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Born 1990–1999 (90后). */
export function isPost90(birthDate: string): boolean {
  const y = parts(birthDate)[0];
  return y >= 1990 && y <= 1999;
}

/** Full years of township work from `start` to `on`; 0 when unknown or in the future. */
export function townshipYears(start: string | null | undefined, on: string): number {
  if (!start || start > on) return 0;
  return Math.max(0, ageOn(start, on));
}

/** "2年以上乡镇工作经历". */
export const TOWNSHIP_EXPERIENCE_YEARS = 2;

export function hasTownshipExperience(start: string | null | undefined, on: string): boolean {
  return townshipYears(start, on) >= TOWNSHIP_EXPERIENCE_YEARS;
}

/**
 * 高学历: postgraduate (研究生, i.e. 硕士/博士). A bachelor's degree (大学) is the ordinary entry level of
 * county civil servants, so counting it would make almost every young cadre "high education" and the
 * mentoring scope (结对帮带: 高学历 + 选调生 + 挂职) meaningless.
 */
export function isHighEducation(education: string | null | undefined): boolean {
  return education === '研究生';
}

/** 139****0001 — keeps the first 3 and last 4 digits. */
export function maskMobile(mobile: string | null | undefined): string | null {
  if (!mobile) return null;
  if (mobile.length <= 7) return '*'.repeat(mobile.length);
  return `${mobile.slice(0, 3)}${'*'.repeat(mobile.length - 7)}${mobile.slice(-4)}`;
}

/**
 * 3607**********0025 — province and city (4) and the last 4 characters; no county and no birth digits, so the
 * mask cannot be narrowed down with the birth month a card shows. A 15-digit number keeps its last 3 only
 * (its 12th digit is the birth day). Anything else is fully masked.
 */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  if (idNumber.length === 18) return `${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(-4)}`;
  if (idNumber.length === 15) return `${idNumber.slice(0, 4)}${'*'.repeat(8)}${idNumber.slice(-3)}`;
  return '*'.repeat(idNumber.length);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Check character of an 18-character resident ID number (GB 11643) from its first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** 18 characters, 17 digits + digit/X, valid check character. */
export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

/** Birth date encoded in an 18-character ID number ('YYYY-MM-DD'). */
export function birthDateFromId(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
