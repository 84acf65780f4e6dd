/** 表彰: import rows and “what followed” (promotions within N months of the award) as pure functions. */
import { isIsoDate } from '../../../time.js';
import type { Lookup, PersonRef } from '../promotions/promotions.rules.js';
import { AWARD_KINDS } from '../use.vocab.js';

/** Months after the award date within which a promotion counts as following it. */
export const AWARD_FOLLOW_MONTHS = 12;

export const AWARD_HEADERS = {
  kind: '表彰类别',
  batch: '表彰批次',
  date: '表彰日期',
  name: '姓名',
  key: '身份证号',
} as const;

/** Specific to this sheet: 表彰类别 + 表彰批次 + 姓名 (no roster, promotion or ranking sheet has them). */
export function isAwardHeader(header: string[]): boolean {
  return [AWARD_HEADERS.kind, AWARD_HEADERS.batch, AWARD_HEADERS.name].every((h) => header.includes(h));
}

export interface AwardCells {
  line: number;
  kind: string;
  batch: string;
  date: string;
  name: string;
  key: string;
}

export interface AwardDraft {
  line: number;
  kind: string;
  batch: string;
  date: string;
  personId: number;
  name: string;
}

/** One row → a draft or a Chinese error (the row number is added by the caller). */
export function checkAwardRow(c: AwardCells, l: Lookup): AwardDraft | string {
  if (!c.kind) return '表彰类别不能为空';
  if (!AWARD_KINDS.includes(c.kind)) return `表彰类别“${c.kind}”无法识别，应为：${AWARD_KINDS.join('、')}`;
  if (!c.batch) return '表彰批次不能为空（例如：2023年度）';
  if (c.batch.length > 60) return '表彰批次过长（不超过60字）';
  if (!isIsoDate(c.date)) return `表彰日期“${c.date}”格式有误，请写成 2026-06-30`;
  if (c.date > l.today) return `表彰日期 ${c.date} 晚于今天`;
  if (!c.name) return '姓名不能为空';
  let person: PersonRef | undefined;
  if (c.key) {
    person = l.byKey.get(c.key);
    if (!person) return `未找到身份证号为“${c.key}”的干部`;
  } else {
    const found = l.byName.get(c.name) ?? [];
    if (found.length === 0) return `未找到干部“${c.name}”`;
    if (found.length > 1) return `“${c.name}”有重名，请填写身份证号`;
    person = found[0];
  }
  return { line: c.line, kind: c.kind, batch: c.batch, date: c.date, personId: person.id, name: person.name };
}

/**
 * Checks every row: per-row errors, a person twice in a batch, one batch with two dates, and a batch that is
 * already loaded (`existing`: keys `kind|batch`).
 */
export function checkAwardRows(
  cells: AwardCells[],
  l: Lookup,
  existing: ReadonlySet<string>,
): { drafts: AwardDraft[]; errors: { row: number; message: string }[] } {
  const drafts: AwardDraft[] = [];
  const errors: { row: number; message: string }[] = [];
  const seen = new Set<string>();
  const dateOf = new Map<string, string>();
  for (const c of cells) {
    const r = checkAwardRow(c, l);
    if (typeof r === 'string') {
      errors.push({ row: c.line, message: r });
      continue;
    }
    const batch = `${r.kind}|${r.batch}`;
    if (existing.has(batch)) errors.push({ row: c.line, message: `“${r.batch} ${r.kind}”已导入过，不能重复导入` });
    else if (dateOf.has(batch) && dateOf.get(batch) !== r.date)
      errors.push({ row: c.line, message: `同一批次的表彰日期不一致（${dateOf.get(batch)} 与 ${r.date}）` });
    else if (seen.has(`${batch}|${r.personId}`)) errors.push({ row: c.line, message: '该干部在本批次中重复' });
    else {
      dateOf.set(batch, r.date);
      seen.add(`${batch}|${r.personId}`);
      drafts.push(r);
    }
  }
  if (cells.length === 0) errors.push({ row: 1, message: '表格中没有数据行' });
  return { drafts, errors };
}

/** The date `months` months after `date` (day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The first promotion date on or after the award and within `months` months of it, or null. */
export function promotedAfter(awardDate: string, promotionDates: readonly string[], months: number): string | null {
  const until = addMonths(awardDate, months);
  const hits = promotionDates.filter((d) => d >= awardDate && d <= until).sort();
  return hits[0] ?? null;
}
