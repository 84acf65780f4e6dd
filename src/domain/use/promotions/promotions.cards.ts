/** 提拔/职级晋升 cards: the import preview with 确认导入, the result, and the `用` figures. */
import { button, type Card, card, md, mdText, table } from '../../../feishu/cards/atoms.js';
import { PROMOTION_KIND_LABELS } from '../use.vocab.js';
import type { PromotionDraft, UseFigures } from './promotions.rules.js';

const SHOWN = 30;

export function previewCard(
  fileName: string,
  r: { drafts: PromotionDraft[]; errors: { row: number; message: string }[]; pendingId: number | null },
): Card {
  if (r.errors.length > 0) {
    const lines = r.errors.slice(0, SHOWN).map((e) => `- 第${e.row}行：${mdText(e.message)}`);
    if (r.errors.length > SHOWN) lines.push(`……共 ${r.errors.length} 个问题，完整清单见随后发送的文件`);
    return card({ title: '提拔/职级晋升导入：未导入', subtitle: fileName, template: 'red' }, [
      md(`发现 ${r.errors.length} 个问题，**全部未写入**。请修改后重新发送文件。\n${lines.join('\n')}`),
    ]);
  }
  return card({ title: '提拔/职级晋升导入：预览', subtitle: fileName, template: 'blue' }, [
    md(`共 ${r.drafts.length} 条，检查通过。点击“确认导入”后一次性写入，并更新干部的任职记录。`),
    table(
      [
        { name: 'name', label: '姓名' },
        { name: 'date', label: '日期' },
        { name: 'kind', label: '类别' },
        { name: 'post', label: '新职务' },
      ],
      r.drafts.slice(0, 10).map((d) => ({
        name: d.name,
        date: d.date,
        kind: PROMOTION_KIND_LABELS[d.kind],
        post: d.toPost ?? d.toLevel ?? '',
      })),
      10,
    ),
    button('确认导入', 'use.promotions.confirm', { id: r.pendingId }, 'primary_filled'),
  ]);
}

export function figuresCard(countyName: string, from: string, to: string, f: UseFigures): Card {
  const lists = Object.entries(f.byList)
    .sort()
    .map(([l, n]) => `清单${mdText(l)} ${n} 人`)
    .join('，');
  return card({ title: `用 · ${countyName}`, subtitle: `${from} 至 ${to}`, template: 'blue' }, [
    md(
      [
        `职级晋升 **${f.rankAdvancements}** 人，其中年轻干部 **${f.youngRankAdvancements}** 人，占 ${f.youngRankShare}%`,
        `提拔和进一步使用 **${f.promotions}** 人：乡镇（街道）${f.promotionsTownship} 人，县直部门 ${f.promotionsDepartment} 人`,
        `其中担任乡镇党政正职 **${f.toChiefTownship}** 人；“90后”进入乡镇领导班子 **${f.post90Promotions}** 人`,
        `来自年轻干部资源库 ${f.fromPool} 人${lists ? `（${lists}）` : ''}`,
      ].join('\n'),
    ),
  ]);
}
