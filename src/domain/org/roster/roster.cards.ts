import { button, type Card, card, collapsible, type Element, md, mdText, table } from '../../../feishu/cards/atoms.js';
import type { BindResult } from '../org.binding.js';
import { ROSTER_COLUMNS } from './roster.columns.js';
import type { ImportReport } from './roster.import.js';

/** Keeps the card far below Feishu's 30 KB; the full list is sent as a file (sendProblemList). */
const MAX_ERROR_ROWS = 30;
const MAX_MESSAGE = 120;

/** One problem of an import; `sheet` when the workbook has several sheets. */
export interface ImportProblem {
  sheet?: string;
  row: number;
  column: string;
  message: string;
}

/** The error table of a rejected import (first 100 problems), shared by every xlsx import of org. */
export function importErrorElements(errors: ImportProblem[]): Element[] {
  const withSheet = errors.some((e) => e.sheet);
  const rows = errors.slice(0, MAX_ERROR_ROWS).map((e) => ({
    ...(withSheet ? { sheet: e.sheet ?? '' } : {}),
    row: e.row,
    column: e.column,
    message: e.message.slice(0, MAX_MESSAGE),
  }));
  const more = errors.length - rows.length;
  return [
    table(
      [
        ...(withSheet ? [{ name: 'sheet', label: '工作表' }] : []),
        { name: 'row', label: '行号', type: 'number' as const },
        { name: 'column', label: '列' },
        { name: 'message', label: '问题' },
      ],
      rows,
    ),
    ...(more > 0 ? [md(`另有 ${more} 处问题未列出，完整的问题清单已作为 Excel 文件发送给您。`)] : []),
  ];
}

/**
 * Problems as wrapped lines (a table is cut off on a phone's width): 第 N 行 · 列：问题, in the sheet's own
 * row numbers; the first 30, the full list sent as a file.
 */
export function problemLines(errors: ImportProblem[]): Element[] {
  const shown = errors.slice(0, MAX_ERROR_ROWS).map((e) => {
    const where = `${e.sheet ? `${mdText(e.sheet)} ` : ''}第 ${e.row} 行 · ${mdText(e.column)}`;
    return `- **${where}**：${mdText(e.message.slice(0, 200))}`;
  });
  const more = errors.length - shown.length;
  return [
    md(shown.join('\n')),
    ...(more > 0 ? [md(`另有 ${more} 处问题未列出，完整的问题清单已作为 Excel 文件发送给您。`)] : []),
  ];
}

const FIELD_HEADER = new Map<string, string>([
  ...ROSTER_COLUMNS.map((c) => [c.field, c.header] as [string, string]),
  ['resume', '简历'],
  ['family', '家庭主要成员'],
]);

/** 读取的列 → 字段, 忽略的列 (hidden columns marked). */
function columnReport(r: ImportReport): Element[] {
  const cols = r.columns ?? [];
  if (cols.length === 0) return [];
  const read = cols
    .filter((c) => c.field)
    .map(
      (c) => `${mdText(c.header)}${c.hidden ? '（隐藏列）' : ''} → ${mdText(FIELD_HEADER.get(c.field!) ?? c.field)}`,
    );
  const ignored = cols.filter((c) => !c.field).map((c) => `${mdText(c.header)}${c.hidden ? '（隐藏列）' : ''}`);
  return [
    collapsible(`读取的列 ${read.length} 个，忽略的列 ${ignored.length} 个`, [
      md(`**读取**：${read.join('；')}`),
      ...(ignored.length ? [md(`**忽略**（内容不会导入）：${ignored.join('、')}`)] : []),
    ]),
  ];
}

/** The preview of an uploaded roster: nothing written yet; 确认导入 commits it (org_admin, the uploader). */
export function importPreviewCard(r: ImportReport, token: string | null): Card {
  const file = r.fileName ? `“${mdText(r.fileName)}”` : '花名册';
  if (!r.ok) {
    return card({ title: '花名册未导入', template: 'red' }, [
      md(
        `${file}共 ${r.total} 行，发现 **${r.errors.length}** 处问题。**整个文件未写入**，请按下列说明修改后重新发送。`,
      ),
      ...problemLines(r.errors),
      ...columnReport(r),
    ]);
  }
  const lines = [
    `${file}共 ${r.total} 行人员${r.skippedRows ? `（另有 ${r.skippedRows} 行单位分组行或备注，已识别）` : ''}，全部读懂：`,
    `- 新增 **${r.created}** 人`,
    `- 更新 **${r.updated}** 人`,
    `- 未变化 ${r.unchanged} 人`,
    '- 拒绝 0 行',
  ];
  const updates = r.updates.slice(0, 20).map((u) => {
    const where = `${u.sheet ? `${mdText(u.sheet)} ` : ''}第 ${u.row} 行`;
    return `- ${where} ${mdText(u.name)}：${mdText(u.fields.join('、'))}`;
  });
  const more = r.updates.length - updates.length;
  return card({ title: '花名册预览（尚未写入）', template: 'blue' }, [
    md(lines.join('\n')),
    ...(updates.length ? [md(`**将更新的字段**\n${updates.join('\n')}${more > 0 ? `\n…另有 ${more} 人` : ''}`)] : []),
    ...columnReport(r),
    ...(token
      ? [
          md('<font color="grey">核对无误后请点击“确认导入”；预览 30 分钟内有效，仅限本人确认。</font>'),
          button('确认导入', 'roster.confirm', { t: token }, 'primary_filled'),
        ]
      : []),
  ]);
}

