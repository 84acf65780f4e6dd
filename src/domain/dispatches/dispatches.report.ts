/** 育 › 选派墩苗 for the 工作进展汇报 and the leaders' digest block (counts only). Set-based queries. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { previousYear } from '../reports/reports.rules.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { reportStatus } from './dispatches.queries.js';

interface KindCount {
  kind: string;
  batches: number;
  people: number;
  places: string | null;
  months: number | null;
}

/** Batches and people per kind whose assignments started within the period (and scope). */
async function countsByKind(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<KindCount[]> {
  const units =
    scope.unitIds === null ? sql`true` : sql`a.home_unit_id = any(${`{${scope.unitIds.join(',')}}`}::int[])`;
  return rowsOf<KindCount>(
    await deps.db.execute(sql`
    select b.kind, count(distinct b.id)::int as batches, count(a.id)::int as people,
           string_agg(distinct a.dest_place, '、') as places,
           round(avg((coalesce(a.ended_on, a.planned_end) - a.start_date + 1) / 30.4))::int as months
      from dispatch_batches b join dispatch_assignments a on a.batch_id = b.id
     where b.county_id = ${scope.countyId} and a.start_date between ${period.from}::date and ${period.to}::date and ${units}
     group by b.kind`),
  );
}

/** The part's figures: each counts the batches or the people of one or more dispatch kinds. */
const FIGURES: { key: string; label: string; kinds: string[]; count: 'batches' | 'people' }[] = [
  { key: 'dispatches.firstSecretaryBatches', label: '驻村第一书记批次', kinds: ['first_secretary'], count: 'batches' },
  { key: 'dispatches.firstSecretaries', label: '选派驻村第一书记', kinds: ['first_secretary'], count: 'people' },
  {
    key: 'dispatches.instructors',
    label: '社会管理工作指导员和党建指导员',
    kinds: ['social_instructor', 'party_instructor'],
    count: 'people',
  },
  { key: 'dispatches.frontline', label: '到基层一线工作', kinds: ['frontline'], count: 'people' },
  { key: 'dispatches.shadowingBatches', label: '上级跟班学习批次', kinds: ['shadowing'], count: 'batches' },
  { key: 'dispatches.shadowing', label: '到上级单位跟班学习', kinds: ['shadowing'], count: 'people' },
  { key: 'dispatches.rotationBatches', label: '外出跟岗学习批次', kinds: ['rotation'], count: 'batches' },
  { key: 'dispatches.rotation', label: '外出跟岗学习', kinds: ['rotation'], count: 'people' },
];

export async function dispatchReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const rows = await countsByKind(deps, period, scope);
  const before = await countsByKind(deps, previousYear(period), scope);
  const getIn = (list: KindCount[], k: string) =>
    list.find((r) => r.kind === k) ?? { kind: k, batches: 0, people: 0, places: null, months: null };
  const get = (k: string) => getIn(rows, k);
  const was = (k: string) => getIn(before, k);
  const fs = get('first_secretary');
  const si = get('social_instructor');
  const pi = get('party_instructor');
  const fl = get('frontline');
  const sh = get('shadowing');
  const ro = get('rotation');
  const list = (kinds: string[]) => async () => {
    const r = rowsOf<{ name: string; unit: string; batch: string; start: string; end: string }>(
      await deps.db.execute(sql`
      select p.name, u.name as unit, b.name as batch, to_char(a.start_date, 'YYYY-MM-DD') as start,
             to_char(coalesce(a.ended_on, a.planned_end), 'YYYY-MM-DD') as end
        from dispatch_assignments a join dispatch_batches b on b.id = a.batch_id
        join people p on p.id = a.person_id join units u on u.id = a.home_unit_id
       where b.county_id = ${scope.countyId} and b.kind = any(${`{${kinds.join(',')}}`}::text[])
         and a.start_date between ${period.from}::date and ${period.to}::date
       order by b.start_date, p.name`),
    );
    return {
      columns: ['姓名', '派出单位', '批次', '开始', '结束'],
      rows: r.map((x) => [x.name, x.unit, x.batch, x.start, x.end]),
    };
  };
  const total = (of: (k: string) => KindCount, f: (typeof FIGURES)[number]) =>
    f.kinds.reduce((n, k) => n + of(k)[f.count], 0);
  const figures = FIGURES.map((f) => ({
    key: f.key,
    label: f.label,
    value: total(get, f),
    unit: f.count === 'batches' ? '批' : '人',
    previous: total(was, f),
    // People figures open as the list behind them; batch counts have none.
    ...(f.count === 'people' ? { list: list(f.kinds) } : {}),
  }));
  const sentences: string[] = [];
  if (fs.people) sentences.push(`选派${fs.batches}批${fs.people}名优秀年轻干部到村担任第一书记。`);
  if (si.people + pi.people)
    sentences.push(`选派${si.people + pi.people}名优秀年轻干部担任社会管理工作指导员和党建指导员。`);
  if (fl.people) sentences.push(`选派${fl.people}名机关年轻干部到乡镇基层一线工作。`);
  if (sh.people) sentences.push(`先后选派${sh.batches}批${sh.people}名基层年轻干部到上级相关单位跟班学习。`);
  if (ro.people)
    sentences.push(
      `选派${ro.batches}批${ro.people}名优秀年轻干部到${ro.places ?? '外地'}跟岗学习${ro.months ?? ''}个月。`,
    );
  return [
    {
      chapter: '育',
      title: '选派墩苗',
      order: 10,
      kept: true,
      figures,
      sentences,
      charts: [
        {
          title: '选派人数（按类别）',
          data: [
            { label: '第一书记', value: fs.people },
            { label: '指导员', value: si.people + pi.people },
            { label: '基层一线', value: fl.people },
            { label: '跟班学习', value: sh.people },
            { label: '跟岗学习', value: ro.people },
          ],
        },
      ],
    },
  ];
}

/** Digest block: reports in / missing this period and assignments ending next month, counts only. */
export async function dispatchDigest(deps: Deps, today: string): Promise<DigestSection | null> {
  const rows = await reportStatus(deps.db, today);
  const [ending] = rowsOf<{ n: number }>(
    await deps.db.execute(sql`select count(*)::int as n from dispatch_assignments
      where status in ('on_post', 'extended') and planned_end between ${today}::date and ${addDays(today, 31)}::date`),
  );
  if (rows.length === 0 && ending.n === 0) return null;
  const closed = rows.filter((r) => r.due < today);
  const missing = closed.filter((r) => !r.submitted).length;
  const current = rows.filter((r) => r.due >= today);
  return {
    title: '选派墩苗',
    order: 40,
    lines: [
      `上期选派工作报告应交 ${closed.length} 份，已交 ${closed.length - missing} 份，未交 ${missing} 份`,
      `本期已交 ${current.filter((r) => r.submitted).length} 份 / 应交 ${current.length} 份`,
      `一个月内期满 ${ending.n} 人`,
    ],
  };
}
