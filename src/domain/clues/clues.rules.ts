/**
 * Pure rules of the problem-clue workflow: who may take which step when (a table), due dates in workdays,
 * overdue and escalation, need-to-know, the pool consequences (data) and the digest counts. No clock, no database.
 */
import { addDays, daysBetween } from '../../time.js';
import {
  CLUE_SEVERITIES,
  CLUE_SOURCES,
  type ClueAction,
  type ClueFinding,
  type ClueSeverity,
  type ClueSource,
  type ClueStep,
  OPEN_STEPS,
  type OpenStep,
  STEP_LABELS,
} from './clues.vocab.js';

/** How a person stands towards one clue (computed by the service from roles, county and assignment). */
export type ClueRole = 'org_admin' | 'discipline_liaison' | 'leader' | 'cadre' | 'other';

export interface Transition {
  action: ClueAction;
  from: OpenStep;
  by: readonly ClueRole[];
  to: ClueStep;
}

/** The workflow as data: every allowed (action, step, role); anything else is refused. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'accept', from: 'reported', by: ['org_admin'], to: 'reminding' },
  { action: 'return', from: 'reported', by: ['org_admin'], to: 'returned' },
  { action: 'talk', from: 'reminding', by: ['leader'], to: 'correcting' },
  { action: 'correct', from: 'correcting', by: ['leader'], to: 'closing' },
  { action: 'close', from: 'closing', by: ['org_admin'], to: 'closed' },
];

export type Decision = { ok: true; to: ClueStep } | { ok: false; why: string };

const WHO: Record<ClueAction, string> = {
  accept: '组织部门',
  return: '组织部门',
  talk: '指定的谈话领导',
  correct: '指定的谈话领导',
  close: '组织部门',
};

/** Whether someone with `roles` may take `action` on a clue at `step`; the refusal says why in Chinese. */
export function decide(action: ClueAction, step: ClueStep, roles: readonly ClueRole[]): Decision {
  const rows = TRANSITIONS.filter((t) => t.action === action);
  const atStep = rows.find((t) => t.from === step);
  if (!atStep) return { ok: false, why: `该线索当前${STEP_LABELS[step]}，不能进行此操作` };
  if (!atStep.by.some((r) => roles.includes(r))) return { ok: false, why: `此操作仅限${WHO[action]}` };
  return { ok: true, to: atStep.to };
}

/** Workdays each open step may take (受理 3, 警醒谈话 5, 纠正 20, 办结 5). */
export const STEP_DUE_WORKDAYS: Record<OpenStep, number> = { reported: 3, reminding: 5, correcting: 20, closing: 5 };
/** Workdays overdue after which the org_admin is told as well (escalation). */
export const ESCALATE_AFTER_WORKDAYS = 3;

/** Who owns a step: the one who gets the overdue reminder. */
export const STEP_OWNER: Record<OpenStep, 'org_admin' | 'leader'> = {
  reported: 'org_admin',
  reminding: 'leader',
  correcting: 'leader',
  closing: 'org_admin',
};

export interface Workdays {
  isWorkday(date: string): boolean;
}

/** The `n`-th workday after `from` (n ≥ 1). */
export function addWorkdays(cal: Workdays, from: string, n: number): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

/** Workdays in (from, to]. */
export function workdaysBetween(cal: Workdays, from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkday(d)) n++;
  return n;
}

export function dueFor(cal: Workdays, step: OpenStep, since: string): string {
  return addWorkdays(cal, since, STEP_DUE_WORKDAYS[step]);
}

export type Lateness = 'on_time' | 'overdue' | 'escalate';

/** On time until the due date (inclusive); overdue after it; escalated when overdue for ESCALATE_AFTER workdays. */
export function lateness(cal: Workdays, dueOn: string | null, today: string): Lateness {
  if (!dueOn || today <= dueOn) return 'on_time';
  return workdaysBetween(cal, dueOn, today) >= ESCALATE_AFTER_WORKDAYS ? 'escalate' : 'overdue';
}

/** What a person may see of a clue: everything, what a warning talk needs, or nothing. */
export type ViewLevel = 'details' | 'talk' | 'none';

