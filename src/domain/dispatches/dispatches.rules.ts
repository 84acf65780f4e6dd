/**
 * 选派墩苗 rules (pure): reporting periods per cadence, workday windows, escalation steps, input checks.
 * Dates are 'YYYY-MM-DD'; every range here is inclusive on both ends.
 */
import type { ExitReason, ProposalAction } from '../../db/schema/pool.js';
import { addDays, isIsoDate } from '../../time.js';
import { applyChange, type EntryState } from '../pool/pool.rules.js';
import { calendarPeriod, earlierDate, laterDate } from '../talks/talks.periods.js';
import {
  type AssignmentStatus,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  DISPATCH_REMINDERS,
  type EvaluationGrade,
  kindLabel,
  type ReportCadence,
} from './dispatches.vocab.js';

/** A reporting period of one assignment: the calendar period clipped to the days the cadre was on post. */
export interface ReportPeriod {
  key: string;
  start: string;
  /** Last day of the period for this assignment (the report is due by the end of it). */
  due: string;
}

/** The last day the assignment runs: the actual end once ended (期满 / 提前召回), else the planned end (延期 moves it). */
export function lastDay(a: { plannedEnd: string; endedOn: string | null }): string {
  return a.endedOn ?? a.plannedEnd;
}

/** The calendar period of a cadence containing `date`. */
export function cadencePeriod(cadence: ReportCadence, date: string) {
  return calendarPeriod(cadence === 'monthly' ? 'month' : 'quarter', date);
}

/** Every reporting period of an assignment from its start to its last day (or `until`, if earlier). */
export function reportPeriods(
  cadence: ReportCadence,
  a: { startDate: string; plannedEnd: string; endedOn: string | null },
  until?: string,
): ReportPeriod[] {
  const end = until ? earlierDate(lastDay(a), until) : lastDay(a);
  const out: ReportPeriod[] = [];
  for (let d = a.startDate; d <= end; ) {
    const p = cadencePeriod(cadence, d);
    out.push({ key: p.key, start: laterDate(p.start, a.startDate), due: earlierDate(p.end, lastDay(a)) });
    d = addDays(p.end, 1);
  }
  return out;
}

/** The period of the assignment containing `day`, if the cadre is on post that day. */
export function periodOn(
  cadence: ReportCadence,
  a: { startDate: string; plannedEnd: string; endedOn: string | null },
  day: string,
): ReportPeriod | null {
  if (day < a.startDate || day > lastDay(a)) return null;
  const p = cadencePeriod(cadence, day);
  return { key: p.key, start: laterDate(p.start, a.startDate), due: earlierDate(p.end, lastDay(a)) };
}

/** Whether `key` is one of the assignment's reporting periods. */
export function isReportablePeriod(
  cadence: ReportCadence,
  a: { startDate: string; plannedEnd: string; endedOn: string | null },
  key: string,
): ReportPeriod | null {
  return reportPeriods(cadence, a).find((p) => p.key === key) ?? null;
}

/** A reminder step for one missing report on `today`. */
export type ReminderStep = 'none' | 'due' | 'overdue' | 'escalate';

/**
 * What to do about a period's missing report on `today`: nothing before the window; 'due' within the last
 * `lead` workdays up to the due date; 'overdue' after it; 'escalate' once `escalateAfter` workdays late.
 * `workdaysLeft` = workdays in (today, due]; `workdaysLate` = workdays in (due, today].
 */
export function reminderStep(
  today: string,
  due: string,
  workdaysLeft: number,
  workdaysLate: number,
  lead: number = DISPATCH_REMINDERS.leadWorkdays,
  escalateAfter: number = DISPATCH_REMINDERS.escalateAfterWorkdays,
): ReminderStep {
  if (today <= due) return workdaysLeft < lead ? 'due' : 'none';
  return workdaysLate >= escalateAfter ? 'escalate' : 'overdue';
}

/** Whether a report may still be written or corrected on `today`: until its period closes (the due day). */
export function canCorrect(period: ReportPeriod, today: string): boolean {
  return today <= period.due;
}

/** The input of one assignment, as typed on a card or read from a row. */
export interface AssignmentInput {
  personId: number;
  batchId: number;
  destUnitId: number | null;
  destPlace: string | null;
  hostUnitName: string | null;
  hostContactPersonId: number | null;
  startDate: string;
  plannedEnd: string;
}

