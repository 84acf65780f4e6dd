/** 提拔/职级晋升 cards: the import preview with 确认导入, the result, and the `用` figures. */
import {
  button,
  type Card,
  card,
  datePicker,
  form,
  input,
  md,
  mdText,
  select,
  submitButton,
  table,
} from '../../../feishu/cards/atoms.js';
import { PROMOTION_KIND_LABELS, PROMOTION_KINDS } from '../use.vocab.js';
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

export interface CadreChoice {
  id: number;
  name: string;
  unitName: string;
  position: string | null;
  level: string | null;
}

const ROLE_CHOICES = ['正职', '副职', '成员'];

/** `提拔登记 <姓名/拼音>`: the matching cadres (current post and level shown) and the record's fields. */
export function recordFormCard(i: { cadres: CadreChoice[]; nonce: string; filter: string; today: string }): Card {
  if (i.cadres.length === 0)
    return card({ title: '登记提拔/职级晋升', template: 'grey' }, [
      md(
        i.filter
          ? `本县没有找到与「${mdText(i.filter)}」匹配的在职干部。请发送「提拔登记 姓名」（或拼音、拼音首字母）查找。`
          : '请发送「提拔登记 姓名」（或拼音、拼音首字母），在本县干部中查找要登记的干部。',
      ),
    ]);
  const from = (c: CadreChoice) => [c.unitName, c.position, c.level].filter(Boolean).join(' · ');
  return card({ title: '登记提拔/职级晋升', subtitle: `查找：${i.filter}`, template: 'blue' }, [
    md(
      [
        '原职务、原职级按干部现任记录登记；填写班子职务时，原班子职务于生效日期结束、新职务自该日起。',
        ...i.cadres.slice(0, 5).map((c) => `- **${mdText(c.name)}**：${mdText(from(c)) || '—'}`),
        i.cadres.length > 5 ? `……共 ${i.cadres.length} 人，请在下拉框中选择` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    form('use_promotion_form', [
      select(
        'person',
        '干部',
        i.cadres.map((c) => ({ label: `${c.name}（${from(c) || '—'}）`, value: String(c.id) })),
        i.cadres.length === 1 ? String(i.cadres[0].id) : undefined,
        true,
      ),
      select(
        'kind',
        '类别',
        PROMOTION_KINDS.map((k) => ({ label: PROMOTION_KIND_LABELS[k], value: PROMOTION_KIND_LABELS[k] })),
        undefined,
        true,
      ),
      datePicker('date', '生效日期', i.today, true),
      input('toUnit', '新单位（不变可不填）', { maxLength: 100 }),
      input('toPost', '新职务', { maxLength: 100 }),
      input('toLevel', '新职级（职级晋升必填，如 四级主任科员）', { maxLength: 50 }),
      select(
        'toRole',
        '班子职务（不进班子可不选）',
        ROLE_CHOICES.map((r) => ({ label: r, value: r })),
      ),
      input('docNo', '文号', { required: true, maxLength: 100, placeholder: '如 县委〔2026〕12号' }),
      submitButton('登记', 'use.promotion.record', { n: i.nonce }),
    ]),
  ]);
}

export function recordedCard(d: {
  name: string;
  kind: string;
  date: string;
  toPost: string | null;
  toLevel: string | null;
  docNo: string | null;
}): Card {
  const to = [d.toPost, d.toLevel].filter(Boolean).join(' · ');
  return card({ title: '提拔/职级晋升已登记', template: 'green' }, [
    md(
      `**${mdText(d.name)}** ${mdText(d.kind)}${to ? `：${mdText(to)}` : ''}，${d.date} 起（${mdText(d.docNo ?? '无文号')}）。任职记录已更新，发送“用”查看统计。`,
    ),
  ]);
}
