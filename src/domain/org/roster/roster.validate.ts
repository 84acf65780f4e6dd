import type { FamilyMember } from '../../../db/schema/org.js';
import { FORMULA_WITHOUT_VALUE } from '../../../xlsx/xlsx.book.js';
import { ageOn, birthDateFromId } from '../org.rules.js';
import {
  type Cell,
  cellText,
  isEmpty,
  type Parsed,
  parseCadreType,
  parseDate,
  parseDegree,
  parseEducation,
  parseEducationCell,
  parseEmail,
  parseFirstDate,
  parseFlag,
  parseGender,
  parseIdNumber,
  parseLevel,
  parseMobile,
  parsePartyCell,
  parsePolitical,
  parseRank,
  parseStatus,
} from './roster.cells.js';
import { ROSTER_COLUMNS, type RosterField } from './roster.columns.js';
import type { RosterSheet, SheetRow } from './roster.read.js';
import { CADRE_TYPE_BY_UNIT_KIND } from './roster.vocab.js';

export interface RowError {
  /** The sheet, when the roster spans several sheets. */
  sheet?: string;
  /** Excel row number (the header row for a missing column). */
  row: number;
  column: string;
  message: string;
}

export interface RosterRecord {
  row: number;
  sheet?: string;
  /** Stable key: 'id:<ID number>' when known, else 'nbu:<name>|<birth date>|<unit id>'. */
  key: string;
  name: string;
  gender: '男' | '女';
  birthDate: string;
  /** 'month' when only 年月 was given (and no ID number supplied the day). */
  birthPrecision: 'day' | 'month';
  education: '研究生' | '大学' | '大专' | '中专' | '高中及以下';
  unitId: number;
  idNumber?: string;
  educationDetail?: string;
  position?: string;
  leadershipLevel?: string;
  rank?: string;
  cadreType?: '公务员' | '参公' | '事业' | '国企' | '村干部' | '其他';
  /** 干部类别 inferred from the unit's kind when the file has none: used for new people only. */
  cadreTypeGuess?: '公务员' | '参公' | '事业' | '国企' | '村干部' | '其他';
  ethnicity?: string;
  nativePlace?: string;
  birthPlace?: string;
  workStart?: string;
  partyJoinDate?: string;
  positionSince?: string;
  rankSince?: string;
  fullTimeEducation?: string;
  fullTimeDegree?: string;
  fullTimeSchool?: string;
  partTimeEducation?: string;
  partTimeDegree?: string;
  partTimeSchool?: string;
  /** .lrmx: 简历 (lines joined by \n) and family members. */
  resume?: string;
  family?: FamilyMember[];
  politicalStatus?: string;
  isXuandiao?: boolean;
  isSecondee?: boolean;
  isCountyLeader?: boolean;
  townshipWorkStart?: string;
  mobile?: string;
  email?: string;
  active?: boolean;
  /** 生效日期 of a unit / post / rank change (default: the import date). */
  effectiveDate?: string;
}

/** Resolves a 单位 cell; `kindOf` gives a resolved unit's kind (干部类别 inferred from it). */
export type UnitLookup = ((text: string) => Parsed<number>) & { kindOf?: (unitId: number) => string | undefined };

const TEXT_FIELDS = ['educationDetail', 'position', 'ethnicity', 'nativePlace', 'birthPlace'] as const;
const SCHOOL_FIELDS = ['fullTimeSchool', 'partTimeSchool'] as const;
const MONTH_FIELDS = ['workStart', 'positionSince', 'rankSince'] as const;
const EDUCATION_RANK: Record<string, number> = { 研究生: 5, 大学: 4, 大专: 3, 中专: 2, 高中及以下: 1 };
const FLAGS = ['isXuandiao', 'isSecondee', 'isCountyLeader'] as const;

/** Chinese names lose alignment spaces ("张  三" → "张三"); other names keep single spaces. */
export function cleanName(raw: string): string {
  return raw.replace(/(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])/g, '');
}

