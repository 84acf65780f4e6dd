/**
 * Which recommendation lists a submitter holds (derived from roles, never chosen freely) and whether a
 * person may be put on a list. Pure.
 */
import type { Role } from '../../db/schema/org.js';
import type { RecList } from '../../db/schema/recommendations.js';
import { ageOn, isYoungCadre } from '../org/org.rules.js';

export const LIST_LABELS: Record<RecList, string> = {
  A: 'A 单位党组织推荐清单',
  B: 'B 领域主管部门推荐清单',
  C: 'C 组织部门推荐清单',
};

export const LIST_SHORT: Record<RecList, string> = { A: '单位党组织', B: '领域主管部门', C: '组织部门' };

/** The role that holds each list. */
export const LIST_ROLE: Record<RecList, Role> = { A: 'unit_party_org', B: 'domain_dept', C: 'org_admin' };

export interface RoleLike {
  role: Role;
  unitId: number | null;
  domain: string | null;
}

/** One list the submitter holds, with the scope it covers. */
export interface ListGrant {
  list: RecList;
  /** A: the unit; B: the competent department; C: the county (null = every county). */
  unitId: number | null;
  /** B only: the domain the department is competent for. */
  domain: string | null;
}

/** Lists in A, B, C order; a list held through several grants covers the union of their scopes. */
export function listGrants(roles: readonly RoleLike[]): ListGrant[] {
  const grants: ListGrant[] = [];
  for (const list of ['A', 'B', 'C'] as const) {
    for (const r of roles) {
      if (r.role !== LIST_ROLE[list]) continue;
      // A list-A or list-B grant without a unit has no scope to recommend from.
      if (list !== 'C' && r.unitId === null) continue;
      grants.push({ list, unitId: r.unitId, domain: list === 'B' ? r.domain : null });
    }
  }
  return grants;
}

export function heldLists(grants: readonly ListGrant[]): RecList[] {
  return [...new Set(grants.map((g) => g.list))];
}

export interface CandidateFacts {
  active: boolean;
  birthDate: string;
}

/** Why a person cannot be recommended on `today`, in Chinese; null when they can. */
export function notRecommendableWhy(p: CandidateFacts, today: string, youngMaxAge: number): string | null {
  if (!p.active) return '该同志已不在职，不能推荐';
  if (!isYoungCadre(p.birthDate, today, youngMaxAge)) {
    return `该同志已满${youngMaxAge}周岁（现${ageOn(p.birthDate, today)}岁），不属于优秀年轻干部推荐范围`;
  }
  return null;
}

/** The list-C basis options (平时考核 / 专题调研 / 干部考察). */
export const BASIS_OPTIONS = ['平时考核', '专题调研', '干部考察'] as const;

/** The week's recommendation counts for the leaders' digest (no names). */
export interface RecommendationWeek {
  /** Submitted this week, by list. */
  newByList: Partial<Record<RecList, number>>;
  /** Waiting for 推荐审核 now, and how many of them for more than `staleDays`. */
  pending: number;
  stale: number;
  staleDays: number;
}

/** Digest lines: counts only; nothing when nothing was submitted and nothing waits. */
export function recommendationDigestLines(w: RecommendationWeek): string[] {
  const lists = (Object.keys(LIST_SHORT) as RecList[]).filter((l) => (w.newByList[l] ?? 0) > 0);
  const total = lists.reduce((n, l) => n + (w.newByList[l] ?? 0), 0);
  if (total === 0 && w.pending === 0) return [];
  const byList = lists.map((l) => `${LIST_SHORT[l]} ${w.newByList[l]} 人`).join('，');
  return [
    total > 0 ? `本周新推荐 ${total} 人（${byList}）` : '本周没有新的推荐',
    `待审核 ${w.pending} 人${w.stale > 0 ? `，其中超过 ${w.staleDays} 天未审核 ${w.stale} 人` : ''}`,
  ];
}
