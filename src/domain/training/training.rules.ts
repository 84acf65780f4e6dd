/** Pure rules of 教育培训: attendance rates and marks from spreadsheet words. */
import { type AttendanceMark, MARK_WORDS } from './training.vocab.js';

/** Attendance rate in percent (one decimal) of present marks among all marks; null when nothing is marked. */
export function attendanceRate(present: number, marked: number): number | null {
  if (marked <= 0) return null;
  return Math.round((present / marked) * 1000) / 10;
}

export const rateText = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/** The mark for a spreadsheet word (出勤 / 缺勤 / 请假 and short forms), or undefined. */
export const markOf = (word: string): AttendanceMark | undefined => MARK_WORDS[word.trim()];