export function viewLevel(roles: readonly ClueRole[], step: ClueStep): ViewLevel {
  if (roles.includes('org_admin') || roles.includes('discipline_liaison')) return 'details';
  if (roles.includes('leader') && step !== 'reported') return 'talk';
  return 'none';
}

/** Who may report a clue (报送). */
export const REPORTER_ROLES = ['org_admin', 'discipline_liaison'] as const;

export interface ClueForm {
  cadre: number;
  source: string;
  severity: string;
  summary: string;
  evidence?: string;
}

export interface ValidClue {
  cadreId: number;
  source: ClueSource;
  severity: ClueSeverity;
  summary: string;
  evidence: string | null;
}

export const MAX_SUMMARY = 500;
export const MAX_EVIDENCE = 1000;

/** The cleaned clue, or the first problem in Chinese. */
export function validateClue(f: ClueForm): ValidClue | string {
  if (!Number.isInteger(f.cadre) || f.cadre <= 0) return '请选择线索涉及的干部';
  if (!(CLUE_SOURCES as readonly string[]).includes(f.source)) return '请选择线索来源';
  if (!(CLUE_SEVERITIES as readonly string[]).includes(f.severity)) return '请选择问题性质';
  const summary = f.summary.trim();
  if (!summary) return '请填写问题摘要';
  if (summary.length > MAX_SUMMARY) return `问题摘要请控制在 ${MAX_SUMMARY} 字以内`;
  const evidence = f.evidence?.trim() || null;
  if (evidence && evidence.length > MAX_EVIDENCE) return `证据材料请控制在 ${MAX_EVIDENCE} 字以内`;
  return {
    cadreId: f.cadre,
    source: f.source as ClueSource,
    severity: f.severity as ClueSeverity,
    summary,
    evidence,
  };
}

/** A required free-text note (return reason, correction, handling): trimmed, or the Chinese refusal. */
export function requiredNote(text: string | undefined, what: string, max = 500): string | { why: string } {
  const t = text?.trim() ?? '';
  if (!t) return { why: `请填写${what}` };
  if (t.length > max) return { why: `${what}请控制在 ${max} 字以内` };
  return t;
}

/**
 * Pool consequences as data (like the assessment rules): an open clue holds the entry (暂缓); a closed clue
 * proposes a change by finding and severity; 不属实 lifts the hold with a history line.
 */
export interface CluePoolRule {
  id: string;
  finding: ClueFinding;
  severities: readonly ClueSeverity[];
  /** A pool proposal for org_admin, or 'lift' (the hold ends, recorded in the pool history). */
  effect: 'exit' | 'tier_down' | 'watch' | 'lift';
  label: string;
}

export const CLUE_POOL_RULES: readonly CluePoolRule[] = [
  {
    id: 'clue.substantiated.grave',
    finding: 'substantiated',
    severities: ['grave'],
    effect: 'exit',
    label: '线索属实且问题严重，建议调出资源库',
  },
  {
    id: 'clue.substantiated',
    finding: 'substantiated',
    severities: ['minor', 'serious'],
    effect: 'tier_down',
    label: '线索属实，建议下调层级',
  },
  {
    id: 'clue.partly',
    finding: 'partly',
    severities: ['minor', 'serious', 'grave'],
    effect: 'watch',
    label: '线索部分属实，建议列入观察',
  },
  {
    id: 'clue.unfounded',
    finding: 'unfounded',
    severities: ['minor', 'serious', 'grave'],
    effect: 'lift',
    label: '线索不属实，解除暂缓',
  },
];

export function poolRuleFor(finding: ClueFinding, severity: ClueSeverity): CluePoolRule {
  return CLUE_POOL_RULES.find((r) => r.finding === finding && r.severities.includes(severity))!;
}

/** An open clue puts the pool entry on hold: no promotion (tier_up) proposals while it lasts. */
export const HOLD_BLOCKS = ['tier_up'] as const;

