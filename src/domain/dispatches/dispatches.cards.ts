/** 选派墩苗 cards (Card JSON 2.0). Every data string goes through mdText(). */
import {
  button,
  type Card,
  card,
  collapsible,
  datePicker,
  type Element,
  form,
  hr,
  input,
  md,
  mdText,
  notice,
  select,
  submitButton,
  table,
} from '../../feishu/cards/atoms.js';
import type { AssignmentView } from './dispatches.queries.js';
import { destinationOf } from './dispatches.queries.js';
import type { DigestBatchLine } from './dispatches.rules.js';
import { CADENCE_LABELS, EVALUATION_GRADES, kindLabel, STATUS_LABELS } from './dispatches.vocab.js';

const periodLabel = (key: string) =>
  key === 'term'
    ? '期满总结'
    : key.includes('Q')
      ? `${key.slice(0, 4)} 年第 ${key.slice(-1)} 季度`
      : `${key.slice(0, 4)} 年 ${Number(key.slice(5))} 月`;

export interface ReportContent {
  workDone: string;
  problems: string | null;
  helpNeeded: string | null;
  nextSteps: string | null;
}

function assignmentLine(a: AssignmentView): Element {
  return md(
    `**${mdText(a.personName)}** · ${mdText(kindLabel(a.kind))} ${mdText(a.batchName)}\n派驻：${mdText(destinationOf(a))}　${mdText(a.startDate)} 至 ${mdText(a.endedOn ?? a.plannedEnd)}`,
  );
}

/** The report form (or the 总结 form) sent to the dispatched cadre in private chat. */
export function reportFormCard(
  a: AssignmentView,
  periodKey: string,
  kind: 'report' | 'summary',
  opts: { due: string; reminder?: 'due' | 'overdue'; prior?: ReportContent | null },
): Card {
  const title = kind === 'summary' ? '选派期满总结' : '选派工作报告';
  const lead =
    opts.reminder === 'overdue'
      ? `⚠️ ${mdText(periodLabel(periodKey))}的工作报告已逾期（截止 ${mdText(opts.due)}），请尽快提交。`
      : `请于 ${mdText(opts.due)} 前提交${mdText(periodLabel(periodKey))}的${title}。`;
  const p = opts.prior;
  return card({ title, template: opts.reminder === 'overdue' ? 'orange' : 'blue', subtitle: periodLabel(periodKey) }, [
    assignmentLine(a),
    md(lead),
    form('dispatch_report', [
      input('work', '已开展的工作', { required: true, multiline: true, maxLength: 1000, initial: p?.workDone }),
      input('problems', '遇到的问题', { multiline: true, maxLength: 1000, initial: p?.problems ?? undefined }),
      input('help', '需要的帮助', { multiline: true, maxLength: 1000, initial: p?.helpNeeded ?? undefined }),
      input('next', '下一步打算', { multiline: true, maxLength: 1000, initial: p?.nextSteps ?? undefined }),
      submitButton(p ? '提交修改' : '提交', 'dispatch.report.submit', { as: a.id, p: periodKey, k: kind }),
    ]),
    md('附件（照片、文件）：提交后在私聊中直接发送给青苗，将附在本期报告上。'),
  ]);
}

/** A submitted report as a read-only summary; 修改 until the period closes. */
export function reportSummaryCard(
  a: AssignmentView,
  r: ReportContent & { periodKey: string; kind: string; version: number; submittedOn: string; late: boolean },
  opts: { canCorrect: boolean; attachments?: { id: number; fileName: string }[] },
): Card {
  const lines = [
    `**已开展的工作**\n${mdText(r.workDone)}`,
    r.problems ? `**遇到的问题**\n${mdText(r.problems)}` : '',
    r.helpNeeded ? `**需要的帮助**\n${mdText(r.helpNeeded)}` : '',
    r.nextSteps ? `**下一步打算**\n${mdText(r.nextSteps)}` : '',
  ].filter(Boolean);
  const els: Element[] = [
    assignmentLine(a),
    md(
      `提交于 ${mdText(r.submittedOn)}${r.late ? '（逾期提交）' : ''}${r.version > 1 ? `，第 ${r.version} 次修改` : ''}`,
    ),
    hr(),
    md(lines.join('\n\n')),
  ];
  if (opts.attachments?.length) {
    els.push(md(`附件：${opts.attachments.map((f) => mdText(f.fileName)).join('、')}`));
    // Each file is sent to the reader's private chat on request (who may read the report is checked again).
    for (const f of opts.attachments.slice(0, 5))
      els.push(button(`下载 ${f.fileName.slice(0, 40)}`, 'dispatch.attachment.get', { f: f.id }));
  }
  if (opts.canCorrect) els.push(button('修改', 'dispatch.report.open', { as: a.id, p: r.periodKey, k: r.kind }));
  const title = r.kind === 'summary' ? '选派期满总结（已提交）' : '选派工作报告（已提交）';
  return card({ title, template: 'green', subtitle: periodLabel(r.periodKey) }, els);
}

