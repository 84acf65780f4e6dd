import { isIsoDate } from '../../../time.js';
import { isValidIdNumber } from '../org.rules.js';
import {
  accepted,
  CADRE_TYPE_SYNONYMS,
  DEGREE,
  EDUCATION_LEVELS,
  EDUCATION_SYNONYMS,
  type EducationLevel,
  LEVEL_SYNONYMS,
  LEVELS,
  type Level,
  PLACEHOLDERS,
  POLITICAL_SYNONYMS,
  RANK_SYNONYMS,
  RANKS,
  type Rank,
} from './roster.vocab.js';

/** A cell as read from the sheet: a primitive plus its number format (to read 1990.10 typed as a number). */
export interface Cell {
  value: string | number | boolean | Date | null;
  numFmt?: string;
  /** A formula whose result the file does not store (value is null): a row error wherever it is read. */
  formula?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Full-width → half-width, trimmed, inner runs of whitespace collapsed. */
export function normText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Text of any cell; '' when empty. Numbers keep their digits (no exponent for ≤ 15 digits). */
export function cellText(c: Cell | undefined): string {
  if (!c || c.value === null) return '';
  if (c.value instanceof Date) return c.value.toISOString().slice(0, 10);
  return normText(String(c.value));
}

export const isEmpty = (c: Cell | undefined) => c?.formula === undefined && cellText(c) === '';

/** 'YYYY-MM-DD' with a valid month and day; `precision` says whether the day was given. */
export interface DateValue {
  date: string;
  precision: 'day' | 'month';
}

function ymd(y: number, m: number, d: number | undefined, raw: string): Parsed<DateValue> {
  if (m < 1 || m > 12) return bad(`“${raw}”中的月份不对`);
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d ?? 1).padStart(2, '0')}`;
  if (!isIsoDate(date)) return bad(`“${raw}”不是有效日期`);
  if (y < 1900 || y > 2100) return bad(`“${raw}”的年份不对`);
  return ok({ date, precision: d === undefined ? 'month' : 'day' });
}

/** Excel's 1900 date system: serial 1 = 1900-01-01, with its fictitious 1900-02-29 (hence the 1899-12-30 epoch). */
function fromSerial(serial: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

function fromNumber(n: number, numFmt: string | undefined, raw: string): Parsed<DateValue> {
  const whole = Math.floor(n);
  if (whole >= 1900 && whole <= 2100) {
    if (Number.isInteger(n)) return bad(`“${raw}”只有年份，请写出年月，如 1990.05`);
    // 1990.10 typed into a number cell becomes 1990.1; only a two-decimal format tells it from 1990.01.
    const twoDecimals = /0\.00/.test(numFmt ?? '');
    const text = twoDecimals ? n.toFixed(2) : String(n);
    const frac = text.split('.')[1] ?? '';
    if (frac === '1' && !twoDecimals)
      return bad(`“${raw}”无法确定是1月还是10月，请把单元格设为文本，写成 1990.01 或 1990.10`);
    return ymd(whole, Number(frac.length === 1 ? frac : frac.slice(0, 2)), undefined, raw);
  }
  if (Number.isInteger(n) && n >= 10_000_000 && n <= 29_991_231) return fromDigits(String(n), raw);
  if (Number.isInteger(n) && n >= 190_001 && n <= 210_012) return fromDigits(String(n), raw);
  if (n > 0 && n < 100_000) return ok({ date: fromSerial(n), precision: 'day' });
  return bad(`“${raw}”不是可识别的日期`);
}

function fromDigits(s: string, raw: string): Parsed<DateValue> {
  if (s.length === 8) return ymd(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), raw);
  return ymd(Number(s.slice(0, 4)), Number(s.slice(4, 6)), undefined, raw);
}

const DATE_TEXT = /^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(\d{1,2})\s*日?|月)?$/;

/** 1990.05 / 1990-05-01 / 1990/5/1 / 1990年5月 / 1990年5月1日 / 199005 / 19900501 / Excel serial / date cells. */
export function parseDate(c: Cell | undefined): Parsed<DateValue> {
  // 出生年月（岁） columns append the age: "1990.05（36岁）".
  const raw = cellText(c).replace(/\s*\(\d{1,3}岁\)$/, '');
  if (!c || raw === '') return bad('为空');
  if (c.value instanceof Date) {
    if (Number.isNaN(c.value.getTime())) return bad('不是有效日期');
    return ok({ date: c.value.toISOString().slice(0, 10), precision: 'day' });
  }
  if (typeof c.value === 'number') return fromNumber(c.value, c.numFmt, raw);
  const m = DATE_TEXT.exec(raw);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]), raw);
  if (/^\d{6}$|^\d{8}$/.test(raw)) return fromDigits(raw, raw);
  if (/^\d{5}(\.\d+)?$/.test(raw)) return ok({ date: fromSerial(Number(raw)), precision: 'day' });
  return bad(`“${raw}”不是可识别的日期，请写成 1990.05 或 1990-05-01`);
}

export function parseGender(c: Cell | undefined): Parsed<'男' | '女'> {
  const t = cellText(c);
  if (/^男(性)?$/.test(t)) return ok('男');
  if (/^女(性)?$/.test(t)) return ok('女');
  return bad(`“${t}”不是有效性别，请填写“男”或“女”`);
}

const compact = (t: string) => t.replace(/\s/g, '');

/** A 学历 word → level, after dropping 全日制/在职 prefixes and 学历/毕业 suffixes. */
export function educationLevel(t: string): EducationLevel | undefined {
  const n = compact(t)
    .replace(/^(全日制|在职|中央党校|省委党校|市委党校|党校)/, '')
    .replace(/(学历|毕业|结业)$/, '');
  return EDUCATION_SYNONYMS[n];
}

const EDUCATION_ACCEPTED = `${accepted(EDUCATION_LEVELS)}（也可写 本科、硕士研究生、大学专科 等）`;

/** The 学历 column: one level from the vocabulary (a stacked cell takes its 学历 line). */
export function parseEducation(c: Cell | undefined): Parsed<EducationLevel> {
  const t = cellText(c);
  const level = educationLevel(t) ?? splitEducation(t).find((p) => p.level)?.level;
  if (level) return ok(level);
  return bad(`“${t}”不是可识别的学历，请填写 ${EDUCATION_ACCEPTED}`);
}

/** Parts of a stacked 学历学位 cell: "研究生\n管理学硕士" → 研究生 (level) + 管理学硕士 (degree). */
function splitEducation(t: string): { text: string; level?: EducationLevel; degree?: string }[] {
  return t
    .split(/[\s/／、,，;；]+/)
    .filter((p) => p && !PLACEHOLDERS.has(p))
    .map((p) => (DEGREE.test(p) ? { text: p, degree: p.replace(/学位$/, '') } : { text: p, level: educationLevel(p) }));
}

export interface EducationCell {
  /** The 学历 as written (e.g. 大学本科). */
  education?: string;
  level?: EducationLevel;
  degree?: string;
}

/** A 全日制/在职 学历学位 cell: 学历 and 学位 split, each from its vocabulary. */
export function parseEducationCell(c: Cell | undefined): Parsed<EducationCell> {
  const t = cellText(c);
  const out: EducationCell = {};
  for (const p of splitEducation(t)) {
    if (p.degree && !out.degree) out.degree = p.degree;
    else if (p.level && !out.level) Object.assign(out, { level: p.level, education: p.text });
    else
      return bad(
        `“${p.text}”不是可识别的学历或学位；学历请填写 ${EDUCATION_ACCEPTED}，学位请写如 管理学硕士、工学学士（两者可分两行写在同一格）`,
      );
  }
  return ok(out);
}

/** A 学位 cell alone. */
export function parseDegree(c: Cell | undefined): Parsed<string> {
  const t = compact(cellText(c));
  if (DEGREE.test(t)) return ok(t.replace(/学位$/, ''));
  return bad(`“${cellText(c)}”不是可识别的学位，请写如 管理学硕士、工学学士、法学博士`);
}

const CADRE_TYPES_ACCEPTED = '公务员/参公/事业/国企/村干部/其他';

export function parseCadreType(c: Cell | undefined) {
  const t = compact(cellText(c));
  const v = CADRE_TYPE_SYNONYMS[t];
  if (v) return ok(v);
  return bad(`“${cellText(c)}”不是可识别的干部类别，请填写 ${CADRE_TYPES_ACCEPTED}`);
}

/** 层级 / 职务层次: a level (乡科级副职 → 副科), or a 职级 that also sets the level where it implies one. */
export function parseLevel(c: Cell | undefined): Parsed<{ level?: Level; rank?: Rank }> {
  const t = compact(cellText(c));
  const v = LEVEL_SYNONYMS[t];
  if (v) return ok(v);
  return bad(
    `“${cellText(c)}”不是可识别的职务层次，请填写 ${accepted(LEVELS)}，或 乡科级副职、乡科级正职、县处级副职、县处级正职（领导职务）`,
  );
}

/** 职级 (公务员 职级, 事业单位 职员). */
export function parseRank(c: Cell | undefined): Parsed<Rank> {
  const t = compact(cellText(c));
  const v = RANK_SYNONYMS[t];
  if (v) return ok(v);
  return bad(`“${cellText(c)}”不是可识别的职级，请填写 ${accepted(RANKS, 30)}`);
}

export function parsePolitical(c: Cell | undefined): Parsed<string> {
  const t = compact(cellText(c));
  const v = POLITICAL_SYNONYMS[t];
  if (v) return ok(v);
  return bad(
    `“${cellText(c)}”不是可识别的政治面貌，请填写 ${accepted([...new Set(Object.values(POLITICAL_SYNONYMS))], 20)}`,
  );
}

/** 入党时间: a date (中共党员), or a party name (民盟 …) that is the 政治面貌, with no date. */
export function parsePartyCell(c: Cell | undefined): Parsed<{ date?: string; political?: string }> {
  const party = POLITICAL_SYNONYMS[compact(cellText(c))];
  if (party) return ok({ political: party });
  // Several lines (入党 / 转正): the first is the date.
  const first = typeof c?.value === 'string' ? c.value.split(/\n/)[0] : undefined;
  const d = parseDate(first !== undefined ? { value: first } : c);
  if (d.ok) return ok({ date: d.value.date });
  return bad(`${d.message}；入党时间请写年月（如 2015.06），民主党派成员可写党派名称（如 民盟）`);
}

/** A date cell of several lines (several posts, one 任职时间 each): the first line. */
export function parseFirstDate(c: Cell | undefined): Parsed<DateValue> {
  if (c && typeof c.value === 'string' && /\n/.test(c.value.trim())) {
    return parseDate({ value: c.value.trim().split(/\n/)[0] });
  }
  return parseDate(c);
}

export function parseFlag(c: Cell | undefined): Parsed<boolean> {
  if (c && typeof c.value === 'boolean') return ok(c.value);
  const t = cellText(c).toUpperCase();
  if (/^(是|√|✓|Y|YES|1|TRUE|有)$/.test(t)) return ok(true);
  if (/^(否|×|X|N|NO|0|FALSE|无)$/.test(t)) return ok(false);
  return bad(`“${cellText(c)}”请填写“是”或“否”`);
}

export function parseStatus(c: Cell | undefined): Parsed<boolean> {
  const t = cellText(c);
  if (/^(在职|在岗|正常)$/.test(t)) return ok(true);
  if (/离职|调出|退休|辞职|去世|死亡|开除|解聘/.test(t)) return ok(false);
  return bad(`“${t}”请填写 在职/离职/调出/退休`);
}

export function parseMobile(c: Cell | undefined): Parsed<string> {
  const t = cellText(c).replace(/[\s\-()]/g, '');
  const digits = t.replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) return ok(digits);
  return bad(`“${cellText(c)}”不是有效的11位手机号`);
}

export function parseIdNumber(c: Cell | undefined): Parsed<string> {
  if (c && typeof c.value === 'number') {
    return bad('身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为文本格式后重新填写');
  }
  const t = cellText(c).replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(t)) return bad(`“${cellText(c)}”不是18位身份证号`);
  if (!isValidIdNumber(t)) return bad(`身份证号“${t}”校验位不正确，请核对`);
  return ok(t);
}

export function parseEmail(c: Cell | undefined): Parsed<string> {
  const t = cellText(c).toLowerCase();
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t)) return ok(t);
  return bad(`“${cellText(c)}”不是有效的邮箱地址`);
}