/** Age buckets of open clues for the digest (days since the step started). */
export function ageBucket(since: string, today: string): '一周内' | '一个月内' | '超过一个月' {
  const d = daysBetween(since, today);
  if (d <= 7) return '一周内';
  if (d <= 30) return '一个月内';
  return '超过一个月';
}

export interface OpenClueCount {
  step: OpenStep;
  stepSince: string;
  dueOn: string | null;
}

/** Digest lines: counts by step (with how many overdue) and by age; never a name. */
export function digestLines(rows: OpenClueCount[], today: string): string[] {
  if (rows.length === 0) return [];
  const lines = [`在办问题线索 ${rows.length} 件`];
  for (const step of OPEN_STEPS) {
    const at = rows.filter((r) => r.step === step);
    if (at.length === 0) continue;
    const late = at.filter((r) => r.dueOn !== null && today > r.dueOn).length;
    lines.push(`${STEP_LABELS[step]} ${at.length} 件${late > 0 ? `，其中超期 ${late} 件` : ''}`);
  }
  const ages = new Map<string, number>();
  for (const r of rows) ages.set(ageBucket(r.stepSince, today), (ages.get(ageBucket(r.stepSince, today)) ?? 0) + 1);
  lines.push(
    `本环节停留：${['一周内', '一个月内', '超过一个月']
      .filter((a) => ages.has(a))
      .map((a) => `${a} ${ages.get(a)} 件`)
      .join('，')}`,
  );
  return lines;
}

/** The `n`-th workday before `from` (n ≥ 1): demo history and tests. */
export function subWorkdays(cal: Workdays, from: string, n: number): string {
  let d = from;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (cal.isWorkday(d)) left--;
  }
  return d;
}

/** Evidence attachments 证据附件: how long an armed "attach to clue #N" intent waits for the file. */
export const ATTACH_INTENT_MINUTES = 10;
/** At most this many attachments per clue. */
export const MAX_ATTACHMENTS_PER_CLUE = 20;
/** File types an attachment may have (by the name's extension). */
export const ATTACH_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'doc', 'docx', 'xls', 'xlsx', 'txt'] as const;
export const ATTACH_TYPES_TEXT = 'pdf、jpg/png、doc/docx、xls/xlsx、txt';

/**
 * Who may add an attachment to a clue, and when: org_admin, or the discipline liaison who reported it, while the
 * clue is open. `isReporter`: the actor reported this clue.
 */
export function mayAttach(roles: readonly ClueRole[], step: ClueStep, isReporter: boolean): Decision {
  if (step === 'closed' || step === 'returned') return { ok: false, why: `该线索${STEP_LABELS[step]}，不能再添加附件` };
  if (roles.includes('org_admin') || (roles.includes('discipline_liaison') && isReporter))
    return { ok: true, to: step };
  return { ok: false, why: '添加证据附件仅限组织部门和报送该线索的纪委/信访联络人' };
}

/** Whether an armed intent is still good at `now` (expiry exclusive). */
export function intentArmed(expiresAt: Date, now: Date): boolean {
  return now.getTime() < expiresAt.getTime();
}

export function intentExpiry(now: Date): Date {
  return new Date(now.getTime() + ATTACH_INTENT_MINUTES * 60_000);
}

/** The check the file name allows before anything is downloaded: its type; the refusal in Chinese. */
export function attachNameProblem(fileName: string): string | null {
  const name = fileName.trim();
  if (!name || name.length > 200) return '文件名有误，请重命名后再发送';
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (!ext || !(ATTACH_EXTENSIONS as readonly string[]).includes(ext))
    return `不支持该文件类型，证据附件限 ${ATTACH_TYPES_TEXT}`;
  return null;
}

/** The check after download: the actual size against the limit (MB). */
export function attachSizeProblem(bytes: number, maxMb: number): string | null {
  if (bytes <= 0) return '文件为空，请检查后重新发送';
  if (bytes > maxMb * 1024 * 1024) return `文件超过 ${maxMb} MB，请压缩或拆分后再发送`;
  return null;
}

/** '12 KB', '3.4 MB'. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 'YYYY-MM-DD HH:mm' in `timezone`. */
export function localDateTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .slice(0, 16);
}
