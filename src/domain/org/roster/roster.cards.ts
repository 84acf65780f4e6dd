import { type Card, card, type Element, md, mdText, table } from '../../../feishu/cards/atoms.js';
import type { BindResult } from '../org.binding.js';
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

export function importResultCard(r: ImportReport, bind: BindResult | null): Card {
  const file = r.fileName ? `“${mdText(r.fileName)}”` : '花名册';
  const ignored = r.ignoredHeaders.length
    ? [md(`<font color="grey">未识别的列已忽略：${mdText(r.ignoredHeaders.join('、'))}</font>`)]
    : [];
  if (!r.ok) {
    return card({ title: '花名册未导入', template: 'red' }, [
      md(`${file}共 ${r.total} 行，发现 **${r.errors.length}** 处问题。**整个文件未写入**，请修改后重新发送。`),
      ...importErrorElements(r.errors),
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
