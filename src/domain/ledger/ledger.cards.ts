/** Ledger cards (pure): task list with the add form, a task's entries with the entry form, a cadre's ledger. */
import {
  button,
  type Card,
  card,
  datePicker,
  type Element,
  form,
  hr,
  input,
  md,
  mdText,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import { LEDGER_RATINGS, RATING_LABELS } from '../clues/clues.vocab.js';
import type { entriesWhere, TaskRow } from './ledger.queries.js';

type Entry = Awaited<ReturnType<typeof entriesWhere>>[number];

export interface TaskListRow {
  t: TaskRow;
  leadUnitName: string | null;
  entries: number;
}

const period = (t: TaskRow) => `${t.startOn} 起${t.endOn ? ` 至 ${t.endOn}` : ''}`;

export function tasksCard(rows: TaskListRow[], admin: boolean, today: string): Card {
  const elements: Element[] = [];
  if (rows.length === 0) elements.push(md(admin ? '本县还没有重点任务。' : '您没有牵头的重点任务。'));
  for (const r of rows) {
    elements.push(
      md(`**${mdText(r.t.name)}** · ${period(r.t)} · 牵头：${mdText(r.leadUnitName ?? '—')} · 台账 ${r.entries} 条`),
      button('查看台账', 'ledger.task', { t: r.t.id }),
    );
  }
  if (admin) {
    elements.push(
      hr(),
      form('ledger_task', [
        input('name', '新增重点任务名称（如 乡村振兴）', { required: true, maxLength: 50 }),
        datePicker('start', '开始日期', today, true),
        datePicker('end', '结束日期（可不填）'),
        input('lead', '牵头单位（全称，可不填）', { maxLength: 50 }),
        submitButton('新增重点任务', 'ledger.addTask'),
      ]),
      md(
        '<font color="grey">查看某位干部的台账：「台账 姓名」；导出：「导出 台账」；也可发送台账 Excel（表头含 重点任务、姓名、评价）。</font>',
      ),
    );
  }
  return card({ title: '跟踪考核台账', template: 'turquoise' }, elements);
}

function entryLine(e: Entry, withTask: boolean): string {
  const head = withTask ? `**${mdText(e.taskName)}**` : `**${mdText(e.cadreName)}**（${mdText(e.unitName)}）`;
  return `${head} · ${mdText(e.role)} · 评价 **${RATING_LABELS[e.rating]}** · ${e.entryOn}\n${mdText(e.facts)}${e.recordedBy ? `　— ${mdText(e.recordedBy)}` : ''}`;
}

export function taskCard(t: TaskRow, leadUnitName: string | null, entries: Entry[], today: string): Card {
  const elements: Element[] = [
    md(`${period(t)} · 牵头单位：${mdText(leadUnitName ?? '—')} · 台账 **${entries.length}** 条`),
    ...entries.slice(0, 30).map((e) => md(entryLine(e, false))),
  ];
  if (entries.length > 30)
    elements.push(md(`<font color="grey">另有 ${entries.length - 30} 条，请发送「导出 台账」。</font>`));
  elements.push(
    hr(),
    form('ledger_entry', [
      input('cadre', '干部姓名', { required: true, maxLength: 20 }),
      input('role', '承担的工作（角色）', { required: true, maxLength: 100 }),
      select(
        'rating',
        '表现评价',
        LEDGER_RATINGS.map((r) => ({ label: RATING_LABELS[r], value: r })),
        undefined,
        true,
      ),
      input('facts', '主要事实', { multiline: true, required: true, maxLength: 1000 }),
      datePicker('date', '日期', today, true),
      submitButton('登记台账', 'ledger.entry', { t: t.id }),
    ]),
  );
  return card({ title: `台账 · ${t.name}`, template: 'turquoise' }, elements);
}

export function cadreLedgerCard(name: string, entries: Entry[]): Card {
  return card({ title: `${name}的跟踪考核台账`, template: 'turquoise' }, [
    entries.length === 0 ? md('暂无台账记录。') : md(`共 **${entries.length}** 条`),
    ...entries.slice(0, 30).map((e) => md(entryLine(e, true))),
  ]);
}

/** Profile lines: the latest entries. */
export function ledgerProfileElements(entries: Entry[]): Element[] {
  if (entries.length === 0) return [];
  return [
    md(
      `**跟踪考核台账**（${entries.length} 条）\n${entries
        .slice(0, 5)
        .map((e) => `${e.entryOn} ${mdText(e.taskName)} · ${mdText(e.role)} · ${RATING_LABELS[e.rating]}`)
        .join('\n')}`,
    ),
  ];
}

export function importCard(
  fileName: string,
  r: { total: number; written: number; proposals: number; errors: { line: number; message: string }[] },
): Card {
  if (r.errors.length > 0) {
    return card({ title: '台账未导入', template: 'red' }, [
      md(`「${mdText(fileName)}」有 ${r.errors.length} 处问题，全部未导入，请修改后重新发送：`),
      md(
        r.errors
          .slice(0, 30)
          .map((e) => `第 ${e.line} 行：${mdText(e.message)}`)
          .join('\n'),
      ),
    ]);
  }
  return card({ title: '台账已导入', template: 'green' }, [
    md(
      `「${mdText(fileName)}」共 ${r.total} 行，已登记 ${r.written} 条台账；据评价产生资源库调整建议 ${r.proposals} 条。`,
    ),
  ]);
}
