/**
 * 选 › 三张清单 in the 工作进展汇报: people on the three lists and in the pool at the end of the period
 * (787 in the seed; a person on two lists counts once), per list, and recommendations made in the period.
 */
import { type SQL, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { type Database, rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { previousYear, share, sinceLabel } from '../reports/reports.rules.js';
import { inScopeSql } from '../reports/reports.scope.js';
import type { DigestSection, ReportList, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { LIST_SHORT, recommendationDigestLines } from './recommendations.rules.js';

const liveOn = (on: string) =>
  sql`r.status = 'accepted' and pe.entered_on <= ${on} and (pe.exited_on is null or pe.exited_on > ${on})`;

async function listed(db: Database, on: string, where: SQL) {
  const rows = rowsOf<{ list: string | null; n: number }>(
    await db.execute(sql`
      select grouping(r.list) as g, r.list, count(distinct r.person_id)::int as n
        from recommendations r join pool_entries pe on pe.id = r.pool_entry_id join people c on c.id = r.person_id
       where ${liveOn(on)} and ${where}
       group by rollup(r.list)`),
  );
  const byList = { A: 0, B: 0, C: 0 } as Record<'A' | 'B' | 'C', number>;
  let total = 0;
  for (const r of rows) {
    if (r.list === null) total = Number(r.n);
    else byList[r.list as 'A' | 'B' | 'C'] = Number(r.n);
  }
  return { total, byList };
}

async function made(db: Database, p: ReportPeriod, where: SQL, tz: string) {
  const [r] = rowsOf<{ n: number; accepted: number }>(
    await db.execute(sql`
      select count(*)::int as n, count(*) filter (where r.status = 'accepted')::int as accepted
        from recommendations r join people c on c.id = r.person_id
       where (r.created_at at time zone ${tz})::date between ${p.from} and ${p.to} and ${where}`),
  );
  return { n: Number(r.n), accepted: Number(r.accepted) };
}

function listedList(db: Database, on: string, where: SQL, list: 'A' | 'B' | 'C' | null) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string>>(
      await db.execute(sql`
        select c.name, u.name as unit, coalesce(c.position, '') as position, min(pe.entered_on)::text as entered,
               string_agg(distinct r.list, ',' order by r.list) as lists
          from recommendations r join pool_entries pe on pe.id = r.pool_entry_id join people c on c.id = r.person_id
          join units u on u.id = c.unit_id
         where ${liveOn(on)} and ${where} ${list ? sql`and r.list = ${list}` : sql``}
         group by c.id, c.name, u.name, u.sort_order, c.position order by u.sort_order, c.name, c.id`),
    );
    return {
      columns: ['姓名', '单位', '职务', '入库日期', '推荐清单'],
      rows: rows.map((r) => [
        r.name,
        r.unit,
        r.position,
        r.entered,
        r.lists
          .split(',')
          .map((l) => LIST_SHORT[l as 'A' | 'B' | 'C'])
          .join('、'),
      ]),
    };
  };
}

function madeList(db: Database, p: ReportPeriod, where: SQL, tz: string) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string>>(
      await db.execute(sql`
        select (r.created_at at time zone ${tz})::date::text as d, c.name, u.name as unit, r.list,
               case r.status when 'accepted' then '已入库' when 'declined' then '不予入库' else '待审核' end as status
          from recommendations r join people c on c.id = r.person_id join units u on u.id = c.unit_id
         where (r.created_at at time zone ${tz})::date between ${p.from} and ${p.to} and ${where}
         order by r.created_at, r.id`),
    );
    return {
      columns: ['推荐日期', '姓名', '单位', '清单', '状态'],
      rows: rows.map((r) => [r.d, r.name, r.unit, LIST_SHORT[r.list as 'A' | 'B' | 'C'], r.status]),
    };
  };
}

