/** 管 › 问题线索: report figures (set-based) and the digest block (counts only). */
import { and, count, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { today as todayOf } from '../../clock.js';
import { clueEvents, clues } from '../../db/schema/clues.js';
import { people, units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { previousYear } from '../reports/reports.rules.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { allOpenClues } from './clues.queries.js';
import { digestLines } from './clues.rules.js';
import { STEP_LABELS } from './clues.vocab.js';

export async function clueReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const inScope = and(
    eq(clues.countyId, scope.countyId),
    scope.unitIds ? inArray(people.unitId, scope.unitIds.length ? scope.unitIds : [-1]) : undefined,
  );
  const eventCount = async (
    action: 'report' | 'talk' | 'close',
    extra?: ReturnType<typeof sql>,
    within: ReportPeriod = period,
  ) => {
    const [r] = await deps.db
      .select({ n: count() })
      .from(clueEvents)
      .innerJoin(clues, eq(clues.id, clueEvents.clueId))
      .innerJoin(people, eq(people.id, clues.cadrePersonId))
      .where(
        and(
          inScope,
          eq(clueEvents.action, action),
          sql`(${clueEvents.at} at time zone ${deps.config.timezone})::date between ${within.from} and ${within.to}`,
          extra,
        ),
      );
    return Number(r.n);
  };
  const reported = await eventCount('report');
  const warned = await eventCount('talk');
  const closed = await eventCount('close');
  const found = sql`${clues.finding} in ('substantiated', 'partly')`;
  const substantiated = await eventCount('close', found);
  const prev = previousYear(period);
  const before = {
    reported: await eventCount('report', undefined, prev),
    warned: await eventCount('talk', undefined, prev),
    closed: await eventCount('close', undefined, prev),
    substantiated: await eventCount('close', found, prev),
  };
  const list = (where: ReturnType<typeof and>) => async () => {
    const rows = await deps.db
      .select({ id: clues.id, name: people.name, unit: units.name, step: clues.step, on: clues.reportedOn })
      .from(clues)
      .innerJoin(people, eq(people.id, clues.cadrePersonId))
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(inScope, where));
    return {
      columns: ['编号', '姓名', '单位', '环节', '报送日期'],
      rows: rows.map((r) => [r.id, r.name, r.unit, STEP_LABELS[r.step], r.on]),
    };
  };
  const figures = [
    {
      key: 'clues.reported',
      label: '报送问题线索',
      value: reported,
      unit: '件',
      previous: before.reported,
      list: list(and(gte(clues.reportedOn, period.from), lte(clues.reportedOn, period.to))),
    },
    { key: 'clues.warned', label: '警醒谈话提醒', value: warned, unit: '人次', previous: before.warned },
    { key: 'clues.closed', label: '办结问题线索', value: closed, unit: '件', previous: before.closed },
    {
      key: 'clues.substantiated',
      label: '其中属实或部分属实',
      value: substantiated,
      unit: '件',
      previous: before.substantiated,
    },
  ];
  return [
    {
      chapter: '管',
      title: '问题线索',
      order: 20,
      kept: true,
      figures,
      sentences: [
        `报送年轻干部问题线索 ${reported} 件，开展警醒谈话提醒 ${warned} 人次，办结 ${closed} 件（其中属实或部分属实 ${substantiated} 件），做到报送一起、提醒一起、纠正一起。`,
      ],
    },
  ];
}

export async function clueDigest(deps: Deps, today: string): Promise<DigestSection | null> {
  const rows = await allOpenClues(deps.db);
  const lines = digestLines(rows, today || todayOf(deps));
  if (lines.length === 0) return null;
  return { title: '问题线索', order: 30, lines };
}
