/**
 * Demo step for 示范县: dispatch history generated so that the seed's figures come out of `选派`:
 * 6 batches / 222 驻村第一书记, 89 指导员 (45 社会管理 + 44 党建), 32 基层一线, 3 batches / 35 上级跟班学习
 * since 2022, and this year 3 batches / 18 to 浏阳市 for 3 months. Reports for recent periods, some late,
 * some missing. Deterministic: people in id order, outcomes by arithmetic on ids.
 */
import { and, eq, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { rowsOf } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import {
  dispatchAssignments,
  dispatchBatches,
  dispatchReports,
  dispatchStatusHistory,
} from '../../db/schema/dispatches.js';
import { units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { DEMO_COUNTY_CODE } from '../talks/talks.demo.js';
import { reportPeriods } from './dispatches.rules.js';
import type { AssignmentStatus, DispatchKind, ReportCadence } from './dispatches.vocab.js';

const laterOf = (a: string, b: string) => (a > b ? a : b);

const VILLAGES = ['石门村', '枫树村', '桃源村', '龙潭村', '新塘村', '白果村', '竹山村', '杨柳村', '金盆村', '高桥村'];

interface BatchPlan {
  kind: DispatchKind;
  name: string;
  start: string;
  end: string;
  size: number;
  cadence: ReportCadence;
  place?: (i: number) => { destPlace: string; hostUnitName: string };
}

/** The first day of the month `months` after `date`'s month. */
function monthsLater(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

export function demoBatches(day: string): BatchPlan[] {
  const y = Number(day.slice(0, 4));
  const cn = ['一', '二', '三', '四', '五', '六'];
  const plans: BatchPlan[] = [];
  const fsSizes = [36, 37, 37, 37, 37, 38];
  for (let i = 0; i < 6; i++) {
    const start = `${y - 11 + 2 * i}-03-01`;
    plans.push({
      kind: 'first_secretary',
      name: `第${cn[i]}批`,
      start,
      end: addDays(monthsLater(start, 24), -1),
      size: fsSizes[i],
      cadence: 'monthly',
    });
  }
  plans.push({
    kind: 'social_instructor',
    name: '第一批',
    start: `${y - 1}-04-01`,
    end: `${y + 1}-03-31`,
    size: 45,
    cadence: 'monthly',
  });
  plans.push({
    kind: 'party_instructor',
    name: '第一批',
    start: `${y - 1}-04-01`,
    end: `${y + 1}-03-31`,
    size: 44,
    cadence: 'quarterly',
  });
  plans.push({
    kind: 'frontline',
    name: '第一批',
    start: `${y - 1}-09-01`,
    end: `${y}-08-31`,
    size: 32,
    cadence: 'monthly',
  });
  const hosts = ['市委组织部', '市信访局', '市乡村振兴局'];
  for (const [i, size] of [12, 12, 11].entries()) {
    plans.push({
      kind: 'shadowing',
      name: `第${cn[i]}批`,
      start: `${y - 4 + i}-03-01`,
      end: `${y - 4 + i}-08-31`,
      size,
      cadence: 'monthly',
      place: () => ({ destPlace: '市直单位', hostUnitName: hosts[i] }),
    });
  }
  for (let i = 0; i < 3; i++) {
    const start = `${y}-${String(2 + 3 * i).padStart(2, '0')}-01`;
    plans.push({
      kind: 'rotation',
      name: `第${cn[i]}批`,
      start,
      end: addDays(monthsLater(start, 3), -1),
      size: 6,
      cadence: 'monthly',
      place: (j) => ({
        destPlace: '浏阳市',
        hostUnitName: ['浏阳经开区管委会', '浏阳市发改局', '浏阳市大瑶镇'][j % 3],
      }),
    });
  }
  return plans;
}

export async function seedDemoDispatches(deps: Deps): Promise<string[]> {
  const db = deps.db;
  const [county] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  if (!county) return [];
  const day = today(deps);
  const at = deps.clock.now();
  const townships = rowsOf<{ id: number; name: string; leader: number | null }>(
    await db.execute(sql`select u.id, u.name,
        (select lp.person_id from leadership_positions lp where lp.unit_id = u.id and lp.role = 'main'
          and lp.end_date is null order by lp.id limit 1) as leader
      from units u where u.county_id = ${county.id} and u.kind = 'township' order by u.sort_order, u.id`),
  );
  // Young cadres without leadership posts, 刘子轩 (a persona) first so the README walkthrough has a dispatched cadre.
  const pool = rowsOf<{ id: number; unit_id: number }>(
    await db.execute(sql`select p.id, p.unit_id from people p join units u on u.id = p.unit_id
      where u.county_id = ${county.id} and p.active and not p.is_county_leader
        and p.birth_date > ${`${Number(day.slice(0, 4)) - 40}${day.slice(4)}`}::date
        and not exists (select 1 from leadership_positions lp where lp.person_id = p.id)
        and p.name not in ('陈思雨', '黄雅婷')
      order by (p.name = '刘子轩') desc, p.id`),
  );
  const plans = demoBatches(day);
  // The current 第一书记 batch takes the first people (刘子轩 among them).
  const order = [
    ...plans.filter((p) => p.kind === 'first_secretary').reverse(),
    ...plans.filter((p) => p.kind !== 'first_secretary'),
  ];
  const needed = order.reduce((s, p) => s + p.size, 0);
  if (pool.length < needed || townships.length === 0) return [`选派墩苗：示范县年轻干部不足 ${needed} 人，未生成`];
  let next = 0;
  let assignments = 0;
  for (const plan of order) {
    const [b] = await db
      .insert(dispatchBatches)
      .values({
        countyId: county.id,
        kind: plan.kind,
        name: plan.name,
        startDate: plan.start,
        endDate: plan.end,
        cadence: plan.cadence,
        ...stamps(at),
      })
      .returning({ id: dispatchBatches.id });
    const rows = [];
    for (let i = 0; i < plan.size; i++) {
      const p = pool[next++];
      const inCounty = !plan.place;
      const town = townships[(p.id + i) % townships.length];
      const dest = town.id === p.unit_id ? townships[(p.id + i + 1) % townships.length] : town;
      const finished = plan.end < day;
      // Every 40th of a finished batch was recalled early (提前召回); every 30th current one extended (延期).
      const recalled = finished && p.id % 40 === 7;
      const extended = !finished && p.id % 30 === 11 && plan.kind !== 'rotation';
      const status: AssignmentStatus = recalled
        ? 'recalled'
        : finished
          ? 'completed'
          : extended
            ? 'extended'
            : 'on_post';
      const plannedEnd = extended ? addDays(monthsLater(plan.end, 3), -1) : plan.end;
      rows.push({
        batchId: b.id,
        personId: p.id,
        homeUnitId: p.unit_id,
        destUnitId: inCounty ? dest.id : null,
        destPlace: inCounty
          ? plan.kind === 'first_secretary'
            ? VILLAGES[(p.id + i) % VILLAGES.length]
            : plan.kind === 'frontline'
              ? '信访维稳一线'
              : ['社区', '非公企业', '村'][i % 3]
          : plan.place!(i).destPlace,
        hostUnitName: inCounty ? dest.name : plan.place!(i).hostUnitName,
        hostContactPersonId: inCounty ? dest.leader : null,
        startDate: plan.start,
        plannedEnd,
        endedOn: recalled ? addDays(plan.start, 200) : finished ? plan.end : null,
        status,
        createdByPersonId: null,
        ...stamps(at),
      });
    }
    const ids = await db.insert(dispatchAssignments).values(rows).returning({ id: dispatchAssignments.id });
    assignments += ids.length;
    await db.insert(dispatchStatusHistory).values(
      rows.flatMap((r, i) => [
        { assignmentId: ids[i].id, status: 'on_post' as const, effectiveOn: r.startDate, plannedEnd: plan.end, at },
        ...(r.status !== 'on_post'
          ? [
              {
                assignmentId: ids[i].id,
                status: r.status,
                effectiveOn: r.endedOn ?? plan.end,
                plannedEnd: r.plannedEnd,
                at,
              },
            ]
          : []),
      ]),
    );
    // Reports for the closed periods of the last year: 1 in 10 missing, 1 in 10 late; 刘子轩's last one missing.
    const reports = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const periods = reportPeriods(plan.cadence, r, addDays(day, -1)).filter(
        (p) => p.due < day && p.due >= addDays(day, -366),
      );
      for (const [k, p] of periods.entries()) {
        const roll = (r.personId * 7 + k) % 10;
        if (roll === 0 || (i === 0 && plan.kind === 'first_secretary' && plan.end >= day && k === periods.length - 1))
          continue;
        const late = roll === 1;
        reports.push({
          assignmentId: ids[i].id,
          periodKey: p.key,
          kind: 'report' as const,
          workDone: '走访群众、开展政策宣讲、推进产业项目。',
          problems: k % 3 === 0 ? '项目资金到位较慢。' : null,
          helpNeeded: null,
          nextSteps: '继续抓好产业发展和基层治理。',
          submittedOn: late ? addDays(p.due, 5) : laterOf(p.start, addDays(p.due, -2)),
          late,
          version: 1,
          ...stamps(at),
        });
      }
    }
    for (let i = 0; i < reports.length; i += 500) {
      await db.insert(dispatchReports).values(reports.slice(i, i + 500));
    }
  }
  await db.execute(sql`insert into dispatch_report_versions (report_id, version, content, by_person_id, at)
    select r.id, 1, jsonb_build_object('workDone', r.work_done, 'problems', r.problems, 'nextSteps', r.next_steps),
           a.person_id, r.created_at
      from dispatch_reports r join dispatch_assignments a on a.id = r.assignment_id`);
  const [n] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from dispatch_reports`));
  return [`选派墩苗：${plans.length} 个批次、${assignments} 人次选派、${n.n} 份工作报告`];
}
