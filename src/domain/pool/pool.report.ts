/**
 * 选 › 年轻干部资源库 in the 工作进展汇报: the pool at the end of the period by tier (近期使用＋中期培养＋长期跟踪),
 * entries and exits in the period (动态管理). Tiers are the entries' present tiers.
 */
import { type SQL, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { type Database, rowsOf } from '../../db/client.js';
import { POOL_TIERS, type PoolTier } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { previousYear, share, sinceLabel } from '../reports/reports.rules.js';
import { inScopeSql } from '../reports/reports.scope.js';
import type { ReportList, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { TIER_LABELS } from './pool.rules.js';

const liveOn = (on: string) => sql`pe.entered_on <= ${on} and (pe.exited_on is null or pe.exited_on > ${on})`;

async function figures(db: Database, p: ReportPeriod, where: SQL) {
  const [r] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select count(*) filter (where ${liveOn(p.to)})::int as total,
             count(*) filter (where ${liveOn(p.to)} and pe.tier = 'near_term')::int as near_term,
             count(*) filter (where ${liveOn(p.to)} and pe.tier = 'mid_term')::int as mid_term,
             count(*) filter (where ${liveOn(p.to)} and pe.tier = 'long_term')::int as long_term,
             count(*) filter (where pe.entered_on between ${p.from} and ${p.to})::int as entered,
             count(*) filter (where pe.exited_on between ${p.from} and ${p.to})::int as exited
        from pool_entries pe join people c on c.id = pe.person_id where ${where}`),
  );
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])) as Record<
    'total' | 'entered' | 'exited' | PoolTier,
    number
  >;
}

function entryList(db: Database, cond: SQL, where: SQL) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string | null>>(
      await db.execute(sql`
        select c.name, u.name as unit, coalesce(c.position, '') as position, pe.tier, pe.entered_on::text as entered,
               pe.exited_on::text as exited
          from pool_entries pe join people c on c.id = pe.person_id join units u on u.id = c.unit_id
         where ${cond} and ${where} order by u.sort_order, c.name, pe.id`),
    );
    return {
      columns: ['姓名', '单位', '职务', '层级', '入库日期', '出库日期'],
      rows: rows.map((r) => [r.name, r.unit, r.position, TIER_LABELS[r.tier as PoolTier], r.entered, r.exited]),
    };
  };
}

export async function poolReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const where = inScopeSql(scope, 'c');
  const [now, before] = await Promise.all([
    figures(deps.db, period, where),
    figures(deps.db, previousYear(period), where),
  ]);
  const db = deps.db;
  const tiers = POOL_TIERS.map((t) => `${TIER_LABELS[t]}${now[t]}人`).join('、');
  return [
    {
      chapter: '选',
      title: '年轻干部资源库',
      order: 20,
      kept: true,
      sentences: [
        `实施年轻干部“近期使用＋中期培养＋长期跟踪”动态管理机制，资源库在库${now.total}人，其中${tiers}。`,
        `${sinceLabel(period, today(deps))}，动态更新资源库，新入库${now.entered}人，调整出库${now.exited}人。`,
      ],
      charts: [{ title: '资源库分层', data: POOL_TIERS.map((t) => ({ label: TIER_LABELS[t], value: now[t] })) }],
      figures: [
        {
          key: 'pool.total',
          label: '资源库在库',
          value: now.total,
          unit: '人',
          previous: before.total,
          list: entryList(db, liveOn(period.to), where),
        },
        ...POOL_TIERS.map((t) => ({
          key: `pool.${t === 'near_term' ? 'nearTerm' : t === 'mid_term' ? 'midTerm' : 'longTerm'}`,
          label: TIER_LABELS[t],
          value: now[t],
          unit: '人',
          previous: before[t],
          share: share(now[t], now.total),
          list: entryList(db, sql`${liveOn(period.to)} and pe.tier = ${t}`, where),
        })),
        {
          key: 'pool.entered',
          label: '期间新入库',
          value: now.entered,
          unit: '人',
          previous: before.entered,
          list: entryList(db, sql`pe.entered_on between ${period.from} and ${period.to}`, where),
        },
        {
          key: 'pool.exited',
          label: '期间调整出库',
          value: now.exited,
          unit: '人',
          previous: before.exited,
          list: entryList(db, sql`pe.exited_on between ${period.from} and ${period.to}`, where),
        },
      ],
    },
  ];
}
