import { today } from '../../clock.js';
import { addDays, daysBetween } from '../../time.js';
import { loadSpecContext, type SpecContext } from './talks.context.js';
import { cadreNotes } from './talks.notes.js';
import type { ObligationRow } from './talks.obligations.js';
import { obligationStates } from './talks.obligations.js';
import { type OpenProblem, openProblemsOf, type PersonBrief, peopleByIds } from './talks.queries.js';
import { currentSpecs, previousSpecs, specsBetween } from './talks.rules.js';
import type { TalkDeps } from './talks.service.js';

export interface TodoItem extends ObligationRow {
  cadre: PersonBrief;
  daysLeft: number;
  /** Another capability's note on the cadre (在外选派 …), plain text. */
  note?: string;
}

export interface Todo {
  today: string;
  /** Open obligations of the running periods, soonest deadline first. */
  open: TodoItem[];
  /** Obligations of the last finished periods that ended without a talk. */
  overdue: TodoItem[];
  /** Misses of earlier periods (within the 补录 year), counted; listed by 更早的逾期. */
  olderOverdue: number;
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

/** Older misses are looked back on as far as a talk may still be recorded late (补录: within a year). */
export const OLDER_MISSES_DAYS = 365;

/** Finished periods before the last one, within the 补录 year: misses the leader can still make good. */
async function olderMisses(deps: TalkDeps, leaderId: number, day: string, ctx: SpecContext) {
  const from = addDays(day, -OLDER_MISSES_DAYS);
  const previousKeys = new Set(
    previousSpecs(ctx.cadences, day, ctx.maxAge, ctx.grace).map((s) => `${s.relation}:${s.period.key}`),
  );
  const specs = specsBetween(ctx.cadences, from, day, day, ctx.maxAge, ctx.grace).filter(
    (s) => s.period.end < day && !previousKeys.has(`${s.relation}:${s.period.key}`),
  );
  return (await obligationStates(deps.db, specs, day, { leaderId })).filter((r) => r.state === 'overdue');
}

/** 待办: what `leaderId` still owes in the running periods, what he missed last period (and before), open problems. */
export async function todoOf(deps: TalkDeps, leaderId: number): Promise<Todo> {
  const day = today(deps);
  const ctx = await loadSpecContext(deps);
  const { cadences, maxAge, grace } = ctx;
  const [current, previous, older, problems] = await Promise.all([
    obligationStates(deps.db, currentSpecs(cadences, day, maxAge, grace), day, { leaderId }),
    obligationStates(deps.db, previousSpecs(cadences, day, maxAge, grace), day, { leaderId }),
    olderMisses(deps, leaderId, day, ctx),
    openProblemsOf(deps.db, leaderId),
  ]);
  const overdueRows = previous.filter((r) => r.state === 'overdue');
  const openRows = current.filter((r) => r.state === 'open');
  const names = await peopleByIds(
    deps.db,
    [...openRows, ...overdueRows].map((r) => r.cadreId),
  );
  const openItems = toItems(openRows, names, day);
  const noted = await withNotes(deps, [...openItems, ...toItems(overdueRows, names, day)], day);
  return {
    today: day,
    open: noted.slice(0, openItems.length),
    overdue: noted.slice(openItems.length),
    olderOverdue: older.length,
    doneCount: current.filter((r) => r.state === 'done').length,
    problems,
  };
}

/** The items with the other capabilities' notes on their cadres (same order); the reminder cards use it too. */
export async function withNotes(deps: Pick<TalkDeps, 'db'>, items: TodoItem[], day: string): Promise<TodoItem[]> {
  const notes = await cadreNotes(
    deps.db,
    items.map((it) => it.cadreId),
    day,
  );
  return items.map((it) => (notes.has(it.cadreId) ? { ...it, note: notes.get(it.cadreId) } : it));
}

/** 更早的逾期: every older miss (before the last period, within the 补录 year) with its cadre. */
export async function olderOverdueOf(deps: TalkDeps, leaderId: number): Promise<TodoItem[]> {
  const day = today(deps);
  const rows = await olderMisses(deps, leaderId, day, await loadSpecContext(deps));
  const items = toItems(
    rows,
    await peopleByIds(
      deps.db,
      rows.map((r) => r.cadreId),
    ),
    day,
  ).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || a.cadre.name.localeCompare(b.cadre.name));
  return withNotes(deps, items, day);
}
