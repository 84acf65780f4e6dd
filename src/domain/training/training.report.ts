/** 育 › 教育培训 for the 工作进展汇报 and the leaders' digest block (counts only). Set-based queries. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { previousYear } from '../reports/reports.rules.js';
import type { DigestSection, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { attendanceRate } from './training.rules.js';

interface Totals {
  classes: number;
  trainees: number;
  premium: number;
  small: number;
  present: number;
  marked: number;
}

/** Classes overlapping the period, their trainees (in scope), courses held within it and their marks. */
async function totals(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<Totals> {
  const inScope = scope.unitIds === null ? sql`true` : sql`p.unit_id = any(${`{${scope.unitIds.join(',')}}`}::int[])`;
  const [r] = rowsOf<Totals>(
    await deps.db.execute(sql`
    with cls as (select id from training_classes where county_id = ${scope.countyId}
                   and start_date <= ${period.to}::date and end_date >= ${period.from}::date),
         tr as (select t.class_id, t.person_id from training_trainees t join people p on p.id = t.person_id
                 where t.class_id in (select id from cls) and ${inScope}),
         co as (select id, kind from training_courses where class_id in (select id from cls)
                  and held_on between ${period.from}::date and ${period.to}::date)
    select (select count(distinct class_id)::int from tr) as classes,
           (select count(distinct person_id)::int from tr) as trainees,
           (select count(*)::int from co where kind = 'premium') as premium,
           (select count(*)::int from co where kind = 'small') as small,
           (select count(*)::int from training_attendance a where a.course_id in (select id from co)
              and a.person_id in (select person_id from tr) and a.mark = 'present') as present,
           (select count(*)::int from training_attendance a where a.course_id in (select id from co)
              and a.person_id in (select person_id from tr)) as marked`),
  );
  return r;
}

export async function trainingReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const t = await totals(deps, period, scope);
  const rate = attendanceRate(t.present, t.marked);
  const b = await totals(deps, previousYear(period), scope);
  const list = async () => {
    const rows = rowsOf<{ cls: string; name: string; unit: string; present: number; marked: number }>(
      await deps.db.execute(sql`
      select c.name || c.cohort as cls, p.name, u.name as unit,
             count(a.id) filter (where a.mark = 'present')::int as present, count(a.id)::int as marked
        from training_classes c join training_trainees t on t.class_id = c.id
        join people p on p.id = t.person_id join units u on u.id = p.unit_id
        left join training_courses k on k.class_id = c.id and k.held_on between ${period.from}::date and ${period.to}::date
        left join training_attendance a on a.course_id = k.id and a.person_id = t.person_id
       where c.county_id = ${scope.countyId} and c.start_date <= ${period.to}::date and c.end_date >= ${period.from}::date
         and ${scope.unitIds === null ? sql`true` : sql`p.unit_id = any(${`{${scope.unitIds.join(',')}}`}::int[])`}
       group by c.id, c.name, c.cohort, t.id, p.name, u.name order by c.id, t.id`),
    );
    return {
      columns: ['班次', '姓名', '单位', '出勤', '已记考勤'],
      rows: rows.map((r) => [r.cls, r.name, r.unit, r.present, r.marked]),
    };
  };
  const figures = [
    { key: 'training.classes', label: '举办培训班次', value: t.classes, unit: '个', previous: b.classes },
    { key: 'training.trainees', label: '参训年轻干部', value: t.trainees, unit: '人', previous: b.trainees, list },
    { key: 'training.premiumCourses', label: '精品课程', value: t.premium, unit: '次', previous: b.premium },
    { key: 'training.smallCourses', label: '小灶课程', value: t.small, unit: '次', previous: b.small },
    {
      key: 'training.attendanceRate',
      label: '出勤率',
      value: rate ?? 0,
      unit: '%',
      // No attendance marked last year: no rate to compare with (not 0%).
      previous: attendanceRate(b.present, b.marked) ?? undefined,
    },
  ];
  const sentences: string[] = [];
  if (t.classes > 0)
    sentences.push(
      `举办优秀年轻干部实验班等培训${t.classes}个班次，${t.trainees}名年轻干部参训，开设精品课程${t.premium}次、小灶课程${t.small}次${rate === null ? '' : `，出勤率${rate}%`}。`,
    );
  return [
    {
      chapter: '育',
      title: '教育培训',
      order: 20,
      kept: true,
      figures,
      sentences,
      charts: [
        {
          title: '课程（按类别）',
          data: [
            { label: '精品课程', value: t.premium },
            { label: '小灶课程', value: t.small },
          ],
        },
      ],
    },
  ];
}

/** Digest block: running classes, trainees, courses in the last 30 days and absences, counts only. */
export async function trainingDigest(deps: Deps, today: string): Promise<DigestSection | null> {
  const from = addDays(today, -30);
  const [r] = rowsOf<{
    classes: number;
    trainees: number;
    courses: number;
    absent: number;
    marked: number;
    present: number;
  }>(
    await deps.db.execute(sql`
    with cls as (select id from training_classes where start_date <= ${today}::date and end_date >= ${today}::date),
         co as (select id from training_courses where class_id in (select id from cls)
                  and held_on between ${from}::date and ${today}::date)
    select (select count(*)::int from cls) as classes,
           (select count(*)::int from training_trainees where class_id in (select id from cls)) as trainees,
           (select count(*)::int from co) as courses,
           (select count(*)::int from training_attendance where course_id in (select id from co) and mark = 'absent') as absent,
           (select count(*)::int from training_attendance where course_id in (select id from co) and mark = 'present') as present,
           (select count(*)::int from training_attendance where course_id in (select id from co)) as marked`),
  );
  if (r.classes === 0) return null;
  const rate = attendanceRate(r.present, r.marked);
  return {
    title: '教育培训',
    order: 45,
    lines: [
      `在训班次 ${r.classes} 个，学员 ${r.trainees} 人`,
      `近 30 天课程 ${r.courses} 次，缺勤 ${r.absent} 人次${rate === null ? '' : `，出勤率 ${rate}%`}`,
    ],
  };
}