export function importResultCard(r: ImportReport, bind: BindResult | null): Card {
  const file = r.fileName ? `“${mdText(r.fileName)}”` : '花名册';
  const ignored = r.ignoredHeaders.length
    ? [md(`<font color="grey">未识别的列已忽略：${mdText(r.ignoredHeaders.join('、'))}</font>`)]
    : [];
  if (!r.ok) {
    return card({ title: '花名册未导入', template: 'red' }, [
      md(`${file}共 ${r.total} 行，发现 **${r.errors.length}** 处问题。**整个文件未写入**，请修改后重新发送。`),
      ...problemLines(r.errors),
      ...ignored,
    ]);
  }
  const lines = [
    `${file}已导入：共 ${r.total} 行，新增 **${r.created}** 人，更新 **${r.updated}** 人，未变化 ${r.unchanged} 人。`,
  ];
  if (bind) {
    lines.push(
      `飞书账号：新绑定 ${bind.bound} 人` +
        (bind.notFound ? `，通讯录中未找到 ${bind.notFound} 人` : '') +
        (bind.failed ? `，${bind.failed} 人因接口错误未匹配` : '') +
        '。发送“未绑定”可查看并手动绑定。',
    );
  }
  return card({ title: '花名册导入完成', template: 'green' }, [md(lines.join('\n')), ...ignored]);
}

/** The dry run as console lines (CLI --dry-run). */
export function rosterPreviewLines(r: ImportReport): string[] {
  const read = r.columns.filter((c) => c.field);
  const ignored = r.columns.filter((c) => !c.field);
  const mark = (c: { hidden?: boolean }) => (c.hidden ? '（隐藏列）' : '');
  return [
    `预览（未写入）：共 ${r.total} 行人员，新增 ${r.created}，更新 ${r.updated}，未变化 ${r.unchanged}，拒绝 0。`,
    ...(r.skippedRows ? [`单位分组行或备注 ${r.skippedRows} 行，未当作人员。`] : []),
    `读取的列：${read.map((c) => `${c.header}${mark(c)} → ${FIELD_HEADER.get(c.field!) ?? c.field}`).join('；')}`,
    ...(ignored.length ? [`忽略的列：${ignored.map((c) => `${c.header}${mark(c)}`).join('、')}`] : []),
    ...r.updates.map((u) => `  ${u.sheet ? `${u.sheet} ` : ''}第 ${u.row} 行 ${u.name}：${u.fields.join('、')}`),
  ];
}

/** The roster fields of a profile (民族, 籍贯, 全日制/在职教育, 任现职务时间 …); only lines with a value. */
export function rosterProfileElements(p: Record<string, string | null>): Element[] {
  const ym = (d: string | null) => (d ? d.slice(0, 7).replace('-', '.') : null);
  const edu = (e: string | null, d: string | null, s: string | null) => [e, d, s].filter(Boolean).join(' ') || null;
  const lines: [string, string | null][] = [
    ['民族', p.ethnicity],
    ['籍贯', p.nativePlace],
    ['出生地', p.birthPlace],
    ['参加工作时间', ym(p.workStart)],
    ['入党时间', ym(p.partyJoinDate)],
    ['全日制教育', edu(p.fullTimeEducation, p.fullTimeDegree, p.fullTimeSchool)],
    ['在职教育', edu(p.partTimeEducation, p.partTimeDegree, p.partTimeSchool)],
    ['任现职务时间', ym(p.positionSince)],
    ['任现职级时间', ym(p.rankSince)],
  ];
  const shown = lines.filter(([, v]) => v).map(([k, v]) => `**${k}**：${mdText(v)}`);
  return shown.length ? [md(shown.join('\n'))] : [];
}