/** Problems of an assignment on its own (Chinese), or null. Overlap is checked against stored data. */
export function assignmentProblem(a: AssignmentInput): string | null {
  if (!isIsoDate(a.startDate)) return '开始日期格式应为 YYYY-MM-DD';
  if (!isIsoDate(a.plannedEnd)) return '计划结束日期格式应为 YYYY-MM-DD';
  if (a.plannedEnd < a.startDate) return '计划结束日期早于开始日期';
  if (a.destUnitId === null && !a.destPlace) return '派驻地不是本县单位，请填写县外地点（如 浏阳市）和接收单位';
  if (a.destUnitId === null && !a.hostUnitName) return '县外派驻请填写接收单位';
  return null;
}

/** Whether two inclusive date ranges share a day. */
export function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** An allowed status change, with the date checks; returns a Chinese problem or null. */
export function statusChangeProblem(
  from: AssignmentStatus,
  to: AssignmentStatus,
  a: { startDate: string; plannedEnd: string },
  on: string,
  newEnd?: string,
): string | null {
  if (from === 'completed' || from === 'recalled') return '该选派已结束，不能再变更状态';
  if (!isIsoDate(on)) return '日期格式应为 YYYY-MM-DD';
  if (to === 'extended') {
    if (!newEnd || !isIsoDate(newEnd)) return '延期请填写新的计划结束日期';
    if (newEnd <= a.plannedEnd) return '延期后的结束日期应晚于原计划结束日期';
    return null;
  }
  if (to === 'recalled') {
    if (on < a.startDate) return '召回日期早于开始日期';
    if (on >= a.plannedEnd) return '召回日期应早于计划结束日期（到期请选择“期满”）';
    return null;
  }
  if (to === 'completed') return on < a.startDate ? '期满日期早于开始日期' : null;
  return '不支持的状态变更';
}

/** Attachment type check by extension (known before the file is downloaded). */
export function attachmentTypeProblem(fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (!fileName.includes('.') || !(ATTACHMENT_TYPES as readonly string[]).includes(ext))
    return `附件类型不允许，只能上传 ${ATTACHMENT_TYPES.join('、')} 文件`;
  return null;
}

/** Attachment checks: type by extension and size limit. */
export function attachmentProblem(fileName: string, size: number): string | null {
  const type = attachmentTypeProblem(fileName);
  if (type) return type;
  if (size > ATTACHMENT_MAX_BYTES) return `附件超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB 的大小限制`;
  if (size === 0) return '附件为空文件';
  return null;
}

/**
 * The host evaluation's effect on the pool (优进绌退), declared as data like the assessment rules
 * (src/domain/assessments/assessments.rules.ts): each grade listed proposes one pool change to org_admin,
 * citing the evaluation; 称职 proposes nothing. Policy changes here, never in code paths.
 */
export interface EvaluationRule {
  id: string;
  grades: EvaluationGrade[];
  propose: { action: ProposalAction; exitReason?: ExitReason };
  /** Chinese, shown on the proposal card as 依据. */
  label: string;
}

export const EVALUATION_RULES: readonly EvaluationRule[] = [
  {
    id: 'dispatch_excellent',
    grades: ['优秀'],
    propose: { action: 'tier_up' },
    label: '选派期满接收单位评价优秀，建议上调一个层级',
  },
  {
    id: 'dispatch_basic',
    grades: ['基本称职'],
    propose: { action: 'watch' },
    label: '选派期满接收单位评价基本称职，建议列入观察',
  },
  {
    id: 'dispatch_unfit',
    grades: ['不称职'],
    propose: { action: 'exit', exitReason: 'assessment' },
    label: '选派期满接收单位评价不称职，建议调出资源库',
  },
];

/** The evaluation a proposal cites. */
export interface EvaluationFact {
  assignmentId: number;
  kind: string;
  batchName: string;
  startDate: string;
  lastDay: string;
  grade: EvaluationGrade;
}

export interface EvaluationProposal {
  ruleId: string;
  action: ProposalAction;
  exitReason: ExitReason | null;
  reason: string;
  /** Same rule + entry + assignment + grade → the same key: a dismissed proposal is not raised again. */
  dedupKey: string;
  basis: { kind: string; period: string; result: string }[];
}

/** The dedup key of an evaluation proposal without its grade: `<rule>:<entry>:<assignment>:`. */
export function evaluationKeyPrefix(ruleId: string, entryId: number, assignmentId: number): string {
  return `${ruleId}:${entryId}:${assignmentId}:`;
}

