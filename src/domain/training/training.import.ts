/**
 * 培训考勤 xlsx import (班次 + 课程 + 姓名 + 出勤): every row checked → a preview card with 确认导入 (the checked
 * rows kept as a draft) → on confirm every row is checked again and all are written in one transaction, or none.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { trainingClasses, trainingCourses, trainingImportDrafts } from '../../db/schema/training.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { FORMULA_WITHOUT_VALUE, type XlsxSheet } from '../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../xlsx/xlsx.cells.js';
import { audit } from '../org/org.audit.js';
import { traineesOf } from './training.queries.js';
import { markOf } from './training.rules.js';
import { assertTrainingAdmin, type TrainingDeps, writeMarks } from './training.service.js';
import type { AttendanceMark } from './training.vocab.js';

export { headerOf };

export const TRAINING_HEADERS = {
  className: '班次',
  course: '课程',
  date: '日期',
  name: '姓名',
  mark: '出勤',
} as const;
type Key = keyof typeof TRAINING_HEADERS;
export type TrainingSheetRow = Record<Key, string> & { line: number; problem?: string };

/** An attendance sheet has 班次, 课程 and 出勤 in its first row (no other import uses them together). */
export const isTrainingHeader = (h: string[]) =>
  h.includes(TRAINING_HEADERS.className) && h.includes(TRAINING_HEADERS.course) && h.includes(TRAINING_HEADERS.mark);

export function sheetRows(ws: XlsxSheet): TrainingSheetRow[] {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const rows: TrainingSheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out = { line: r } as TrainingSheetRow;
    let any = false;
    for (const [k, h] of Object.entries(TRAINING_HEADERS) as [Key, string][]) {
      const c = col(h);
      out[k] = c > 0 ? cellText(row.getCell(c)) : '';
      if (c > 0 && row.getCell(c).formula !== undefined) out.problem = `“${h}”${FORMULA_WITHOUT_VALUE}`;
      if (out[k]) any = true;
    }
    if (any || out.problem) rows.push(out);
  }
  return rows;
}

export interface DraftRow {
  line: number;
  classId: number;
  courseId: number;
  courseLabel: string;
  personId: number;
  mark: AttendanceMark;
}

const squash = (s: string) => s.replace(/[\s（）()·]/g, '');

async function checkRow(db: Database, r: TrainingSheetRow, countyId: number): Promise<DraftRow | string> {
  if (r.problem) return r.problem;
  if (!r.className) return '缺少班次';
  if (!r.course) return '缺少课程';
  if (!r.name) return '缺少姓名';
  const mark = markOf(r.mark);
  if (!mark) return `出勤「${r.mark}」无效（可填：出勤、缺勤、请假）`;
  const classes = (
    await db
      .select({ id: trainingClasses.id, name: trainingClasses.name, cohort: trainingClasses.cohort })
      .from(trainingClasses)
      .where(eq(trainingClasses.countyId, countyId))
  ).filter((c) => squash(c.name) === squash(r.className) || squash(c.name + c.cohort) === squash(r.className));
  if (classes.length === 0) return `未找到班次「${r.className}」`;
  if (classes.length > 1)
    return `班次「${r.className}」有多期，请写明期次（如 ${classes[0].name}${classes[0].cohort}）`;
  const cls = classes[0];
  const courses = (
    await db
      .select({ id: trainingCourses.id, topic: trainingCourses.topic, heldOn: trainingCourses.heldOn })
      .from(trainingCourses)
      .where(and(eq(trainingCourses.classId, cls.id), eq(trainingCourses.topic, r.course)))
  ).filter((k) => !r.date || k.heldOn === r.date.replace(/[./]/g, '-'));
  if (courses.length === 0) return `班次「${r.className}」没有课程「${r.course}」${r.date ? `（${r.date}）` : ''}`;
  if (courses.length > 1) return `课程「${r.course}」在本班有多次，请填写日期`;
  const trainees = (await traineesOf(db, cls.id)).filter((t) => t.name === r.name);
  if (trainees.length === 0) return `「${r.name}」不是该班学员`;
  if (trainees.length > 1) return `该班有两名「${r.name}」，请在卡片上记录考勤`;
  return {
    line: r.line,
    classId: cls.id,
    courseId: courses[0].id,
    courseLabel: `${courses[0].heldOn} ${r.course}`,
    personId: trainees[0].personId,
    mark,
  };
}