class RowCheck {
  readonly errors: RowError[] = [];
  constructor(
    private readonly sheet: RosterSheet,
    private readonly row: SheetRow,
  ) {}
  cell(field: RosterField): Cell | undefined {
    const f = this.sheet.fields.get(field);
    return f ? this.row.cells.get(f.col) : undefined;
  }
  has(field: RosterField): boolean {
    return this.sheet.fields.has(field) && !isEmpty(this.cell(field));
  }
  fail(field: RosterField, message: string): undefined {
    const header = this.sheet.fields.get(field)?.header ?? ROSTER_COLUMNS.find((c) => c.field === field)!.header;
    this.errors.push({
      ...(this.row.sheet ? { sheet: this.row.sheet } : {}),
      row: this.row.rowNumber,
      column: header,
      message,
    });
    return undefined;
  }
  /** Parses a non-empty cell; an empty required cell is an error, an empty optional one is undefined. */
  take<T>(field: RosterField, parse: (c: Cell | undefined) => Parsed<T>, required = false): T | undefined {
    if (this.cell(field)?.formula !== undefined) return this.fail(field, `该单元格${FORMULA_WITHOUT_VALUE}`);
    if (!this.has(field)) return required && this.sheet.fields.has(field) ? this.fail(field, '必填项为空') : undefined;
    const p = parse(this.cell(field));
    return p.ok ? p.value : this.fail(field, p.message);
  }
}

function checkRow(sheet: RosterSheet, row: SheetRow, lookupUnit: UnitLookup, today: string) {
  const r = new RowCheck(sheet, row);
  const name = r.take('name', (c) => ({ ok: true, value: cleanName(cellText(c)) }), true);
  const idNumber = r.take('idNumber', parseIdNumber);
  let gender = r.take('gender', parseGender);
  if (!r.has('gender')) {
    if (idNumber) gender = Number(idNumber[16]) % 2 === 1 ? '男' : '女';
    else if (sheet.fields.has('gender')) r.fail('gender', '必填项为空');
  }
  const birth = r.take('birthDate', parseDate, true);
  let birthDate = birth?.date;
  if (birth && (ageOn(birth.date, today) < 16 || ageOn(birth.date, today) > 80)) {
    birthDate = r.fail('birthDate', `出生年月“${cellText(r.cell('birthDate'))}”不合理（年龄应在16至80周岁之间）`);
  }
  if (birthDate && idNumber) {
    const fromId = birthDateFromId(idNumber);
    const same = birth?.precision === 'month' ? fromId.slice(0, 7) === birthDate.slice(0, 7) : fromId === birthDate;
    if (!same) r.fail('idNumber', `身份证号中的出生日期 ${fromId} 与出生年月“${cellText(r.cell('birthDate'))}”不一致`);
    else birthDate = fromId;
  }
  const studies = educationFields(r);
  let education = r.take('education', parseEducation, !studies.level);
  const stacked = r.has('education') ? parseEducationCell(r.cell('education')) : undefined;
  const stackedDegree = stacked?.ok ? stacked.value.degree : undefined;
  if (!r.has('education') && studies.level) education = studies.level;
  let unitId = r.take('unit', (c) => lookupUnit(cellText(c)), !row.sectionUnit && row.unitFromPost === undefined);
  if (row.unitFromPost !== undefined) unitId = unitFromPost(r, row.unitFromPost, lookupUnit);
  if (!r.has('unit') && row.sectionUnit) {
    const u = lookupUnit(row.sectionUnit.text);
    unitId = u.ok ? u.value : undefined;
    if (!sheet.fields.has('unit') && !u.ok) unitId = undefined; // the section row itself carries the error
  }
  const levels = r.take('leadershipLevel', parseLevel);
  const rank = r.take('rank', parseRank) ?? levels?.rank;
  const party = r.take('partyJoinDate', parsePartyCell);
  const political = r.take('politicalStatus', parsePolitical) ?? party?.political;
  const cadreType = r.take('cadreType', parseCadreType);
  let cadreTypeGuess: RosterRecord['cadreType'];
  if (!r.has('cadreType') && unitId !== undefined) {
    const kind = lookupUnit.kindOf?.(unitId);
    if (kind) cadreTypeGuess = CADRE_TYPE_BY_UNIT_KIND[kind];
  }
  const township = r.take('townshipWorkStart', parseDate);
  if (township && (township.date > today || (birthDate && ageOn(birthDate, township.date) < 16))) {
    r.fail('townshipWorkStart', `乡镇工作时间“${cellText(r.cell('townshipWorkStart'))}”不合理`);
  }
  const effective = r.take('effectiveDate', parseDate);
  if (effective && effective.precision !== 'day') r.fail('effectiveDate', '生效日期须精确到日，如 2026-12-01');
  const rec: Partial<RosterRecord> = {
    effectiveDate: effective?.date,
    name,
    gender,
    birthDate,
    birthPrecision: idNumber ? 'day' : birth?.precision,
    education,
    unitId,
    idNumber,
    townshipWorkStart: township?.date,
    ...optionalFields(r),
    cadreType,
    cadreTypeGuess,
    leadershipLevel: levels?.level,
    rank,
    politicalStatus: political,
    partyJoinDate: party?.date,
    fullTimeEducation: studies.fullTimeEducation,
    fullTimeDegree: studies.fullTimeDegree,
    partTimeEducation: studies.partTimeEducation,
    partTimeDegree: studies.partTimeDegree,
  };
  if (row.resume?.length) rec.resume = row.resume.join('\n');
  if (row.family?.length) rec.family = row.family;
  // A degree stacked under the highest 学历 is kept as 学历学位 when the file has no such column.
  if (stackedDegree && !r.has('educationDetail')) rec.educationDetail = stackedDegree;
  for (const f of MONTH_FIELDS) {
    const d = r.take(f, parseFirstDate);
    if (d && d.date > today) r.fail(f, `“${cellText(r.cell(f))}”晚于今天`);
    else rec[f] = d?.date;
  }
  return { errors: r.errors, record: rec };
}