export interface MissingRow {
  name: string;
  periodKey: string;
  due: string;
  workdaysLate: number;
}

/** org_admin: missing reports of one batch (who, how late) with 提醒全部. */
export function missingReportsCard(batch: { id: number; name: string; kind: string }, rows: MissingRow[]): Card {
  return card({ title: '选派工作报告未交', template: 'orange', subtitle: `${kindLabel(batch.kind)} ${batch.name}` }, [
    md(`${mdText(kindLabel(batch.kind))} ${mdText(batch.name)}：**${rows.length}** 人未按期提交工作报告。`),
    table(
      [
        { name: 'name', label: '姓名' },
        { name: 'period', label: '报告期' },
        { name: 'due', label: '截止' },
        { name: 'late', label: '逾期工作日', type: 'number' },
      ],
      rows
        .slice(0, 100)
        .map((r) => ({ name: r.name, period: periodLabel(r.periodKey), due: r.due, late: r.workdaysLate })),
    ),
    button('提醒全部', 'dispatch.remindAll', { b: batch.id }, 'primary'),
  ]);
}

/** Home-unit leader / org_admin: reports overdue for M workdays. */
export function escalationCard(rows: (MissingRow & { batch: string })[]): Card {
  return card({ title: '选派工作报告逾期督办', template: 'red' }, [
    md('以下选派干部的工作报告已逾期，请督促提交：'),
    md(
      rows
        .map(
          (r) =>
            `- ${mdText(r.name)}（${mdText(r.batch)}）${mdText(periodLabel(r.periodKey))}，截止 ${mdText(r.due)}，已逾期 ${r.workdaysLate} 个工作日`,
        )
        .join('\n'),
    ),
  ]);
}

/** The host contact's evaluation form at the end of a term. */
export function evaluationFormCard(a: AssignmentView): Card {
  return card({ title: '选派干部期满评价', template: 'blue' }, [
    assignmentLine(a),
    md('该干部选派即将期满，请接收单位作出评价：'),
    form('dispatch_eval', [
      select(
        'grade',
        '评价等次',
        EVALUATION_GRADES.map((g) => ({ label: g, value: g })),
        undefined,
        true,
      ),
      input('comment', '评价意见', { multiline: true, maxLength: 1000 }),
      submitButton('提交评价', 'dispatch.evaluate', { as: a.id }),
    ]),
  ]);
}

export interface BatchCountRow {
  batch_id: number;
  kind: string;
  name: string;
  start_date: string;
  end_date: string;
  cadence: 'monthly' | 'quarterly';
  total: number;
  on_post: number;
  completed: number;
  recalled: number;
  extended: number;
  months: number | null;
  places: string | null;
}

