/** Pure rules of the work-tracking ledger 跟踪考核台账: entry validation and the pool rules fed by ratings. */
import { isIsoDate } from '../../time.js';
import { LEDGER_RATINGS, type LedgerRating, RATING_LABELS } from '../clues/clues.vocab.js';

export interface EntryForm {
  role: string;
  rating: string;
  facts: string;
  date: string;
}

export interface ValidEntry {
  role: string;
  rating: LedgerRating;
  facts: string;
  entryOn: string;
}

/** A rating typed in a sheet or chosen on a card: 'good' or '好'. */
export function parseRating(s: string): LedgerRating | null {
  const t = s.trim();
  if ((LEDGER_RATINGS as readonly string[]).includes(t)) return t as LedgerRating;
  return LEDGER_RATINGS.find((r) => RATING_LABELS[r] === t) ?? null;
}

/** '2026-11-30', '2026/11/30', '2026.11.30', '2026年11月30日' or the date picker's '2026-11-30 +0800'. */
export function normaliseDate(s: string): string {
  return s
    .trim()
    .slice(0, 11)
    .trim()
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '')
    .replace(/-(\d)(?=-|$)/g, '-0$1');
}

export function validateEntry(f: EntryForm, today: string, task: { startOn: string }): ValidEntry | string {
  const role = f.role.trim();
  if (!role) return '请填写承担的工作（角色）';
  if (role.length > 100) return '承担的工作请控制在 100 字以内';
  const rating = parseRating(f.rating);
  if (!rating) return '请选择表现评价（好/较好/一般/差）';
  const facts = f.facts.trim();
  if (!facts) return '请填写主要事实';
  if (facts.length > 1000) return '主要事实请控制在 1000 字以内';
  const entryOn = normaliseDate(f.date);
  if (!isIsoDate(entryOn)) return '请填写正确的日期（如 2026-11-30）';
  if (entryOn > today) return '日期不能晚于今天';
  if (entryOn < task.startOn) return `日期不能早于任务开始日期 ${task.startOn}`;
  return { role, rating, facts, entryOn };
}

export interface TaskForm {
  name: string;
  start: string;
  end?: string;
}

export function validateTask(f: TaskForm): { name: string; startOn: string; endOn: string | null } | string {
  const name = f.name.trim();
  if (!name) return '请填写重点任务名称';
  if (name.length > 50) return '任务名称请控制在 50 字以内';
  const startOn = normaliseDate(f.start);
  if (!isIsoDate(startOn)) return '请选择任务开始日期';
  const endOn = f.end?.trim() ? normaliseDate(f.end) : null;
  if (endOn !== null && !isIsoDate(endOn)) return '请选择正确的结束日期';
  if (endOn !== null && endOn < startOn) return '结束日期不能早于开始日期';
  return { name, startOn, endOn };
}

/**
 * Ratings feed the pool as data (like the assessment rules): every `count` ratings of `rating` in the ledger
 * propose `action` once (the n-th time is its own proposal); org_admin decides.
 */
export interface LedgerPoolRule {
  id: string;
  rating: LedgerRating;
  count: number;
  action: 'tier_up' | 'watch';
  label: string;
}

export const LEDGER_POOL_RULES: readonly LedgerPoolRule[] = [
  {
    id: 'ledger.two_good',
    rating: 'good',
    count: 2,
    action: 'tier_up',
    label: '重点任务台账两次评价为“好”，建议上调层级',
  },
  { id: 'ledger.poor', rating: 'poor', count: 1, action: 'watch', label: '重点任务台账评价为“差”，建议列入观察' },
];

/** Proposals due for a cadre's rating counts: each with a dedup key that names the n-th threshold crossed. */
export function ledgerProposals(personId: number, counts: Partial<Record<LedgerRating, number>>) {
  return LEDGER_POOL_RULES.flatMap((r) => {
    const n = Math.floor((counts[r.rating] ?? 0) / r.count);
    if (n === 0) return [];
    return [
      {
        ruleId: r.id,
        action: r.action,
        exitReason: null,
        reason: `${r.label}（累计 ${counts[r.rating]} 次）`,
        dedupKey: `${r.id}:${personId}:${n}`,
        basis: { counts },
      },
    ];
  });
}

export interface LedgerWeek {
  /** Key tasks running on the digest's day. */
  activeTasks: number;
  /** Of those, tasks with no entry recorded this week. */
  quietTasks: number;
  /** Entries recorded this week, by rating. */
  byRating: Partial<Record<LedgerRating, number>>;
}

/** The ledger's block of the leaders' digest: counts only, no names; nothing when no task runs. */
export function ledgerDigestLines(w: LedgerWeek): string[] {
  if (w.activeTasks === 0) return [];
  const total = LEDGER_RATINGS.reduce((n, r) => n + (w.byRating[r] ?? 0), 0);
  const split = LEDGER_RATINGS.filter((r) => (w.byRating[r] ?? 0) > 0)
    .map((r) => `${RATING_LABELS[r]} ${w.byRating[r]}`)
    .join('，');
  return [
    `在办重点任务 ${w.activeTasks} 项${w.quietTasks > 0 ? `，其中本周未登记 ${w.quietTasks} 项` : ''}`,
    `本周登记台账 ${total} 条${split ? `（${split}）` : ''}`,
  ];
}
