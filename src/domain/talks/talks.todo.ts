import { daysBetween } from '../../time.js';
import type { ObligationRow } from './talks.obligations.js';
import { obligationStates } from './talks.obligations.js';
import { loadCadences, type OpenProblem, openProblemsOf, type PersonBrief, peopleByIds } from './talks.queries.js';
import { currentSpecs, previousSpecs } from './talks.rules.js';
import { type TalkDeps, todayOf } from './talks.service.js';

export interface TodoItem extends ObligationRow {
  cadre: PersonBrief;
  daysLeft: number;
}

export interface Todo {
  today: string;
  /** Open obligations of the running periods, soonest deadline first. */
  open: TodoItem[];
  /** Obligations of the last finished periods that ended without a talk. */
  overdue: TodoItem[];
  /** Done obligations of the running periods (counted, not listed). */
  doneCount: number;
  problems: OpenProblem[];
}

/** Obligation rows with the cadre's name and the days left, soonest deadline first. */
export function toItems(rows: ObligationRow[], names: Map<number, PersonBrief>, today: string): TodoItem[] {
  return rows
    .filter((r) => names.has(r.cadreId))
    .map((r) => ({ ...r, cadre: names.get(r.cadreId)!, daysLeft: daysBetween(today, r.periodEnd) }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.cadre.name.localeCompare(b.cadre.name));
}

/** 待办: what `leaderId` still owes in the running periods, what he missed last period, open problems. */
export async function todoOf(deps: TalkDeps, leaderId: number): Promise<Todo> {
  const today = todayOf(deps);
  const cadences = await loadCadences(deps.db);
  const maxAge = deps.config.youngCadreMaxAge;
  const [current, previous, problems] = await Promise.all([
    obligationStates(deps.db, currentSpecs(cadences, today, maxAge), today, { leaderId }),
    obligationStates(deps.db, previousSpecs(cadences, today, maxAge), today, { leaderId }),
    openProblemsOf(deps.db, leaderId),
  ]);
  const overdueRows = previous.filter((r) => r.state === 'overdue');
  const openRows = current.filter((r) => r.state === 'open');
  const names = await peopleByIds(
    deps.db,
    [...openRows, ...overdueRows].map((r) => r.cadreId),
  );
  return {
    today,
    open: toItems(openRows, names, today),
    overdue: toItems(overdueRows, names, today),
    doneCount: current.filter((r) => r.state === 'done').length,
    problems,
  };
}
