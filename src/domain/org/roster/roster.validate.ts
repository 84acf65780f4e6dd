import { FORMULA_WITHOUT_VALUE } from '../../../xlsx/xlsx.book.js';
import { ageOn, birthDateFromId } from '../org.rules.js';
import {
  type Cell,
  cellText,
  isEmpty,
  type Parsed,
  parseCadreType,
  parseDate,
  parseEducation,
  parseEmail,
  parseFlag,
  parseGender,
  parseIdNumber,
  parseMobile,
  parseStatus,
} from './roster.cells.js';
import { ROSTER_COLUMNS, type RosterField } from './roster.columns.js';
import type { RosterSheet, SheetRow } from './roster.read.js';

export interface RowError {
  /** Excel row number (the header row for a missing column). */
  row: number;
  column: string;
  message: string;
}

export interface RosterRecord {
  row: number;
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
  cadreType?: '公务员' | '参公' | '事业' | '村干部' | '其他';
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

export type UnitLookup = (text: string) => Parsed<number>;

const TEXT_FIELDS = ['educationDetail', 'position', 'leadershipLevel', 'rank', 'politicalStatus'] as const;
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
    this.errors.push({ row: this.row.rowNumber, column: header, message });
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
  const education = r.take('education', parseEducation, true);
  const unitId = r.take('unit', (c) => lookupUnit(cellText(c)), true);
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
  };
  return { errors: r.errors, record: rec };
}

/** Columns that may be left empty: an empty cell keeps the stored value on update. */
function optionalFields(r: RowCheck): Partial<RosterRecord> {
  const rec: Partial<RosterRecord> = {
    cadreType: r.take('cadreType', parseCadreType),
    mobile: r.take('mobile', parseMobile),
    email: r.take('email', parseEmail),
    active: r.take('status', parseStatus),
  };
  for (const f of TEXT_FIELDS) {
    const t = r.take(f, (c) => ({ ok: true, value: cellText(c) }));
    if (t && t.length > 100) r.fail(f, '内容过长（最多100字）');
    else rec[f] = t;
  }
  for (const f of FLAGS) rec[f] = r.take(f, parseFlag);
  return rec;
}

const isBlank = (row: SheetRow) => [...row.cells.values()].every((c) => isEmpty(c));

/** Checks every row; returns the records only when the whole file is clean (all or nothing). */
export function validateRoster(sheet: RosterSheet, lookupUnit: UnitLookup, today: string) {
  const errors: RowError[] = ROSTER_COLUMNS.filter((c) => c.required && !sheet.fields.has(c.field)).map((c) => ({
    row: sheet.headerRow,
    column: c.header,
    message: `缺少必填列“${c.header}”`,
  }));
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
    rec.key = rec.idNumber ? `id:${rec.idNumber}` : `nbu:${rec.name}|${rec.birthDate}|${rec.unitId}`;
    const dup = seenKey.get(rec.key);
    if (dup !== undefined) {
      const why = rec.idNumber ? '身份证号相同' : '姓名、出生年月、单位相同';
      errors.push({
        row: row.rowNumber,
        column: rec.idNumber ? '身份证号' : '姓名',
        message: `与第 ${dup} 行重复（${why}）`,
      });
      continue;
    }
    seenKey.set(rec.key, row.rowNumber);
    const dupMobile = rec.mobile ? seenMobile.get(rec.mobile) : undefined;
    if (dupMobile !== undefined) {
      errors.push({ row: row.rowNumber, column: '手机号', message: `手机号与第 ${dupMobile} 行相同` });
      continue;
    }
    if (rec.mobile) seenMobile.set(rec.mobile, row.rowNumber);
    records.push(rec);
  }
  errors.sort((a, b) => a.row - b.row);
  return { records, errors };
}
