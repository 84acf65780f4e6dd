/**
 * Pure pool rules: tier order, which state changes are allowed, and when a cadre ages out.
 * No clock, no database.
 */
import type { ExitReason, PoolStatus, PoolTier, ProposalAction } from '../../db/schema/pool.js';
import { youngBirthCutoff } from '../org/org.rules.js';

/** Closest to use first. */
export const TIER_ORDER: readonly PoolTier[] = ['near_term', 'mid_term', 'long_term'];

export const TIER_LABELS: Record<PoolTier, string> = {
  near_term: '近期使用',
  mid_term: '中期培养',
  long_term: '长期跟踪',
};

export const STATUS_LABELS: Record<PoolStatus, string> = { active: '在库', watch: '观察', exited: '已出库' };

export const EXIT_LABELS: Record<ExitReason, string> = {
  promoted: '提拔使用',
  over_age: '超龄',
  assessment: '考核结果',
  discipline: '违纪违规',
  transferred: '调离',
  other: '其他',
};

export const ACTION_LABELS: Record<ProposalAction, string> = {
  tier_up: '上调层级',
  tier_down: '下调层级',
  watch: '列入观察',
  exit: '调出资源库',
};

/** The next tier towards use, or null at the top. */
export function tierUp(tier: PoolTier): PoolTier | null {
  const i = TIER_ORDER.indexOf(tier);
  return i > 0 ? TIER_ORDER[i - 1] : null;
}

/** The next tier away from use, or null at the bottom. */
export function tierDown(tier: PoolTier): PoolTier | null {
  const i = TIER_ORDER.indexOf(tier);
  return i < TIER_ORDER.length - 1 ? TIER_ORDER[i + 1] : null;
}

export interface EntryState {
  tier: PoolTier;
  status: PoolStatus;
}

/** A requested change of an entry; `set_tier` and `unwatch` come from org_admin's manual actions. */
export type PoolChange =
  | { action: ProposalAction; toTier?: PoolTier | null; exitReason?: ExitReason | null }
  | { action: 'set_tier'; toTier: PoolTier }
  | { action: 'unwatch' };

export type ChangeOutcome =
  | { ok: true; next: EntryState; kind: 'tier_changed' | 'watch' | 'unwatch' | 'exited' }
  | { ok: false; why: string };

/** Applies a change to an entry's state, or says in Chinese why it does not apply (any more). */
export function applyChange(state: EntryState, change: PoolChange): ChangeOutcome {
  if (state.status === 'exited') return { ok: false, why: '该同志已调出资源库' };
  switch (change.action) {
    case 'tier_up':
    case 'tier_down':
    case 'set_tier': {
      const to =
        change.action === 'set_tier'
          ? change.toTier
          : (change.toTier ?? (change.action === 'tier_up' ? tierUp(state.tier) : tierDown(state.tier)));
      if (!to || to === state.tier) return { ok: false, why: `该同志已在「${TIER_LABELS[state.tier]}」层级` };
      return { ok: true, next: { ...state, tier: to }, kind: 'tier_changed' };
    }
    case 'watch':
      if (state.status === 'watch') return { ok: false, why: '该同志已列入观察' };
      return { ok: true, next: { ...state, status: 'watch' }, kind: 'watch' };
    case 'unwatch':
      if (state.status !== 'watch') return { ok: false, why: '该同志未列入观察' };
      return { ok: true, next: { ...state, status: 'active' }, kind: 'unwatch' };
    case 'exit':
      if (!change.exitReason) return { ok: false, why: '请选择出库原因' };
      return { ok: true, next: { ...state, status: 'exited' }, kind: 'exited' };
  }
}

/** Adds whole months to a 'YYYY-MM-DD' date, clamping the day to the target month's length. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Latest birth date whose holder must be proposed for exit on `today`: everyone who is no longer young
 * on `today + leadMonths`, i.e. turns `maxAge` within the lead time (or already has).
 */
export function ageOutBirthCutoff(today: string, maxAge: number, leadMonths: number): string {
  return youngBirthCutoff(addMonths(today, leadMonths), maxAge);
}

/** The day a cadre born on `birthDate` turns `maxAge` (stops being young). */
export function ageOutDate(birthDate: string, maxAge: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  // 02-29 birthdays turn a year older on 03-01 in common years (as org.rules.ageOn counts).
  const ty = y + maxAge;
  const leap = (ty % 4 === 0 && ty % 100 !== 0) || ty % 400 === 0;
  if (m === 2 && d === 29 && !leap) return `${ty}-03-01`;
  return `${String(ty).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
