/** 管 › 跟踪考核台账: report figures and the leaders' digest block (counts only), set-based. */
import { and, count, countDistinct, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { ledgerEntries, ledgerTasks } from '../../db/schema/clues.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { LEDGER_RATINGS, RATING_LABELS } from '../clues/clues.vocab.js';
import { previousYear } from '../reports/reports.rules.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { ledgerDigestLines } from './ledger.rules.js';

export async function ledgerReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const within = (p: ReportPeriod) =>
    and(
      eq(ledgerTasks.countyId, scope.countyId),
      gte(ledgerEntries.entryOn, p.from),
      lte(ledgerEntries.entryOn, p.to),
      scope.unitIds ? inArray(people.unitId, scope.unitIds.length ? scope.unitIds : [-1]) : undefined,
    );
  const where = within(period);
  const base = () =>
    deps.db
      .select({
        tasks: countDistinct(ledgerEntries.taskId),
        cadres: countDistinct(ledgerEntries.cadrePersonId),
        n: count(),
      })
      .from(ledgerEntries)
      .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerEntries.taskId))
      .innerJoin(people, eq(people.id, ledgerEntries.cadrePersonId));
  const [totals] = await base().where(where);
  const [lastYear] = await base().where(within(previousYear(period)));
  const ratings = async (w: ReturnType<typeof and>) => {
    const rows = await deps.db
      .select({ rating: ledgerEntries.rating, n: count() })
      .from(ledgerEntries)
      .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerEntries.taskId))
      .innerJoin(people, eq(people.id, ledgerEntries.cadrePersonId))
      .where(w)
      .groupBy(ledgerEntries.rating);
    return new Map(rows.map((r) => [r.rating, Number(r.n)]));
  };
  const rated = await ratings(where);
  const ratedBefore = await ratings(within(previousYear(period)));
  const tasks = Number(totals.tasks);
  const cadres = Number(totals.cadres);
  const entries = Number(totals.n);
  return [
    {
      chapter: '管',
      title: '跟踪考核台账',
      order: 10,
      kept: true,
      figures: [
        {
          key: 'ledger.tasks',
          label: '登记台账的重点任务',
          value: tasks,
          unit: '项',
          previous: Number(lastYear.tasks),
        },
        {
          key: 'ledger.cadres',
          label: '登记表现的年轻干部',
          value: cadres,
          unit: '人',
          previous: Number(lastYear.cadres),
        },
        { key: 'ledger.entries', label: '台账记录', value: entries, unit: '条', previous: Number(lastYear.n) },
        ...LEDGER_RATINGS.map((r) => ({
          key: `ledger.rating.${r}`,
          label: `评价“${RATING_LABELS[r]}”`,
          value: rated.get(r) ?? 0,
          unit: '条',
          previous: ratedBefore.get(r) ?? 0,
        })),
      ],
      sentences: [
        `建立年轻干部工作跟踪考核制度，在 ${tasks} 项全县重点工作中对 ${cadres} 名年轻干部的表现逐一登记、台账管理，共 ${entries} 条。`,
      ],
      charts: [
        {
          title: '台账评价分布',
          data: LEDGER_RATINGS.map((r) => ({ label: RATING_LABELS[r], value: rated.get(r) ?? 0 })),
        },
      ],
    },
  ];
}

/** The week ending `today`: running key tasks, those with no entry recorded this week, entries by rating. */
export async function ledgerDigest(deps: Deps, today: string): Promise<DigestSection | null> {
  const from = addDays(today, -6);
  const recordedThisWeek = sql`(${ledgerEntries.createdAt} at time zone ${deps.config.timezone})::date between ${from} and ${today}`;
  const running = and(lte(ledgerTasks.startOn, today), or(isNull(ledgerTasks.endOn), gte(ledgerTasks.endOn, today)));
  const [tasks] = await deps.db.select({ n: count() }).from(ledgerTasks).where(running);
  const [busy] = await deps.db
    .select({ n: countDistinct(ledgerEntries.taskId) })
    .from(ledgerEntries)
    .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerEntries.taskId))
    .where(and(running, recordedThisWeek));
  const byRating = await deps.db
    .select({ rating: ledgerEntries.rating, n: count() })
    .from(ledgerEntries)
    .where(recordedThisWeek)
    .groupBy(ledgerEntries.rating);
  const activeTasks = Number(tasks.n);
  const lines = ledgerDigestLines({
    activeTasks,
    quietTasks: activeTasks - Number(busy.n),
    byRating: Object.fromEntries(byRating.map((r) => [r.rating, Number(r.n)])),
  });
  return lines.length ? { title: '跟踪考核台账', order: 35, lines } : null;
}