/** 选派: batches with counts by kind and status, who ends soon. */
export function overviewCard(
  rows: BatchCountRow[],
  ending: { name: string; batchName: string; kind: string; plannedEnd: string }[],
  totals: { label: string; batches: number; people: number }[],
): Card {
  const summary = totals
    .filter((t) => t.batches > 0)
    .map((t) => `- ${mdText(t.label)}：${t.batches} 批 ${t.people} 人`)
    .join('\n');
  const els: Element[] = [
    md(summary || '尚无选派批次。发送选派名单 xlsx（表头含 姓名、选派类别、批次）即可导入。'),
    table(
      [
        { name: 'kind', label: '类别' },
        { name: 'name', label: '批次' },
        { name: 'dates', label: '时间' },
        { name: 'place', label: '地点' },
        { name: 'total', label: '人数', type: 'number' },
        { name: 'on', label: '在岗', type: 'number' },
        { name: 'done', label: '期满', type: 'number' },
        { name: 'recalled', label: '召回', type: 'number' },
      ],
      rows.map((r) => ({
        kind: kindLabel(r.kind),
        name: r.name,
        dates: `${r.start_date}~${r.end_date}${r.months ? `（约${r.months}个月）` : ''}`,
        place: r.places ?? '',
        total: r.total,
        on: r.on_post,
        done: r.completed,
        recalled: r.recalled,
      })),
    ),
  ];
  if (ending.length > 0)
    els.push(
      collapsible(`一个月内期满（${ending.length} 人）`, [
        md(
          ending
            .map(
              (e) =>
                `- ${mdText(e.name)}（${mdText(kindLabel(e.kind))} ${mdText(e.batchName)}）${mdText(e.plannedEnd)}`,
            )
            .join('\n'),
        ),
      ]),
    );
  els.push(button('导出选派台账', 'dispatch.export', {}));
  return card({ title: '选派墩苗', template: 'blue' }, els);
}

/** A cadre's own assignments and reports (选派 / 选派报告 for a dispatched cadre). */
export function myDispatchCard(
  readable: {
    assignment_id: number;
    period_key: string;
    kind: 'report' | 'summary';
    name: string;
    submitted_on: string;
  }[],
  items: {
    a: AssignmentView;
    reports: { periodKey: string; kind: string; submittedOn: string; late: boolean }[];
    current: { key: string; due: string } | null;
  }[],
): Card {
  if (items.length === 0 && readable.length === 0) return notice('选派工作报告', '您目前没有选派任务。');
  const els: Element[] = [];
  if (readable.length > 0) {
    els.push(md('**可查阅的选派工作报告**（派出单位主要领导、接收单位联系人）'));
    for (const r of readable)
      els.push(
        button(`${r.name} · ${periodLabel(r.period_key)}（${r.submitted_on}）`, 'dispatch.report.open', {
          as: r.assignment_id,
          p: r.period_key,
          k: r.kind,
        }),
      );
    els.push(hr());
  }
  for (const { a, reports, current } of items) {
    els.push(
      assignmentLine(a),
      md(`状态：${mdText(STATUS_LABELS[a.status])}　报告：${mdText(CADENCE_LABELS[a.cadence])}`),
    );
    if (reports.length)
      els.push(
        md(
          reports
            .map(
              (r) => `- ${mdText(periodLabel(r.periodKey))}：${mdText(r.submittedOn)} 提交${r.late ? '（逾期）' : ''}`,
            )
            .join('\n'),
        ),
      );
    if (current)
      els.push(
        button(
          `填写${periodLabel(current.key)}报告`,
          'dispatch.report.open',
          { as: a.id, p: current.key, k: 'report' },
          'primary',
        ),
      );
    els.push(hr());
  }
  return card({ title: '我的选派', template: 'blue' }, els);
}

/** org_admin: report status table per batch for the current and previous period. */
export function statusTableCard(
  rows: { batch: string; period: string; due: string; expected: number; submitted: number }[],
): Card {
  return card({ title: '选派工作报告情况', template: 'blue' }, [
    table(
      [
        { name: 'batch', label: '批次' },
        { name: 'period', label: '报告期' },
        { name: 'due', label: '截止' },
        { name: 'expected', label: '应交', type: 'number' },
        { name: 'submitted', label: '已交', type: 'number' },
        { name: 'missing', label: '未交', type: 'number' },
      ],
      rows.map((r) => ({ ...r, period: periodLabel(r.period), missing: r.expected - r.submitted })),
    ),
    button('导出报告情况', 'dispatch.exportReports', {}),
  ]);
}

/** The xlsx import preview: counts per batch, 确认导入 / 取消. */
export function importPreviewCard(draftId: number, fileName: string, groups: { batch: string; count: number }[]): Card {
  return card({ title: '选派名单导入预览', template: 'blue' }, [
    md(`文件“${mdText(fileName)}”检查通过，共 **${groups.reduce((s, g) => s + g.count, 0)}** 人：`),
    md(groups.map((g) => `- ${mdText(g.batch)}：${g.count} 人`).join('\n')),
    md('确认后一次性写入；如有任何一行在确认时不再有效，将全部不导入。'),
    button('确认导入', 'dispatch.import.confirm', { d: draftId }, 'primary'),
  ]);
}

