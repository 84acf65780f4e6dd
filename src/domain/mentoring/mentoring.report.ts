/**
 * 管 › 结对帮带 in the 工作进展汇报: people in the 帮带范围 at the end of the period (417 in the seed), live pairs,
 * mentors (county leaders and unit leadership), pairs waiting for a new mentor. Scoped to the report's units.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { previousYear } from '../reports/reports.rules.js';
import { inScopeSql } from '../reports/reports.scope.js';
import type { ReportList, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { eligibleSql, mentorInPostSql } from './mentoring.queries.js';

/** On the roster by the end of `on` (the roster keeps no hiring date: its row's creation stands for it). */
const onRoster = (on: string, tz: string) => sql`(people.created_at at time zone ${tz})::date <= ${on}`;

async function figuresOn(db: Database, on: string, maxAge: number, scope: ReportScope, tz: string) {
  const [e] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(and(eligibleSql(on, maxAge), inScopeSql(scope, 'people'), eq(people.active, true), onRoster(on, tz)));
  const [r] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select count(*)::int as pairs, count(distinct mp.mentor_person_id)::int as mentors,
             count(*) filter (where m.is_county_leader)::int as by_leaders,
             count(*) filter (where not ${mentorInPostSql('m', 'e', on)})::int as flagged
        from mentoring_pairs mp join people m on m.id = mp.mentor_person_id join people e on e.id = mp.mentee_person_id
       where mp.start_date <= ${on} and (mp.end_date is null or mp.end_date > ${on}) and ${inScopeSql(scope, 'e')}`),
  );
  return {
    eligible: Number(e.n),
    pairs: Number(r.pairs),
    mentors: Number(r.mentors),
    byLeaders: Number(r.by_leaders),
    flagged: Number(r.flagged),
  };
}

function eligibleList(db: Database, on: string, maxAge: number, scope: ReportScope, tz: string) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string | null>>(
      await db.execute(sql`
        select people.name, u.name as unit, people.birth_date::text as birth, people.education,
               concat_ws('、', case when people.is_xuandiao then '选调生' end,
                 case when people.is_secondee then '挂职干部' end) as kind,
               m.name as mentor
          from people join units u on u.id = people.unit_id
          left join mentoring_pairs mp on mp.mentee_person_id = people.id and mp.start_date <= ${on}
               and (mp.end_date is null or mp.end_date > ${on})
          left join people m on m.id = mp.mentor_person_id
         where ${eligibleSql(on, maxAge)} and ${inScopeSql(scope, 'people')} and ${onRoster(on, tz)}
         order by u.sort_order, people.name, people.id`),
    );
    return {
      columns: ['姓名', '单位', '出生日期', '学历', '类别', '导师'],
      rows: rows.map((r) => [r.name, r.unit, r.birth, r.education, r.kind || null, r.mentor]),
    };
  };
}

export function pairList(db: Database, on: string, scope: ReportScope, flaggedOnly: boolean) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string | boolean>>(
      await db.execute(sql`
        select m.name as mentor, e.name as mentee, eu.name as unit, mp.start_date::text as start,
               not ${mentorInPostSql('m', 'e', on)} as flagged
          from mentoring_pairs mp join people m on m.id = mp.mentor_person_id join people e on e.id = mp.mentee_person_id
          join units eu on eu.id = e.unit_id
         where mp.start_date <= ${on} and (mp.end_date is null or mp.end_date > ${on}) and ${inScopeSql(scope, 'e')}
           ${flaggedOnly ? sql`and not ${mentorInPostSql('m', 'e', on)}` : sql``}
         order by eu.sort_order, e.name, mp.id`),
    );
    return {
      columns: ['导师', '帮带对象', '对象单位', '结对日期', '状态'],
      rows: rows.map((r) => [
        String(r.mentor),
        String(r.mentee),
        String(r.unit),
        String(r.start),
        r.flagged === true || r.flagged === 't' ? '待重新指定' : '在帮带',
      ]),
    };
  };
}

export async function mentoringReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const maxAge = deps.config.youngCadreMaxAge;
  const on = period.to;
  const prevOn = previousYear(period).to;
  const [now, before] = await Promise.all([
    figuresOn(deps.db, on, maxAge, scope, deps.config.timezone),
    figuresOn(deps.db, prevOn, maxAge, scope, deps.config.timezone),
  ]);
  const sentences = [
    `将${scope.unitIds ? '联系和分管单位' : '全县'}${deps.config.youngCadreLabel}的高学历优秀年轻干部、选调生、省市派挂职干部等共${now.eligible}人纳入帮带范围，` +
      `结成“传帮带”对子${now.pairs}对，由${now.mentors}名县级领导和所在单位班子成员担任导师，其中县级领导帮带${now.byLeaders}对。`,
  ];
  if (now.flagged > 0) sentences.push(`因导师岗位变动待重新指定导师的${now.flagged}对。`);
  const db = deps.db;
  return [
    {
      chapter: '管',
      title: '结对帮带',
      order: 40,
      kept: true,
      sentences,
      charts: [
        {
          title: '结对帮带',
          data: [
            { label: '帮带范围', value: now.eligible },
            { label: '已结对', value: now.pairs },
            { label: '待重新指定', value: now.flagged },
          ],
        },
      ],
      figures: [
        {
          key: 'mentoring.eligible',
          label: '纳入帮带范围',
          value: now.eligible,
          unit: '人',
          previous: before.eligible,
          list: eligibleList(db, on, maxAge, scope, deps.config.timezone),
        },
        {
          key: 'mentoring.pairs',
          label: '结成帮带对子',
          value: now.pairs,
          unit: '对',
          previous: before.pairs,
          list: pairList(db, on, scope, false),
        },
        { key: 'mentoring.mentors', label: '担任导师', value: now.mentors, unit: '人', previous: before.mentors },
        {
          key: 'mentoring.flagged',
          label: '待重新指定导师',
          value: now.flagged,
          unit: '对',
          previous: before.flagged,
          list: pairList(db, on, scope, true),
        },
      ],
    },
  ];
}
