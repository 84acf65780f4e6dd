/** Validation of a talk record form (pure): the server re-checks everything the card sent. */
import { daysBetween, isIsoDate } from '../../time.js';

export interface TalkForm {
  cadreId: number;
  /** As sent by the date picker: '2026-11-30' or '2026-11-30 +0800'. */
  date: string;
  kind: 'regular' | 'flexible';
  tone: 'encourage' | 'warning';
  topics: string;
  problems?: string;
  notes?: string;
}

export interface ValidTalk {
  cadreId: number;
  talkDate: string;
  kind: 'regular' | 'flexible';
  tone: 'encourage' | 'warning';
  topics: string[];
  problems: string[];
  notes: string | null;
}

/** How far back a talk may be recorded (补录). */
export const MAX_BACKDATE_DAYS = 366;
export const MAX_PROBLEMS = 10;
export const MAX_PROBLEM_LENGTH = 200;

/** Topics are separated by 、，,；; or new lines. */
export function splitTopics(text: string): string[] {
  return text
    .split(/[、，,；;\n]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export function splitProblems(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((t) => t.replace(/^\s*(\d+[.、．)]|[-•·])\s*/, '').trim())
    .filter((t) => t.length > 0);
}

/** Returns the cleaned talk, or the first problem as a Chinese message. */
export function validateTalk(form: TalkForm, today: string): ValidTalk | string {
  const talkDate = form.date.trim().slice(0, 10);
  if (!isIsoDate(talkDate)) return '请选择正确的谈话日期';
  if (talkDate > today) return '谈话日期不能晚于今天';
  if (daysBetween(talkDate, today) > MAX_BACKDATE_DAYS) return '只能补录一年以内的谈话';
  const topics = splitTopics(form.topics);
  if (topics.length === 0) return '请填写谈话主题';
  const problems = splitProblems(form.problems);
  if (problems.length > MAX_PROBLEMS) return `一次谈话最多登记 ${MAX_PROBLEMS} 个问题`;
  if (problems.some((p) => p.length > MAX_PROBLEM_LENGTH)) return `每个问题请控制在 ${MAX_PROBLEM_LENGTH} 字以内`;
  const notes = form.notes?.trim() || null;
  return { cadreId: form.cadreId, talkDate, kind: form.kind, tone: form.tone, topics, problems, notes };
}