export function importProblemsCard(fileName: string, total: number, errors: { line: number; message: string }[]): Card {
  return card({ title: '选派名单未导入', template: 'red' }, [
    md(`文件“${mdText(fileName)}”共 ${total} 行，其中 ${errors.length} 处问题，**全部未导入**。请修改后重新发送：`),
    md(
      errors
        .slice(0, 30)
        .map((e) => `- 第 ${e.line} 行：${mdText(e.message)}`)
        .join('\n'),
    ),
  ]);
}

/** org_admin: one cadre's assignments with 期满 / 提前召回 / 延期, and a 新增选派 form. */
export function personDispatchCard(
  person: { id: number; name: string; unitName: string },
  list: AssignmentView[],
  batches: { id: number; name: string; kind: string }[],
): Card {
  const els: Element[] = [md(`**${mdText(person.name)}**（${mdText(person.unitName)}）`)];
  for (const a of list) {
    els.push(assignmentLine(a), md(`状态：${mdText(STATUS_LABELS[a.status])}`));
    if (a.status === 'on_post' || a.status === 'extended')
      els.push(
        form(`dispatch_status_${a.id}`, [
          select('to', '变更为', [
            { label: '期满', value: 'completed' },
            { label: '提前召回', value: 'recalled' },
            { label: '延期', value: 'extended' },
          ]),
          datePicker('on', '生效日期'),
          datePicker('end', '延期后的计划结束日期（延期时填）'),
          submitButton('变更状态', 'dispatch.status', { as: a.id }, `dispatch_status_${a.id}`),
        ]),
      );
    els.push(hr());
  }
  els.push(
    md('**新增选派**'),
    form('dispatch_assign', [
      select(
        'batch',
        '选派批次',
        batches.map((b) => ({ label: `${kindLabel(b.kind)} ${b.name}`, value: String(b.id) })),
        undefined,
        true,
      ),
      input('dest', '派驻单位（本县单位名称）', { maxLength: 100 }),
      input('place', '派驻地点（村、社区；县外填地名，如 浏阳市）', { maxLength: 100 }),
      input('host', '接收单位', { maxLength: 100 }),
      datePicker('start', '开始日期', undefined, true),
      datePicker('end', '计划结束日期', undefined, true),
      submitButton('保存选派', 'dispatch.assign', { person: person.id }),
    ]),
  );
  return card({ title: '干部选派', template: 'blue' }, els);
}

/** The leaders' group monthly dispatch digest of one county (named in the subtitle): counts by batch, never a name. */
export function monthlyDigestCard(
  month: string,
  lastMonth: string,
  lines: (DigestBatchLine & { batch: string; kind: string })[],
  county = '',
): Card {
  const sum = (f: (l: DigestBatchLine) => number) => lines.reduce((n, l) => n + f(l), 0);
  const subtitle = county ? `${county} · 仅统计数字` : '仅统计数字';
  return card({ title: `选派墩苗月报（${month}）`, template: 'blue', subtitle }, [
    md(
      `${mdText(lastMonth)}选派工作报告应交 **${sum((l) => l.expected)}** 份，已交 **${sum((l) => l.submitted)}** 份，` +
        `未交 **${sum((l) => l.missing)}** 份；本月期满 **${sum((l) => l.endingThisMonth)}** 人，下月期满 **${sum((l) => l.endingNextMonth)}** 人。`,
    ),
    table(
      [
        { name: 'batch', label: '批次' },
        { name: 'expected', label: '应交', type: 'number' },
        { name: 'submitted', label: '已交', type: 'number' },
        { name: 'missing', label: '未交', type: 'number' },
        { name: 'ending', label: '本月期满', type: 'number' },
        { name: 'next', label: '下月期满', type: 'number' },
      ],
      lines.slice(0, 100).map((l) => ({
        batch: `${kindLabel(l.kind)} ${l.batch}`,
        expected: l.expected,
        submitted: l.submitted,
        missing: l.missing,
        ending: l.endingThisMonth,
        next: l.endingNextMonth,
      })),
    ),
    md('<font color="grey">未交名单和督办由组织部门处理（发送「选派报告」）。</font>'),
  ]);
}
