/** 待办 card and the cadre rows it shares with the reminder cards (pure). */
import { button, type Card, card, columns, type Element, hr, md, mdText } from '../../feishu/cards/atoms.js';
import { groupByPeriod } from './talks.groups.js';
import type { OpenProblem } from './talks.queries.js';
import type { Todo, TodoItem } from './talks.todo.js';

/** Rows listed per card (each row is 5 elements); the rest is summarised, keeping cards under Feishu's 200. */
export const MAX_ROWS = 30;
/** 待办 shares its budget between overdue, open and problem rows. */
const TODO_BUDGET = { overdue: 8, open: 18, problems: 8 };

/** One cadre with a 记录谈话 button that opens the talk form pre-filled with him. */
export function cadreRow(it: TodoItem, label = '记录谈话'): Element {
  const last = it.lastTalkDate ? `，上次谈话 ${it.lastTalkDate}` : '';
  const note = it.note ? `\n<font color="orange">${mdText(it.note)}</font>` : '';
  return columns([
    [
      md(
        `${mdText(it.cadre.name)}（${mdText(it.cadre.unitName)}${it.cadre.position ? `·${mdText(it.cadre.position)}` : ''}）${last}${note}`,
      ),
    ],
    [button(label, 'talks.open', { c: it.cadreId }, 'primary')],
  ]);
}

/**
 * Obligation items grouped by relation and period, at most `budget` rows in all. What does not fit is summarised:
 * by `more` (a button to the full list) when given, else by a hint to 待办.
 */
export function groupedRows(
  items: TodoItem[],
  budget: number,
  deadline: (it: TodoItem) => string,
  label?: string,
  more?: (hidden: number) => Element,
) {
  const out: Element[] = [];
  let left = budget;
  for (const g of groupByPeriod(items)) {
    out.push(md(`**${g.title}**（${deadline(g.items[0])}，${g.items.length} 人）`));
    for (const it of g.items.slice(0, Math.max(0, left))) out.push(cadreRow(it, label));
    left -= g.items.length;
  }
  if (left < 0)
    out.push(
      more?.(-left) ?? md(`<font color="grey">另有 ${-left} 人未列出，发送「待办」或「谈话 姓名」查看。</font>`),
    );
  return out;
}

/** 待办's lists that can be shown in full: 本期待谈 and 上一周期逾期. */
export type TodoListKind = 'open' | 'overdue';

/** The row that replaces a cut-off 待办 list: a button to the whole list (not back to 待办 itself). */
function moreButton(kind: TodoListKind) {
  return (hidden: number) =>
    columns([
      [md(`<font color="grey">另有 ${hidden} 人未列出</font>`)],
      [button('查看全部', 'talks.todoList', { k: kind, page: 0, fresh: 1 }, 'default')],
    ]);
}

/** The whole of one 待办 list, MAX_ROWS per page, each row with its button. */
export function todoListCard(t: Todo, kind: TodoListKind, page: number): Card {
  const items = kind === 'open' ? t.open : t.overdue;
  const pages = Math.max(1, Math.ceil(items.length / MAX_ROWS));
  const p = Math.min(Math.max(0, page), pages - 1);
  const title = kind === 'open' ? '本期待谈（全部）' : '上一周期逾期未谈（全部）';
  if (items.length === 0)
    return card({ title, template: 'green' }, [
      md(kind === 'open' ? '本期没有待谈的干部。' : '上一周期没有逾期未谈。'),
    ]);
  const elements: Element[] = [
    md(`共 **${items.length}** 人${pages > 1 ? `，第 ${p + 1}/${pages} 页` : ''}。`),
    ...groupedRows(
      items.slice(p * MAX_ROWS, (p + 1) * MAX_ROWS),
      MAX_ROWS,
      kind === 'open' ? dueText : overdueText,
      kind === 'open' ? undefined : '补录谈话',
    ),
  ];
  const nav: Element[] = [];
  if (p > 0) nav.push(button('上一页', 'talks.todoList', { k: kind, page: p - 1 }));
  if (p + 1 < pages) nav.push(button('下一页', 'talks.todoList', { k: kind, page: p + 1 }));
  if (nav.length) elements.push(hr(), ...nav);
  return card({ title, template: kind === 'open' ? 'blue' : 'orange', summary: title }, elements);
}

