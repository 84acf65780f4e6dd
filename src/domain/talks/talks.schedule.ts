/**
 * Parses a year's official holiday schedule typed (or pasted) by org_admin, one line per entry:
 *   元旦 放假 2027-01-01 至 2027-01-03
 *   春节 上班 2027-02-07
 * All-or-nothing: any bad line rejects the whole text, with one Chinese message per bad line.
 */
import { addDays, daysBetween, isIsoDate } from '../../time.js';
import { weekday, type YearSchedule } from './talks.calendar.js';

export type ParsedSchedule = { ok: true; schedule: YearSchedule } | { ok: false; errors: string[] };

const LINE =
  /^(\S+?)\s*[,，\s]\s*(放假|休|上班|班)\s*[,，\s]\s*(\d{4}-\d{1,2}-\d{1,2})(?:\s*(?:至|到|~|～)\s*(\d{4}-\d{1,2}-\d{1,2}))?$/;

function normalise(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}-${m.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

interface Entry {
  name: string;
  off: boolean;
  days: string[];
}

function parseLine(line: string, year: number): Entry | string {
  const m = LINE.exec(line);
  if (!m) return '格式应为「名称 放假/上班 日期[ 至 日期]」，例如「春节 放假 2027-02-06 至 2027-02-12」';
  const from = normalise(m[3]);
  const to = m[4] ? normalise(m[4]) : from;
  if (!isIsoDate(from) || !isIsoDate(to)) return '日期不存在，请检查';
  if (Number(from.slice(0, 4)) !== year || Number(to.slice(0, 4)) !== year) return `日期不在 ${year} 年内`;
  if (to < from) return '结束日期早于开始日期';
  if (daysBetween(from, to) > 15) return '一段假期不能超过 16 天';
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const off = m[2] === '放假' || m[2] === '休';
  if (!off) {
    const weekdayDay = days.find((d) => weekday(d) >= 1 && weekday(d) <= 5);
    if (weekdayDay) return `${weekdayDay} 本来就是工作日，无需登记为调休上班`;
  }
  return { name: m[1], off, days };
}

/** Parses the schedule of `year`. */
export function parseSchedule(text: string, year: number): ParsedSchedule {
  const errors: string[] = [];
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  lines.forEach((line, i) => {
    if (!line) return;
    const entry = parseLine(line, year);
    if (typeof entry === 'string') {
      errors.push(`第${i + 1}行：${entry}`);
      return;
    }
    const dup = entry.days.find((d) => holidays.has(d) || workdays.has(d));
    if (dup) {
      errors.push(`第${i + 1}行：${dup} 重复登记`);
      return;
    }
    for (const d of entry.days) (entry.off ? holidays : workdays).set(d, entry.name);
  });
  if (errors.length === 0 && holidays.size === 0) errors.push('没有任何放假安排，请至少填写一行「放假」');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, schedule: { holidays, workdays } };
}
