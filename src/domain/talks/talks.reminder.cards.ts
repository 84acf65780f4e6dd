/** Reminder, escalation and calendar-warning cards (pure); the digest block is talks.digest.ts. */
import { type Card, card, type Element, md, mdText, table } from '../../feishu/cards/atoms.js';
import { barChart } from '../../feishu/cards/charts.js';
import { dueText, groupedRows, MAX_ROWS, overdueText } from './talks.todo.cards.js';
import type { TodoItem } from './talks.todo.js';

export function dueReminderCard(leaderName: string, items: TodoItem[]): Card {
  const soonest = Math.min(...items.map((i) => i.daysLeft));
  return card(
    { title: '谈心谈话提醒', template: soonest <= 3 ? 'orange' : 'blue', summary: `本期还有 ${items.length} 人未谈话` },
    [
      md(
        `${mdText(leaderName)}同志，您好！以下 **${items.length}** 名干部本期还没有谈心谈话记录，请在期限前安排谈话并登记：`,
      ),
      ...groupedRows(items, MAX_ROWS, dueText),
    ],
  );
}

export function overdueReminderCard(leaderName: string, items: TodoItem[]): Card {
  return card({ title: '谈心谈话逾期提醒', template: 'red', summary: `${items.length} 人谈心谈话已逾期` }, [
    md(
      `${mdText(leaderName)}同志，您好！以下 **${items.length}** 名干部上一周期的谈心谈话已逾期。` +
        '如已谈话请补录（谈话日期填实际日期）；逾期情况将报组织部门。',
    ),
    ...groupedRows(items, MAX_ROWS, overdueText, '补录谈话'),
  ]);
}

export interface EscalationLine {
  unitName: string;
  leaderName: string;
  what: string;
  count: number;
}

const CHART_UNITS = 8;

/** Overdue per unit, most first, as a horizontal bar chart (counts only); none for a single unit. */
function unitChart(lines: EscalationLine[]): Element[] {
  const byUnit = new Map<string, number>();
  for (const l of lines) byUnit.set(l.unitName, (byUnit.get(l.unitName) ?? 0) + l.count);
  if (byUnit.size < 2) return [];
  const top = [...byUnit].sort((a, b) => b[1] - a[1]).slice(0, CHART_UNITS);
  const more = byUnit.size > top.length ? `（前 ${top.length} 个单位，共 ${byUnit.size} 个）` : '';
  return [
    barChart(
      `逾期人次（按单位）${more}`,
      top.map(([label, value]) => ({ label, value })),
      { horizontal: true },
    ),
  ];
}

export function escalationCard(lines: EscalationLine[], escalateAfter: number): Card {
  const total = lines.reduce((n, l) => n + l.count, 0);
  const shown = lines.slice(0, 100);
  const elements: Element[] = [
    md(`以下领导干部的谈心谈话逾期超过 **${escalateAfter}** 个工作日仍未补录，共 **${total}** 人次，请督促落实。`),
    ...unitChart(lines),
    table(
      [
        { name: 'unit', label: '单位' },
        { name: 'leader', label: '谈话人' },
        { name: 'what', label: '谈话任务' },
        { name: 'count', label: '逾期人数', type: 'number' },
      ],
      shown.map((l) => ({ unit: l.unitName, leader: l.leaderName, what: l.what, count: l.count })),
    ),
  ];
  if (lines.length > shown.length)
    elements.push(md(`<font color="grey">另有 ${lines.length - shown.length} 条未列出，可发送「统计」查看。</font>`));
  return card({ title: '谈心谈话逾期督办', template: 'red', summary: `谈心谈话逾期 ${total} 人次` }, elements);
}

export interface DigestUnitLine {
  unitName: string;
  overdue: number;
  open: number;
  done: number;
}

export function calendarWarningCard(year: number): Card {
  return card({ title: `${year} 年节假日安排尚未载入`, template: 'orange' }, [
    md(
      `系统内置日历还不知道 ${year} 年的法定节假日和调休安排。国务院办公厅发布后，请发送「节假日 ${year}」载入，` +
        '否则明年的谈话提醒只能按周一至周五发送，节假日也会提醒、调休上班日不会提醒。',
    ),
  ]);
}
