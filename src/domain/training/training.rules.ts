/** Pure rules of 教育培训: attendance rates, marks from spreadsheet words, checks of a new class or course. */
import { isIsoDate } from '../../time.js';
import { type AttendanceMark, COURSE_KIND_KEYS, MARK_WORDS } from './training.vocab.js';

/** Attendance rate in percent (one decimal) of present marks among all marks; null when nothing is marked. */
export function attendanceRate(present: number, marked: number): number | null {
  if (marked <= 0) return null;
  return Math.round((present / marked) * 1000) / 10;
}

export const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/** The mark for a spreadsheet word (出勤 / 缺勤 / 请假 and short forms), or undefined. */
export const markOf = (word: string): AttendanceMark | undefined => MARK_WORDS[word.trim()];

/** A new class as typed on the card (trimmed). */
export interface ClassInput {
  name: string;
  cohort: string;
  startDate: string;
  endDate: string;
}

/** Problems of a new class on its own (Chinese), or null. Duplicates and the contact are checked against data. */
export function classProblem(c: ClassInput): string | null {
  if (!c.name) return '请填写班次名称';
  if (c.name.length > 50) return '班次名称请控制在 50 字以内';
  if (!c.cohort) return '请填写期次（如 第一期）';
  if (c.cohort.length > 30) return '期次请控制在 30 字以内';
  if (!isIsoDate(c.startDate)) return '开班日期格式应为 YYYY-MM-DD';
  if (!isIsoDate(c.endDate)) return '结业日期格式应为 YYYY-MM-DD';
  if (c.endDate < c.startDate) return '结业日期早于开班日期';
  return null;
}

/** A new course as typed on the card (trimmed). */
export interface CourseInput {
  kind: string;
  topic: string;
  lecturer: string;
  heldOn: string;
  organizer: string;
}

/** Problems of a new course of a class (Chinese), or null. */
export function courseProblem(k: CourseInput, cls: { startDate: string; endDate: string }): string | null {
  if (!(COURSE_KIND_KEYS as readonly string[]).includes(k.kind)) return '请选择课程类别（精品课程或小灶课程）';
  if (!k.topic) return '请填写课程专题';
  if (k.topic.length > 100) return '课程专题请控制在 100 字以内';
  if (!k.lecturer) return '请填写主讲人';
  if (k.lecturer.length > 50) return '主讲人请控制在 50 字以内';
  if (!k.organizer) return '请填写组织单位';
  if (k.organizer.length > 50) return '组织单位请控制在 50 字以内';
  if (!isIsoDate(k.heldOn)) return '上课日期格式应为 YYYY-MM-DD';
  if (k.heldOn < cls.startDate || k.heldOn > cls.endDate)
    return `上课日期应在本班起止日期内（${cls.startDate} 至 ${cls.endDate}）`;
  return null;
}
