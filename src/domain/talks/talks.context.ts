/** What building period specs needs from the database and configuration: cadences, calendar, windows. */
import type { Deps } from '../../deps.js';
import type { WorkCalendar } from './talks.calendar.js';
import { loadCalendar } from './talks.calendar.queries.js';
import type { Cadence } from './talks.periods.js';
import { loadCadences } from './talks.queries.js';
import type { GraceFn } from './talks.rules.js';
import { graceOf } from './talks.windows.js';

export interface SpecContext {
  cadences: Cadence[];
  calendar: WorkCalendar;
  /** Each period's reminder-window start (REMINDER_WORKDAYS_* by cadence). */
  grace: GraceFn;
  maxAge: number;
}

export async function loadSpecContext(deps: Pick<Deps, 'db' | 'config'>): Promise<SpecContext> {
  const [cadences, calendar] = await Promise.all([loadCadences(deps.db), loadCalendar(deps.db)]);
  return {
    cadences,
    calendar,
    grace: graceOf(calendar, deps.config.reminders.windowWorkdays),
    maxAge: deps.config.youngCadreMaxAge,
  };
}
