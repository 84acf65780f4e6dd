/** Vocabularies of 选派墩苗 (dispatches): kinds, statuses, cadences, evaluation grades. Data, not code. */

/** Dispatch kinds; `overlap` allows a cadre to hold this kind alongside another active assignment. */
export const DISPATCH_KINDS = [
  { key: 'first_secretary', label: '驻村第一书记', overlap: false },
  { key: 'social_instructor', label: '社会管理工作指导员', overlap: false },
  { key: 'party_instructor', label: '党建指导员', overlap: false },
  { key: 'frontline', label: '基层一线', overlap: false },
  { key: 'shadowing', label: '上级跟班学习', overlap: false },
  { key: 'rotation', label: '外出跟岗学习', overlap: false },
] as const;
export const DISPATCH_KIND_KEYS = [
  'first_secretary',
  'social_instructor',
  'party_instructor',
  'frontline',
  'shadowing',
  'rotation',
] as const;
export type DispatchKind = (typeof DISPATCH_KIND_KEYS)[number];

export const kindLabel = (k: string) => DISPATCH_KINDS.find((d) => d.key === k)?.label ?? k;
export const kindByLabel = (label: string) => DISPATCH_KINDS.find((d) => d.label === label.trim())?.key;
export const kindAllowsOverlap = (k: string) => DISPATCH_KINDS.find((d) => d.key === k)?.overlap ?? false;

/** Assignment status: 在岗 / 期满 / 提前召回 / 延期. Active = on_post or extended. */
export const ASSIGNMENT_STATUSES = ['on_post', 'completed', 'recalled', 'extended'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const STATUS_LABELS: Record<AssignmentStatus, string> = {
  on_post: '在岗',
  completed: '期满',
  recalled: '提前召回',
  extended: '延期',
};
export const ACTIVE_STATUSES: AssignmentStatus[] = ['on_post', 'extended'];

/** Report cadence per batch (default monthly). */
export const REPORT_CADENCES = ['monthly', 'quarterly'] as const;
export type ReportCadence = (typeof REPORT_CADENCES)[number];
export const CADENCE_LABELS: Record<ReportCadence, string> = { monthly: '每月', quarterly: '每季度' };

/** Host unit's end-of-term evaluation. */
export const EVALUATION_GRADES = ['优秀', '称职', '基本称职', '不称职'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

/**
 * Send-ledger kinds (one per recipient, kind and local date). 'digest' is the leaders' group monthly digest:
 * its row carries the month's first day as local date, so it goes out once per month.
 */
export const SEND_KINDS = ['due', 'overdue', 'escalation', 'missing', 'term', 'digest'] as const;
export type SendKind = (typeof SEND_KINDS)[number];

/** Attachments to a report: allowed file types and size limit. */
export const ATTACHMENT_TYPES = ['jpg', 'jpeg', 'png', 'pdf', 'docx', 'xlsx'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_REPORT = 5;

/** Reminder settings: a reminder N workdays before the period ends; escalation after M workdays late. */
export const DISPATCH_REMINDERS = { leadWorkdays: 3, escalateAfterWorkdays: 3, termNoticeDays: 30 } as const;
