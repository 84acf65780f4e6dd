import { type Card, card, md, mdText } from '../../../feishu/cards/atoms.js';
import { importErrorElements } from '../roster/roster.cards.js';
import type { DatedCounts, StructureReport } from './structure.import.js';

const dated = (what: string, c: DatedCounts, createdWord: string, endedWord: string) =>
  `- ${what}：${createdWord} **${c.created}**，${endedWord} **${c.ended}**，修改 ${c.updated}，未变化 ${c.unchanged}`;

/** The summary lines of an import, shared by the card and the CLI. */
export function summaryLines(r: StructureReport): string[] {
  const u = r.units;
  return [
    `- 单位：新增 **${u.created}**，修改 **${u.updated}**，未变化 ${u.unchanged}`,
    dated('班子职务', r.posts, '任职', '免职'),
    dated('县级领导联系/分管单位', r.links, '新增', '结束'),
    dated('分管干部', r.supervisions, '新增', '结束'),
    ...(r.countyLeaders > 0 ? [`- 新标记县级领导 **${r.countyLeaders}** 人`] : []),
  ];
}

export function structureResultCard(r: StructureReport): Card {
  const file = r.fileName ? `“${mdText(r.fileName)}”` : '组织架构';
  const ignored = r.ignoredSheets.length
    ? [md(`<font color="grey">未识别的工作表已忽略：${mdText(r.ignoredSheets.join('、'))}</font>`)]
    : [];
  if (!r.ok) {
    return card({ title: '组织架构未导入', template: 'red' }, [
      md(`${file}发现 **${r.errors.length}** 处问题。**整个文件未写入**，请修改后重新发送。`),
      ...importErrorElements(r.errors),
      ...ignored,
    ]);
  }
  return card({ title: '组织架构导入完成', template: 'green' }, [
    md(`${file}已导入（工作表：${mdText(r.sheets.join('、'))}）。\n${summaryLines(r).join('\n')}`),
    ...ignored,
  ]);
}