/** Columns that may be left empty: an empty cell keeps the stored value on update. */
function optionalFields(r: RowCheck): Partial<RosterRecord> {
  const rec: Partial<RosterRecord> = {
    mobile: r.take('mobile', parseMobile),
    email: r.take('email', parseEmail),
    active: r.take('status', parseStatus),
  };
  for (const f of TEXT_FIELDS) {
    const t = r.take(f, (c) => ({ ok: true, value: cellText(c) }));
    if (t && t.length > 100) r.fail(f, '内容过长（最多100字）');
    else rec[f] = t;
  }
  for (const f of SCHOOL_FIELDS) {
    const t = r.take(f, (c) => ({ ok: true, value: cellText(c) }));
    if (t && t.length > 200) r.fail(f, '内容过长（最多200字）');
    else rec[f] = t;
  }
  for (const f of FLAGS) rec[f] = r.take(f, parseFlag);
  return rec;
}

/** 全日制 / 在职 education: stacked 学历学位 cells split; `level` is the higher of the two (for 学历). */
function educationFields(r: RowCheck) {
  const out: Partial<RosterRecord> & { level?: RosterRecord['education'] } = {};
  for (const kind of ['fullTime', 'partTime'] as const) {
    const cell = r.take(`${kind}Education`, parseEducationCell);
    const degree = r.take(`${kind}Degree`, parseDegree) ?? cell?.degree;
    out[`${kind}Education`] = cell?.education;
    out[`${kind}Degree`] = degree;
    if (cell?.level && (!out.level || EDUCATION_RANK[cell.level] > EDUCATION_RANK[out.level])) out.level = cell.level;
  }
  return out;
}

