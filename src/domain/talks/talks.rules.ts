/**
 * Obligation rules (pure). The fair-rotation rules in full, in Chinese, are in docs/talks.md.
 *
 * An obligation (post holder, cadre, relation, period) exists when the relationship — a leader's post or
 * link, a deputy's supervision, a mentoring pair — and the cadre's eligibility (young / pool, and the unit
 * from their dated assignments) hold on the period's EVALUATION DAY: the period's last day, or today while
 * the period is running. The obligation belongs to the POST: it is owed by whoever holds the post on that day,
 * and a talk by anyone who held the post (or the relation) during the period satisfies it (ROTATION_RULES in
 * talks.obligations.ts). It is DONE when such a talk is dated inside the period, OPEN while the period runs,
 * EXCUSED when the period ended without one but the holder took the post, or the cadre arrived, inside the
 * period's reminder window (`graceFrom`), OVERDUE otherwise.
 */
import { TALK_RELATIONS, type TalkRelation } from '../../db/schema/talks.js';
import { addDays } from '../../time.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import {
  type Cadence,
  earlierDate,
  laterDate,
  type Period,
  periodOf,
  periodsBetween,
  previousPeriod,
} from './talks.periods.js';

export type ObligationState = 'done' | 'open' | 'excused' | 'overdue';

/** The first day of a period's reminder window: the period of `relation` → that day (see talks.windows.ts). */
export type GraceFn = (relation: TalkRelation, period: Period) => string;

/** Without a calendar: no window, so nobody is excused (rules tests, benchmarks). */
export const NO_GRACE: GraceFn = (_r, p) => addDays(p.end, 1);

export interface PeriodSpec {
  relation: TalkRelation;
  period: Period;
  /** The day relationships and ages are evaluated on. */
  evalDate: string;
  /** Latest birth date that is not young on evalDate. */
  youngCutoff: string;
  /** First day of the reminder window: a holder or cadre who arrived on or after it is not overdue. */
  graceFrom: string;
}

export function specFor(
  relation: TalkRelation,
  period: Period,
  asOf: string,
  maxAge: number,
  grace: GraceFn = NO_GRACE,
): PeriodSpec {
  const evalDate = earlierDate(period.end, asOf);
  return {
    relation,
    period,
    evalDate,
    youngCutoff: youngBirthCutoff(evalDate, maxAge),
    graceFrom: grace(relation, period),
  };
}

/** The running period of every relation on `asOf`. */
export function currentSpecs(
  cadences: readonly Cadence[],
  asOf: string,
  maxAge: number,
  grace: GraceFn = NO_GRACE,
): PeriodSpec[] {
  return TALK_RELATIONS.map((r) => specFor(r, periodOf(cadences, r, asOf), asOf, maxAge, grace));
}

/** The last finished period of every relation on `asOf`. */
export function previousSpecs(
  cadences: readonly Cadence[],
  asOf: string,
  maxAge: number,
  grace: GraceFn = NO_GRACE,
): PeriodSpec[] {
  return TALK_RELATIONS.map((r) => specFor(r, previousPeriod(cadences, r, asOf), asOf, maxAge, grace));
}

/** Every period (of every relation) overlapping [from, to] that has begun by `asOf`. */
export function specsBetween(
  cadences: readonly Cadence[],
  from: string,
  to: string,
  asOf: string,
  maxAge: number,
  grace: GraceFn = NO_GRACE,
): PeriodSpec[] {
  const last = earlierDate(to, asOf);
  return TALK_RELATIONS.flatMap((r) =>
    periodsBetween(cadences, r, from, last).map((p) => specFor(r, p, asOf, maxAge, grace)),
  );
}

/**
 * State of one obligation on `asOf`. `lateArrival`: the holder took the post, or the cadre arrived, on or
 * after the period's graceFrom — then a finished period without a talk is excused, not overdue.
 */
export function obligationState(
  talkCount: number,
  periodEnd: string,
  asOf: string,
  lateArrival = false,
): ObligationState {
  if (talkCount > 0) return 'done';
  if (periodEnd >= asOf) return 'open';
  return lateArrival ? 'excused' : 'overdue';
}

/** Late arrival: the later of the holder's and the cadre's start dates falls on or after graceFrom. */
export function isLateArrival(holderSince: string, cadreSince: string, graceFrom: string): boolean {
  return laterDate(holderSince, cadreSince) >= graceFrom;
}

/** A due reminder is sent on the days of the period's reminder window [graceFrom, end]. */
export function inReminderWindow(spec: Pick<PeriodSpec, 'graceFrom' | 'period'>, today: string): boolean {
  return today >= spec.graceFrom && today <= spec.period.end;
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