/**
 * What a new evaluation of the same assignment supersedes: proposals of any evaluation rule for this entry and
 * assignment (`prefixes`) other than those the new grade itself would key (`keep`) — re-sending the same grade
 * leaves its open proposal alone.
 */
export function supersededEvaluationKeys(
  rules: readonly EvaluationRule[],
  entryId: number,
  assignmentId: number,
  grade: EvaluationGrade,
): { prefixes: string[]; keep: string[] } {
  const prefixes = rules.map((r) => evaluationKeyPrefix(r.id, entryId, assignmentId));
  return { prefixes, keep: prefixes.map((p) => p + grade) };
}

/** Proposals the evaluation rules make for one pool entry; changes that would not apply are left out. */
export function evaluationProposals(
  rules: readonly EvaluationRule[],
  entry: EntryState & { id: number },
  e: EvaluationFact,
): EvaluationProposal[] {
  return rules
    .filter((r) => r.grades.includes(e.grade))
    .filter((r) => applyChange(entry, { action: r.propose.action, exitReason: r.propose.exitReason ?? null }).ok)
    .map((r) => ({
      ruleId: r.id,
      action: r.propose.action,
      exitReason: r.propose.exitReason ?? null,
      reason: r.label,
      dedupKey: evaluationKeyPrefix(r.id, entry.id, e.assignmentId) + e.grade,
      basis: [
        {
          kind: '选派期满评价',
          period: `${e.batchName}${kindLabel(e.kind)}（${e.startDate} 至 ${e.lastDay}）`,
          result: e.grade,
        },
      ],
    }));
}

/** 「在外选派：<kind>，<destination>，至 <planned end>」 (plain text: the card escapes it). */
export function awayText(a: {
  kind: string;
  destUnitName: string | null;
  destPlace: string | null;
  hostUnitName: string | null;
  plannedEnd: string;
}): string {
  const dest = [a.destPlace ?? a.destUnitName, a.hostUnitName].filter(Boolean).join(' · ');
  return `在外选派：${kindLabel(a.kind)}，${dest}，至 ${a.plannedEnd}`;
}

/** Whether the end-of-term notice is due on `today` (one month before the last day, once). */
export function termNoticeDue(a: { plannedEnd: string; termNoticeOn: string | null }, today: string): boolean {
  return !a.termNoticeOn && today >= addDays(a.plannedEnd, -DISPATCH_REMINDERS.termNoticeDays) && today <= a.plannedEnd;
}

/** One batch's line of the leaders' monthly dispatch digest: counts only. */
export interface DigestBatchLine {
  batchId: number;
  /** Reports of the periods that closed last month: expected, in (on time or late), missing. */
  expected: number;
  submitted: number;
  missing: number;
  /** Active assignments whose planned end falls in this month / next month. */
  endingThisMonth: number;
  endingNextMonth: number;
}

/** The first day of the month `months` away from the month of `day`. */
export function monthStart(day: string, months = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + months;
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  return `${ty}-${String(tm + 1).padStart(2, '0')}-01`;
}

/**
 * The digest of the month of `day`, by batch: the reports of every period that closed last month (due within
 * it), and the active assignments ending this month and next month. Batches with nothing to say are left out.
 */
export function monthlyDigest(
  day: string,
  status: { batchId: number; due: string; submitted: boolean }[],
  ends: { batchId: number; plannedEnd: string }[],
): DigestBatchLine[] {
  const last = monthStart(day, -1);
  const cur = monthStart(day);
  const next = monthStart(day, 1);
  const after = monthStart(day, 2);
  const out = new Map<number, DigestBatchLine>();
  const line = (batchId: number) => {
    const l = out.get(batchId) ?? {
      batchId,
      expected: 0,
      submitted: 0,
      missing: 0,
      endingThisMonth: 0,
      endingNextMonth: 0,
    };
    out.set(batchId, l);
    return l;
  };
  for (const r of status) {
    if (r.due < last || r.due >= cur) continue;
    const l = line(r.batchId);
    l.expected++;
    if (r.submitted) l.submitted++;
    else l.missing++;
  }
  for (const e of ends) {
    if (e.plannedEnd >= cur && e.plannedEnd < next) line(e.batchId).endingThisMonth++;
    else if (e.plannedEnd >= next && e.plannedEnd < after) line(e.batchId).endingNextMonth++;
  }
  return [...out.values()].sort((a, b) => a.batchId - b.batchId);
}