export async function recommendationsReport(
  deps: Deps,
  period: ReportPeriod,
  scope: ReportScope,
): Promise<ReportPart[]> {
  const where = inScopeSql(scope, 'c');
  const tz = deps.config.timezone;
  const prev = previousYear(period);
  const [now, before, m, mBefore] = await Promise.all([
    listed(deps.db, period.to, where),
    listed(deps.db, prev.to, where),
    made(deps.db, period, where, tz),
    made(deps.db, prev, where, tz),
  ]);
  const db = deps.db;
  const lists = (['A', 'B', 'C'] as const).map((l) => `${LIST_SHORT[l]}推荐清单上榜${now.byList[l]}人`).join('，');
  return [
    {
      chapter: '选',
      title: '三张清单',
      order: 10,
      kept: true,
      sentences: [
        `截至${period.to === today(deps) ? '目前' : `${Number(period.to.slice(0, 4))}年${Number(period.to.slice(5, 7))}月${Number(period.to.slice(8))}日`}，${scope.unitIds ? '联系和分管单位' : '全县'}三张优秀年轻干部推荐清单共上榜${now.total}人，均纳入年轻干部资源库管理。`,
        `其中${lists}（一人多榜只计一次）。`,
        `${sinceLabel(period, today(deps))}，各单位党组织、领域主管部门和组织部门推荐${m.n}人次，经审核入库${m.accepted}人次。`,
      ],
      charts: [
        {
          title: '三张清单上榜人数',
          data: (['A', 'B', 'C'] as const).map((l) => ({ label: LIST_SHORT[l], value: now.byList[l] })),
        },
      ],
      figures: [
        {
          key: 'recommendations.listed',
          label: '三张清单上榜',
          value: now.total,
          unit: '人',
          previous: before.total,
          list: listedList(db, period.to, where, null),
        },
        ...(['A', 'B', 'C'] as const).map((l) => ({
          key: `recommendations.list${l}`,
          label: `${LIST_SHORT[l]}推荐清单`,
          value: now.byList[l],
          unit: '人',
          previous: before.byList[l],
          share: share(now.byList[l], now.total),
          list: listedList(db, period.to, where, l),
        })),
        {
          key: 'recommendations.made',
          label: '期间推荐',
          value: m.n,
          unit: '人次',
          previous: mBefore.n,
          list: madeList(db, period, where, tz),
        },
        {
          key: 'recommendations.accepted',
          label: '期间审核入库',
          value: m.accepted,
          unit: '人次',
          previous: mBefore.accepted,
        },
      ],
    },
  ];
}

/** Days a recommendation may wait for 推荐审核 before the digest counts it as waiting long. */
export const REVIEW_STALE_DAYS = 14;

/** The 推荐 block of the leaders' county digest for the week ending `day`: counts only. */
export async function recommendationsDigest(deps: Deps, day: string): Promise<DigestSection | null> {
  const from = addDays(day, -6);
  const local = sql`(created_at at time zone ${deps.config.timezone})::date`;
  const [row] = rowsOf<{ a: number; b: number; c: number; pending: number; stale: number }>(
    await deps.db.execute(sql`
      select count(*) filter (where list = 'A' and ${local} between ${from} and ${day})::int as a,
             count(*) filter (where list = 'B' and ${local} between ${from} and ${day})::int as b,
             count(*) filter (where list = 'C' and ${local} between ${from} and ${day})::int as c,
             count(*) filter (where status = 'pending' and ${local} <= ${day})::int as pending,
             count(*) filter (where status = 'pending' and ${local} < ${addDays(day, -REVIEW_STALE_DAYS)})::int as stale
        from recommendations`),
  );
  const lines = recommendationDigestLines({
    newByList: { A: Number(row.a), B: Number(row.b), C: Number(row.c) },
    pending: Number(row.pending),
    stale: Number(row.stale),
    staleDays: REVIEW_STALE_DAYS,
  });
  return lines.length ? { title: '推荐与审核', order: 5, lines } : null;
}
