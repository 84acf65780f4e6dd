/** Who records frontline observations (一线识人), and the checks on an observation. Pure. */
import type { Role } from '../../db/schema/org.js';

/** The department and leaders record observations of cadres within their profile scope. */
export const OBSERVER_ROLES: readonly Role[] = ['org_admin', 'county_leader', 'unit_main_leader', 'unit_deputy_leader'];

export function mayObserve(roles: readonly { role: Role }[]): boolean {
  return roles.some((r) => OBSERVER_ROLES.includes(r.role));
}

/** Why an observation date is not acceptable on `today`, or null. */
export function observedOnWhy(observedOn: string, today: string): string | null {
  if (observedOn > today) return '观察日期不能晚于今天';
  if (observedOn < '2000-01-01') return '观察日期有误';
  return null;
}
