/** Row checks of an assessment sheet, all before anything is written; pure given the lookups. */
import type { AssessmentKind } from '../../db/schema/assessments.js';
import { FORMULA_WITHOUT_VALUE } from '../../xlsx/xlsx.book.js';
import { type Cell, cellText, parseIdNumber } from '../org/roster/roster.cells.js';
import { normalizeKind, normalizePeriod, normalizeResult, periodHint, RESULTS } from './assessments.vocab.js';
import { ASSESSMENT_COLUMNS, type AssessmentField, type AssessmentSheet } from './assessments.xlsx.js';

export interface RowError {
  row: number;
  column: string;
  message: string;
}

export interface AssessmentRecord {
  row: number;
  personId: number;
  kind: AssessmentKind;
  period: string;
  result: string;
  note: string | null;
}

export interface PersonRef {
  name: string;
  idNumber: string | null;
  unit: string | null;
}

/** Resolves a row's person: an id, or a Chinese reason (not found, ambiguous, outside scope). */
export type PersonLookup = (ref: PersonRef) => { id: number } | { error: string; column: AssessmentField };

const header = (f: AssessmentField) => ASSESSMENT_COLUMNS.find((c) => c.field === f)!.header;

export function missingColumns(sheet: AssessmentSheet): RowError[] {
  return ASSESSMENT_COLUMNS.filter((c) => c.required && !sheet.fields.has(c.field)).map((c) => ({
    row: sheet.headerRow,
    column: c.header,
    message: `缺少“${c.header}”列`,
  }));
}

function parseRow(
  cells: Map<AssessmentField, Cell>,
  row: number,
  lookup: PersonLookup,
): { rec?: AssessmentRecord; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (f: AssessmentField, message: string) => errors.push({ row, column: header(f), message });
  for (const [f, c] of cells) if (c.formula !== undefined) err(f, `该单元格${FORMULA_WITHOUT_VALUE}`);
  if (errors.length > 0) return { errors };
  const text = (f: AssessmentField) => cellText(cells.get(f));
  const name = text('name');
  if (!name) err('name', '姓名为空');
  let idNumber: string | null = null;
  if (text('idNumber')) {
    const id = parseIdNumber(cells.get('idNumber'));
    if (id.ok) idNumber = id.value;
    else err('idNumber', id.message);
  }
  const kind = normalizeKind(text('kind'));
  if (!kind)
    err('kind', `“${text('kind')}”不是可识别的考核类别，请填写 年度考核/专项考核/平时考核/廉洁自律/巡视巡察/信访`);
  const period = kind ? normalizePeriod(kind, text('period')) : null;
  if (kind && !period)
    err('period', text('period') ? `“${text('period')}”有误：${periodHint(kind)}` : periodHint(kind));
  const result = kind ? normalizeResult(kind, text('result')) : null;
  if (kind && !result) err('result', `“${text('result')}”不是${kind}的有效结果，应为 ${RESULTS[kind].join('/')}`);
  const note = text('note').slice(0, 500) || null;
  if (errors.length > 0 || !kind || !period || !result) return { errors };
  const who = lookup({ name, idNumber, unit: text('unit') || null });
  if ('error' in who) return { errors: [{ row, column: header(who.column), message: who.error }] };
  return { rec: { row, personId: who.id, kind, period, result, note }, errors };
}

/** Every row checked; duplicates (same person, kind and period) within the file are errors too. */
export function validateAssessments(sheet: AssessmentSheet, lookup: PersonLookup) {
  const errors = missingColumns(sheet);
  if (errors.length > 0) return { records: [], errors };
  const records: AssessmentRecord[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of sheet.rows) {
    const { rec, errors: rowErrors } = parseRow(cells, rowNumber, lookup);
    errors.push(...rowErrors);
    if (!rec) continue;
    const key = `${rec.personId}|${rec.kind}|${rec.period}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        row: rowNumber,
        column: header('period'),
        message: `与第 ${first} 行重复（同一人、同一类别、同一周期）`,
      });
      continue;
    }
    seen.set(key, rowNumber);
    records.push(rec);
  }
  return { records, errors };
}
