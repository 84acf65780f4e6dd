/**
 * 管 › 谈心谈话 in the 工作进展汇报: talks 人次, cadres reached, 提醒 (警醒谈) 人次, problems raised / solved,
 * reminders the bot sent; each figure opens its list. Set-based queries, scoped to the report's units.
 */
import { type SQL, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { type Database, rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { previousYear, share, sinceLabel } from '../reports/reports.rules.js';
import { inScopeSql } from '../reports/reports.scope.js';
import type { ReportList, ReportPart, ReportPeriod, ReportScope } from '../reports/reports.types.js';

interface Counts {
  talks: number;
  cadres: number;
  warnings: number;
  raised: number;
  solved: number;
  reminders: number;
}

async function counts(db: Database, p: ReportPeriod, where: SQL, whereLeader: SQL): Promise<Counts> {
  const [r] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select
        (select count(*) from talks t join people c on c.id = t.cadre_person_id
          where t.talk_date between ${p.from} and ${p.to} and ${where})::int as talks,
        (select count(distinct t.cadre_person_id) from talks t join people c on c.id = t.cadre_person_id
          where t.talk_date between ${p.from} and ${p.to} and ${where})::int as cadres,
        (select count(*) from talks t join people c on c.id = t.cadre_person_id
          where t.tone = 'warning' and t.talk_date between ${p.from} and ${p.to} and ${where})::int as warnings,
        (select count(*) from talk_problems pr join talks t on t.id = pr.talk_id join people c on c.id = t.cadre_person_id
          where t.talk_date between ${p.from} and ${p.to} and ${where})::int as raised,
        (select count(*) from talk_problems pr join talks t on t.id = pr.talk_id join people c on c.id = t.cadre_person_id
          where pr.status = 'solved' and pr.solved_on between ${p.from} and ${p.to} and ${where})::int as solved,
        (select count(*) from reminder_ledger rl join people c on 'person:' || c.id = rl.recipient
          where rl.kind in ('due', 'overdue') and rl.local_date between ${p.from} and ${p.to}
            and ${whereLeader})::int as reminders`),
  );
  return {
    talks: Number(r.talks),
    cadres: Number(r.cadres),
    warnings: Number(r.warnings),
    raised: Number(r.raised),
    solved: Number(r.solved),
    reminders: Number(r.reminders),
  };
}

const TALK_COLUMNS = ['谈话日期', '谈话人', '谈话对象', '对象单位', '方式', '类型'];

export function talkList(db: Database, p: ReportPeriod, where: SQL, warningOnly: boolean) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string>>(
      await db.execute(sql`
        select t.talk_date::text as d, l.name as talker, c.name as cadre, u.name as unit,
               case t.kind when 'regular' then '常规谈' else '灵活谈' end as kind,
               case t.tone when 'warning' then '警醒谈' else '鼓励谈' end as tone
          from talks t join people c on c.id = t.cadre_person_id join people l on l.id = t.talker_person_id
          join units u on u.id = c.unit_id
         where t.talk_date between ${p.from} and ${p.to} and ${where}
           ${warningOnly ? sql`and t.tone = 'warning'` : sql``}
         order by t.talk_date, t.id`),
    );
    return { columns: TALK_COLUMNS, rows: rows.map((r) => [r.d, r.talker, r.cadre, r.unit, r.kind, r.tone]) };
  };
}

function cadreList(db: Database, p: ReportPeriod, where: SQL) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string | number>>(
      await db.execute(sql`
        select c.name, u.name as unit, count(*)::int as n, max(t.talk_date)::text as last
          from talks t join people c on c.id = t.cadre_person_id join units u on u.id = c.unit_id
         where t.talk_date between ${p.from} and ${p.to} and ${where}
         group by c.id, c.name, u.name, u.sort_order order by u.sort_order, c.name, c.id`),
    );
    return {
      columns: ['姓名', '单位', '谈话人次', '最近谈话'],
      rows: rows.map((r) => [String(r.name), String(r.unit), Number(r.n), String(r.last)]),
    };
  };
}

export function problemList(db: Database, p: ReportPeriod, where: SQL, solvedOnly: boolean) {
  return async (): Promise<ReportList> => {
    const cond = solvedOnly
      ? sql`pr.status = 'solved' and pr.solved_on between ${p.from} and ${p.to}`
      : sql`t.talk_date between ${p.from} and ${p.to}`;
    const rows = rowsOf<Record<string, string | null>>(
      await db.execute(sql`
        select t.talk_date::text as d, c.name as cadre, u.name as unit, l.name as talker, pr.text,
               case pr.status when 'solved' then '已解决' else '待解决' end as status, pr.solved_on::text as solved
          from talk_problems pr join talks t on t.id = pr.talk_id join people c on c.id = t.cadre_person_id
          join people l on l.id = t.talker_person_id join units u on u.id = c.unit_id
         where ${cond} and ${where}
         order by t.talk_date, pr.id`),
    );
    return {
      columns: ['反映日期', '干部', '单位', '谈话人', '问题', '状态', '解决日期'],
      rows: rows.map((r) => [r.d, r.cadre, r.unit, r.talker, r.text, r.status, r.solved]),
    };
  };
}

export function reminderList(db: Database, p: ReportPeriod, whereLeader: SQL) {
  return async (): Promise<ReportList> => {
    const rows = rowsOf<Record<string, string | number>>(
      await db.execute(sql`
        select rl.local_date::text as d, c.name, u.name as unit,
               case rl.kind when 'due' then '临近截止提醒' else '逾期提醒' end as kind, rl.item_count as n
          from reminder_ledger rl join people c on 'person:' || c.id = rl.recipient join units u on u.id = c.unit_id
         where rl.kind in ('due', 'overdue') and rl.local_date between ${p.from} and ${p.to} and ${whereLeader}
         order by rl.local_date, rl.id`),
    );
    return {
      columns: ['发送日期', '收件领导', '单位', '提醒类型', '待谈人数'],
      rows: rows.map((r) => [String(r.d), String(r.name), String(r.unit), String(r.kind), Number(r.n)]),
    };
  };
}

/** Talks by month (≤ 12 months) or by year: a few bars that read on a phone. */
async function chartData(db: Database, p: ReportPeriod, where: SQL) {
  const months =
    (Number(p.to.slice(0, 4)) - Number(p.from.slice(0, 4))) * 12 +
    Number(p.to.slice(5, 7)) -
    Number(p.from.slice(5, 7)) +
    1;
  const fmt = months <= 12 ? 'YYYY-MM' : 'YYYY';
  const rows = rowsOf<{ k: string; n: number }>(
    await db.execute(sql`
      select to_char(t.talk_date, ${fmt}) as k, count(*)::int as n
        from talks t join people c on c.id = t.cadre_person_id
       where t.talk_date between ${p.from} and ${p.to} and ${where} group by 1 order by 1`),
  );
  return rows.map((r) =>
    fmt === 'YYYY'
      ? { label: `${r.k}年`, value: Number(r.n) }
      : { label: `${Number(r.k.slice(5))}月`, value: Number(r.n) },
  );
}

export async function talksReport(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportPart[]> {
  const where = inScopeSql(scope, 'c');
  const prev = previousYear(period);
  const [now, before, chart] = await Promise.all([
    counts(deps.db, period, where, where),
    counts(deps.db, prev, where, where),
    chartData(deps.db, period, where),
  ]);
  const since = sinceLabel(period, today(deps));
  const sentences = [
    `${since}，与年轻干部谈心谈话${now.talks}人次，覆盖干部${now.cadres}人，提醒${now.warnings}人次，帮助解决生活、工作难题${now.solved}个。`,
    `谈话中干部反映问题${now.raised}个，已解决的占${share(now.solved, now.raised) ?? 0}%；青苗向未按期谈话的领导发送谈话提醒${now.reminders}次。`,
  ];
  if (before.talks > 0) {
    const d = now.talks - before.talks;
    const w = now.warnings - before.warnings;
    const change = (n: number) => (n === 0 ? '持平' : n > 0 ? `增加${n}人次` : `减少${-n}人次`);
    sentences.push(`与上年同期相比，谈心谈话${change(d)}，提醒${change(w)}。`);
  }
  const db = deps.db;
  return [
    {
      chapter: '管',
      title: '谈心谈话',
      order: 30,
      kept: true,
      sentences,
      charts: chart.length ? [{ title: '谈心谈话人次', data: chart }] : [],
      figures: [
        {
          key: 'talks.talks',
          label: '谈心谈话',
          value: now.talks,
          unit: '人次',
          previous: before.talks,
          list: talkList(db, period, where, false),
        },
        {
          key: 'talks.cadres',
          label: '谈话覆盖干部',
          value: now.cadres,
          unit: '人',
          previous: before.cadres,
          list: cadreList(db, period, where),
        },
        {
          key: 'talks.warnings',
          label: '提醒（警醒谈）',
          value: now.warnings,
          unit: '人次',
          previous: before.warnings,
          share: share(now.warnings, now.talks),
          list: talkList(db, period, where, true),
        },
        {
          key: 'talks.problemsRaised',
          label: '反映问题',
          value: now.raised,
          unit: '个',
          previous: before.raised,
          list: problemList(db, period, where, false),
        },
        {
          key: 'talks.problemsSolved',
          label: '帮助解决难题',
          value: now.solved,
          unit: '个',
          previous: before.solved,
          list: problemList(db, period, where, true),
        },
        {
          key: 'talks.remindersSent',
          label: '发送谈话提醒',
          value: now.reminders,
          unit: '次',
          previous: before.reminders,
          list: reminderList(db, period, where),
        },
      ],
    },
  ];
}
