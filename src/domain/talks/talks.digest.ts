/** The talks block of the leaders' group county digest: overdue counts by unit (sent by src/domain/reports). */
import type { Database } from '../../db/client.js';
import type { DigestSection } from '../reports/reports.types.js';
import { loadSpecContext } from './talks.context.js';
import { unitMap } from './talks.escalation.js';
import { obligationStates } from './talks.obligations.js';
import type { DigestUnitLine } from './talks.reminder.cards.js';
import type { ReminderDeps } from './talks.reminders.js';
import { currentSpecs, previousSpecs } from './talks.rules.js';
import { coverage } from './talks.stats.js';

/** Units in the digest's chart (two bars each): more would not read on a phone. */
const CHART_UNITS = 6;

export type ChatResolver = (db: Database) => Promise<string | null>;

/** Unit lines of the digest: overdue of the finished periods, open/done of the running ones. */
export async function digestLines(deps: ReminderDeps, today: string): Promise<DigestUnitLine[]> {
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  const rows = await coverage(
    deps.db,
    [...previousSpecs(cadences, today, maxAge, grace), ...currentSpecs(cadences, today, maxAge, grace)],
    today,
  );
  const units = await unitMap(deps.db);
  const lines = new Map<number, DigestUnitLine>();
  for (const r of rows) {
    const l = lines.get(r.unitId) ?? { unitName: units.get(r.unitId)?.name ?? '', overdue: 0, open: 0, done: 0 };
    l.overdue += r.overdue;
    if (r.periodEnd >= today) {
      l.open += r.open;
      l.done += r.done;
    }
    lines.set(r.unitId, l);
  }
  return [...lines.values()];
}

/**
 * The talks block of the leaders' group county digest (order 10): overdue of the finished periods and
 * open/done of the running ones, by unit — counts only. The reports capability sends the digest.
 */
export async function talksDigestSection(deps: ReminderDeps, today: string): Promise<DigestSection | null> {
  const section = digestSectionOf(await digestLines(deps, today));
  if (!section || !deps.config.reports.mentions || !section.chart) return section;
  // Only with @mentions on, and only when something is overdue (the chart lists the units with overdue).
  return { ...section, concerned: await overdueLeaders(deps, today) };
}

/** The block from its unit lines (pure): totals as text, the units with most overdue as a grouped chart. */
export function digestSectionOf(lines: DigestUnitLine[]): DigestSection | null {
  if (lines.length === 0) return null;
  const overdue = lines.reduce((n, l) => n + l.overdue, 0);
  const open = lines.reduce((n, l) => n + l.open, 0);
  const done = lines.reduce((n, l) => n + l.done, 0);
  const withOverdue = lines.filter((l) => l.overdue > 0).sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  const out = [
    `上一周期逾期未谈 ${overdue} 人次（${withOverdue.length} 个单位）`,
    `本期已谈 ${done} 人次，待谈 ${open} 人次`,
  ];
  if (withOverdue.length > CHART_UNITS)
    out.push(`图中为逾期最多的 ${CHART_UNITS} 个单位，另有 ${withOverdue.length - CHART_UNITS} 个单位有逾期未谈`);
  if (withOverdue.length === 0) out.push('上一周期没有逾期未谈的情况');
  return {
    title: '谈心谈话',
    order: 10,
    lines: out,
    chart: withOverdue.length
      ? {
          title: '逾期未谈与本期待谈（人次，按单位）',
          data: withOverdue.slice(0, CHART_UNITS).flatMap((l) => [
            { label: l.unitName, value: l.overdue, series: '逾期未谈' },
            { label: l.unitName, value: l.open, series: '本期待谈' },
          ]),
        }
      : undefined,
  };
}

/** Leaders with overdue talks of the finished periods, most overdue first (for the digest's @mentions). */
export async function overdueLeaders(deps: ReminderDeps, today: string): Promise<number[]> {
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  const rows = await obligationStates(deps.db, previousSpecs(cadences, today, maxAge, grace), today);
  const counts = new Map<number, number>();
  for (const r of rows) if (r.state === 'overdue') counts.set(r.leaderId, (counts.get(r.leaderId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
}