/** Checks every row; returns the checked rows or the per-row problems (nothing written either way). */
export async function checkRows(
  db: Database,
  rows: TrainingSheetRow[] | DraftRow[],
  countyId: number,
  recheck = false,
) {
  const errors: { line: number; message: string }[] = [];
  const ok: DraftRow[] = [];
  for (const r of rows) {
    const checked = recheck
      ? await recheckDraft(db, r as DraftRow, countyId)
      : await checkRow(db, r as TrainingSheetRow, countyId);
    if (typeof checked === 'string') errors.push({ line: r.line, message: checked });
    else {
      const dup = ok.find((o) => o.courseId === checked.courseId && o.personId === checked.personId);
      if (dup) errors.push({ line: r.line, message: `与第 ${dup.line} 行是同一学员的同一课程` });
      else ok.push(checked);
    }
  }
  if (rows.length === 0) errors.push({ line: 1, message: '文件中没有数据行' });
  return { ok, errors };
}

async function recheckDraft(db: Database, r: DraftRow, countyId: number): Promise<DraftRow | string> {
  const [k] = await db
    .select({ classId: trainingCourses.classId, countyId: trainingClasses.countyId })
    .from(trainingCourses)
    .innerJoin(trainingClasses, eq(trainingClasses.id, trainingCourses.classId))
    .where(eq(trainingCourses.id, r.courseId));
  if (!k || k.classId !== r.classId || k.countyId !== countyId) return '该课程已不存在';
  const trainees = await traineesOf(db, r.classId);
  if (!trainees.some((t) => t.personId === r.personId)) return '该学员已不在本班';
  return r;
}

/** Step 1: check the sheet and keep a draft for 确认导入. */
export async function previewImport(
  deps: TrainingDeps,
  actorId: number,
  countyId: number,
  rows: TrainingSheetRow[],
  fileName: string,
) {
  await assertTrainingAdmin(deps, actorId, countyId);
  const { ok, errors } = await checkRows(deps.db, rows, countyId);
  if (errors.length > 0) return { draftId: null, total: rows.length, errors, groups: [] };
  const [d] = await deps.db
    .insert(trainingImportDrafts)
    .values({ byPersonId: actorId, fileName: fileName.slice(0, 200), rows: ok, ...stamps(deps.clock.now()) })
    .returning({ id: trainingImportDrafts.id });
  const groups = new Map<string, number>();
  for (const r of ok) groups.set(r.courseLabel, (groups.get(r.courseLabel) ?? 0) + 1);
  return {
    draftId: d.id,
    total: rows.length,
    errors,
    groups: [...groups].map(([course, count]) => ({ course, count })),
  };
}

/** Step 2 (确认导入): only the draft's author; all rows re-checked; one transaction. */
export async function confirmImport(deps: TrainingDeps, actorId: number, draftId: number, eventId: string | null) {
  const [d] = await deps.db.select().from(trainingImportDrafts).where(eq(trainingImportDrafts.id, draftId));
  if (!d) throw notFound('未找到该导入预览，请重新发送文件');
  if (d.byPersonId !== actorId) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'training.import.denied',
      entity: 'training_import',
      entityId: draftId,
      eventId,
    });
    throw forbidden('只能确认本人上传的导入');
  }
  if (d.confirmedAt) throw invalid('该文件已导入，无需重复确认');
  const actor = await assertTrainingAdmin(deps, actorId);
  const { ok, errors } = await checkRows(deps.db, d.rows as DraftRow[], actor.countyId as number, true);
  if (errors.length > 0) return { written: 0, errors };
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const claimed = await tx
      .update(trainingImportDrafts)
      .set({ confirmedAt: at, updatedAt: at })
      .where(and(eq(trainingImportDrafts.id, draftId), isNull(trainingImportDrafts.confirmedAt)))
      .returning({ id: trainingImportDrafts.id });
    if (claimed.length === 0) throw invalid('该文件已导入，无需重复确认');
    const byCourse = new Map<number, DraftRow[]>();
    for (const r of ok) byCourse.set(r.courseId, [...(byCourse.get(r.courseId) ?? []), r]);
    for (const [courseId, list] of byCourse) await writeMarks(tx, courseId, list, actorId, at);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'training.import',
      entity: 'training_import',
      entityId: draftId,
      eventId,
      detail: { rows: ok.length, fileName: d.fileName },
    });
    return { written: ok.length, errors: [] as { line: number; message: string }[] };
  });
}