export const dueText = (it: TodoItem) =>
  it.daysLeft === 0 ? '今天截止' : `${it.periodEnd} 截止，还剩 ${it.daysLeft} 天`;
export const overdueText = (it: TodoItem) => `已于 ${it.periodEnd} 到期`;

export function problemRow(p: OpenProblem): Element {
  return columns([
    [md(`${mdText(p.text)}<font color="grey">（${mdText(p.cadreName)}，${p.talkDate}）</font>`)],
    [button('标记已解决', 'talks.solve', { p: p.id, from: 'todo' }, 'primary')],
  ]);
}

export function todoCard(t: Todo): Card {
  const elements: Element[] = [];
  if (t.open.length === 0 && t.overdue.length === 0 && t.problems.length === 0 && t.olderOverdue === 0) {
    elements.push(md(t.doneCount > 0 ? `本期谈心谈话任务已全部完成（${t.doneCount} 人次）。` : '您当前没有待办事项。'));
    return card({ title: '我的待办', template: 'green' }, elements);
  }
  if (t.overdue.length > 0) {
    elements.push(
      md(
        `<font color="red">**上一周期逾期未谈 ${t.overdue.length} 人**</font>：本期的谈话只计入本期，不抵上一周期。` +
          '如上一周期已谈过，请点「补录谈话」，谈话日期填实际日期；未谈的记为逾期。',
      ),
    );
    elements.push(...groupedRows(t.overdue, TODO_BUDGET.overdue, overdueText, '补录谈话', moreButton('overdue')), hr());
  }
  if (t.olderOverdue > 0) {
    elements.push(
      columns([
        [md(`<font color="red">更早周期逾期未谈 **${t.olderOverdue}** 人次</font>（一年以内，可补录）`)],
        [button('查看更早的逾期', 'talks.olderOverdue', {}, 'default')],
      ]),
      hr(),
    );
  }
  if (t.open.length > 0) {
    elements.push(md(`**本期待谈 ${t.open.length} 人**${t.doneCount ? `（已谈 ${t.doneCount} 人次）` : ''}`));
    elements.push(...groupedRows(t.open, TODO_BUDGET.open, dueText, undefined, moreButton('open')), hr());
  }
  if (t.problems.length > 0) {
    elements.push(md(`**谈话中反映的问题待解决 ${t.problems.length} 个**`));
    elements.push(...t.problems.slice(0, TODO_BUDGET.problems).map(problemRow));
    if (t.problems.length > TODO_BUDGET.problems)
      elements.push(
        md(
          `<font color="grey">另有 ${t.problems.length - TODO_BUDGET.problems} 个问题，解决后刷新「待办」查看。</font>`,
        ),
      );
  }
  const late = t.overdue.length + t.olderOverdue;
  return card({ title: '我的待办', template: late ? 'orange' : 'blue', summary: '谈心谈话待办' }, elements);
}

/** 更早的逾期: the misses before the last period, newest period first, each with 补录谈话. */
export function olderOverdueCard(items: TodoItem[]): Card {
  if (items.length === 0) return card({ title: '更早的逾期', template: 'green' }, [md('一年以内没有更早的逾期未谈。')]);
  const elements: Element[] = [
    md(`一年以内、上一周期之前逾期未谈 **${items.length}** 人次。如已谈话请补录，谈话日期填实际日期。`),
    ...groupedRows(items, MAX_ROWS, overdueText, '补录谈话'),
  ];
  return card({ title: '更早的逾期', template: 'orange', summary: '更早的逾期未谈' }, elements);
}
