/** 表彰 cards: the import preview with 确认导入, the `表彰` view (per batch: awardees, who was promoted after). */
import { button, type Card, card, type Element, md, mdText, table } from '../../../feishu/cards/atoms.js';
import type { AwardDraft } from './awards.rules.js';
import type { AwardBatchView } from './awards.service.js';

const SHOWN = 30;

export function awardPreviewCard(
  fileName: string,
  r: { drafts: AwardDraft[]; errors: { row: number; message: string }[]; pendingId: number | null },
): Card {
  if (r.errors.length > 0) {
    const lines = r.errors.slice(0, SHOWN).map((e) => `- 第${e.row}行：${mdText(e.message)}`);
    if (r.errors.length > SHOWN) lines.push(`……共 ${r.errors.length} 个问题，完整清单见随后发送的文件`);
    return card({ title: '表彰导入：未导入', subtitle: fileName, template: 'red' }, [
      md(`发现 ${r.errors.length} 个问题，**全部未写入**。请修改后重新发送文件。\n${lines.join('\n')}`),
    ]);
  }
  const batches = [...new Set(r.drafts.map((d) => `${d.batch} ${d.kind}`))];
  return card({ title: '表彰导入：预览', subtitle: fileName, template: 'blue' }, [
    md(
      `共 ${r.drafts.length} 人，${batches.length} 个批次（${mdText(batches.join('、'))}），检查通过。点击“确认导入”后一次性写入。`,
    ),
    table(
      [
        { name: 'name', label: '姓名' },
        { name: 'batch', label: '批次' },
        { name: 'date', label: '表彰日期' },
      ],
      r.drafts.slice(0, 10).map((d) => ({ name: d.name, batch: `${d.batch} ${d.kind}`, date: d.date })),
      10,
    ),
    button('确认导入', 'use.awards.confirm', { id: r.pendingId }, 'primary_filled'),
  ]);
}

export function awardsCard(countyName: string, batches: AwardBatchView[], months: number): Card {
  if (batches.length === 0)
    return card({ title: `表彰 · ${countyName}`, template: 'grey' }, [
      md('暂无表彰记录。发送含“表彰类别、表彰批次、表彰日期、姓名”列的 xlsx 文件即可导入。'),
    ]);
  const elements: Element[] = [];
  for (const b of batches) {
    const promoted = b.awardees.filter((a) => a.promotedOn);
    const others = b.awardees.filter((a) => !a.promotedOn);
    elements.push(
      md(
        [
          `**${mdText(b.name)} ${mdText(b.kind)}**（${b.date}）：表彰 **${b.awardees.length}** 人，其后${months}个月内提拔重用 **${b.promoted}** 人`,
          promoted.length > 0
            ? `已提拔重用：${promoted.map((a) => `${mdText(a.name)}（${mdText(a.unitName)}，${a.promotedOn}）`).join('、')}`
            : '',
          others.length > 0 ? `尚未提拔重用：${others.map((a) => mdText(a.name)).join('、')}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    );
  }
  return card(
    { title: `表彰 · ${countyName}`, subtitle: `表彰后${months}个月内的提拔重用`, template: 'blue' },
    elements,
  );
}

export function profileAwardLines(batches: AwardBatchView[]): Element[] {
  const lines = batches.map((b) => {
    const a = b.awardees[0];
    return `- ${b.date} ${mdText(b.name)} ${mdText(b.kind)}${a?.promotedOn ? `，${a.promotedOn} 提拔重用` : ''}`;
  });
  return [md(`**表彰**\n${lines.join('\n')}`)];
}
