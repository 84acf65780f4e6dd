/**
 * Obligation rules (pure).
 *
 * An obligation (leader, cadre, relation, period) exists when the relationship — a leader's post or link,
 * a deputy's supervision, a mentoring pair — and the cadre's eligibility (young / pool) hold on the period's
 * EVALUATION DAY: the period's last day, or today while the period is running. So an org change (a leader
 * rotates, a cadre moves or turns 35) changes the obligations from that day on, and a finished period is
 * judged as the org stood on its last day. It is DONE when the leader recorded a talk with the cadre dated
 * inside the period, OVERDUE when the period ended without one, OPEN otherwise.
 */
import { TALK_RELATIONS, type TalkRelation } from '../../db/schema/talks.js';
import { daysBetween } from '../../time.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { type Cadence, earlierDate, type Period, periodOf, periodsBetween, previousPeriod } from './talks.periods.js';

export type ObligationState = 'done' | 'open' | 'overdue';

export interface PeriodSpec {
  relation: TalkRelation;
  period: Period;
  /** The day relationships and ages are evaluated on. */
  evalDate: string;
  /** Latest birth date that is not young on evalDate. */
  youngCutoff: string;
}

export function specFor(relation: TalkRelation, period: Period, asOf: string, maxAge: number): PeriodSpec {
  const evalDate = earlierDate(period.end, asOf);
  return { relation, period, evalDate, youngCutoff: youngBirthCutoff(evalDate, maxAge) };
}

/** The running period of every relation on `asOf`. */
export function currentSpecs(cadences: readonly Cadence[], asOf: string, maxAge: number): PeriodSpec[] {
  return TALK_RELATIONS.map((r) => specFor(r, periodOf(cadences, r, asOf), asOf, maxAge));
}

/** The last finished period of every relation on `asOf`. */
export function previousSpecs(cadences: readonly Cadence[], asOf: string, maxAge: number): PeriodSpec[] {
  return TALK_RELATIONS.map((r) => specFor(r, previousPeriod(cadences, r, asOf), asOf, maxAge));
}

/** Every period (of every relation) overlapping [from, to] that has begun by `asOf`. */
export function specsBetween(
  cadences: readonly Cadence[],
  from: string,
  to: string,
  asOf: string,
  maxAge: number,
): PeriodSpec[] {
  const last = earlierDate(to, asOf);
  return TALK_RELATIONS.flatMap((r) => periodsBetween(cadences, r, from, last).map((p) => specFor(r, p, asOf, maxAge)));
}

export function obligationState(talkCount: number, periodEnd: string, asOf: string): ObligationState {
  if (talkCount > 0) return 'done';
  return periodEnd < asOf ? 'overdue' : 'open';
}

/** A due reminder is sent while the period ends within `daysBeforeEnd` days (the last day counts as 0). */
export function inReminderWindow(periodEnd: string, today: string, daysBeforeEnd: number): boolean {
  const left = daysBetween(today, periodEnd);
  return left >= 0 && left <= daysBeforeEnd;
}

/**
 * Escalation of a finished period by workdays since its end: the leader gets an overdue card on each of the
 * first `escalateAfter` workdays (at least the first); once more than `escalateAfter` workdays have passed,
 * org_admin gets the list (once per period — the ledger remembers).
 */
export function overdueSteps(workdaysSinceEnd: number, escalateAfter: number): { leader: boolean; admin: boolean } {
  if (workdaysSinceEnd <= 0) return { leader: false, admin: false };
  return { leader: workdaysSinceEnd <= Math.max(1, escalateAfter), admin: workdaysSinceEnd > escalateAfter };
}

export const RELATION_LABELS: Record<TalkRelation, string> = {
  county_leader: '县级领导联系（分管）单位',
  unit_main: '单位主要领导',
  unit_deputy: '单位分管领导',
  mentor: '结对帮带',
};