/** The longest prefix of 现任职务 that is a unit (青山镇党委委员、副镇长 → 青山镇). */
function unitFromPost(r: RowCheck, post: string, lookupUnit: UnitLookup): number | undefined {
  const t = post.replace(/\s/g, '');
  for (let n = Math.min(t.length, 30); n >= 2; n--) {
    const u = lookupUnit(t.slice(0, n));
    if (u.ok) return u.value;
  }
  r.fail('position', `现任职务“${post}”中没有系统中的单位名称；请在现任职务开头写明单位全称（如 青山镇党委委员）`);
  return undefined;
}

function missingColumn(field: RosterField, header: string): string {
  if (field === 'education') return `缺少必填列“学历”：请加一列“学历”（或“全日制教育”“在职教育”下的“学历学位”）`;
  if (field === 'unit') return `缺少必填列“单位”：请加一列“单位”，或在每个单位的人员上方放一行只写单位名称的分组行`;
  return `缺少必填列“${header}”`;
}

const isBlank = (row: SheetRow) => [...row.cells.values()].every((c) => isEmpty(c));

/** Checks every row; returns the records only when the whole file is clean (all or nothing). */
export function validateRoster(sheet: RosterSheet, lookupUnit: UnitLookup, today: string) {
  const errors: RowError[] = ROSTER_COLUMNS.filter((c) => c.required && !sheet.fields.has(c.field))
    .filter(
      (c) =>
        !(c.field === 'education' && (sheet.fields.has('fullTimeEducation') || sheet.fields.has('partTimeEducation'))),
    )
    .filter(
      (c) =>
        !(c.field === 'unit' && (sheet.sections.length > 0 || sheet.rows.some((r) => r.unitFromPost !== undefined))),
    )
    .map((c) => ({
      row: sheet.headerRow,
      column: c.header,
      message: missingColumn(c.field, c.header),
    }));
  for (const s of sheet.sections) {
    const u = lookupUnit(s.text);
    if (!u.ok)
      errors.push({
        ...(sheet.sheets.length > 1 ? { sheet: s.sheet } : {}),
        row: s.row,
        column: '单位（分组行）',
        message: `这一行只有“${s.text}”，按单位分组行读取，但${u.message.replace(/^单位/, '')}；若是人员，请补全出生年月、学历等`,
      });
  }
  const records: RosterRecord[] = [];
  const seenKey = new Map<string, number>();
  const seenMobile = new Map<string, number>();
  for (const row of sheet.rows) {
    if (isBlank(row)) continue;
    const checked = checkRow(sheet, row, lookupUnit, today);
    errors.push(...checked.errors);
    if (checked.errors.length > 0) continue;
    const rec = checked.record as RosterRecord;
    rec.row = row.rowNumber;
    if (row.sheet) rec.sheet = row.sheet;
    rec.key = rec.idNumber ? `id:${rec.idNumber}` : `nbu:${rec.name}|${rec.birthDate}|${rec.unitId}`;
    const dup = seenKey.get(rec.key);
    if (dup !== undefined) {
      const why = rec.idNumber ? '身份证号相同' : '姓名、出生年月、单位相同';
      errors.push({
        ...(row.sheet ? { sheet: row.sheet } : {}),
        row: row.rowNumber,
        column: rec.idNumber ? '身份证号' : '姓名',
        message: `与第 ${dup} 行重复（${why}）`,
      });
      continue;
    }
    seenKey.set(rec.key, row.rowNumber);
    const dupMobile = rec.mobile ? seenMobile.get(rec.mobile) : undefined;
    if (dupMobile !== undefined) {
      errors.push({
        ...(row.sheet ? { sheet: row.sheet } : {}),
        row: row.rowNumber,
        column: '手机号',
        message: `手机号与第 ${dupMobile} 行相同`,
      });
      continue;
    }
    if (rec.mobile) seenMobile.set(rec.mobile, row.rowNumber);
    records.push(rec);
  }
  const order = new Map(sheet.sheets.map((n, i) => [n, i]));
  errors.sort((a, b) => (order.get(a.sheet ?? '') ?? 0) - (order.get(b.sheet ?? '') ?? 0) || a.row - b.row);
  return { records, errors };
}
