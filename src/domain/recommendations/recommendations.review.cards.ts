/** Cards of the review side (org_admin) and the outcome the recommender receives. */
import type { PoolTier } from '../../db/schema/pool.js';
import type { RecList } from '../../db/schema/recommendations.js';
import {
  button,
  type Card,
  card,
  type Element,
  form,
  hr,
  input,
  md,
  mdText,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import { TIER_LABELS, TIER_ORDER } from '../pool/pool.rules.js';
import { personLine } from './recommendations.cards.js';
import type { RecommendationView } from './recommendations.queries.js';
import { LIST_LABELS, LIST_SHORT } from './recommendations.rules.js';

const tierOptions = TIER_ORDER.map((t) => ({ label: TIER_LABELS[t], value: t }));
const STATUS: Record<string, string> = { pending: '待审核', accepted: '已入库', declined: '未入库' };

function body(v: RecommendationView, today: string): Element[] {
  const { rec } = v;
  const lists = v.lists.map(
    (l) => `${LIST_SHORT[l.list]}（${l.list}，${mdText(l.recommenderName)}，${STATUS[l.status]}）`,
  );
  const lines = [
    personLine({ ...v.person, unitName: v.unitName }, today),
    `推荐清单：**${LIST_LABELS[rec.list]}**　推荐人：${mdText(v.recommender?.name ?? '')}（${mdText(v.recommender?.unitName ?? '')}）`,
    `上榜清单：${lists.join('；') || '无'}`,
  ];
  if (v.entry)
    lines.push(`资源库：已在库（${TIER_LABELS[v.entry.tier]}${v.entry.status === 'watch' ? '，观察中' : ''}）`);
  const detail = [
    `**推荐理由**\n${mdText(rec.reason)}`,
    `**主要实绩**\n${mdText(rec.achievements)}`,
    `**综合评价**\n${mdText(rec.evaluation)}`,
  ];
  if (rec.basis) detail.push(`**推荐依据**：${rec.basis}`);
  return [md(lines.join('\n')), hr(), md(detail.join('\n\n'))];
}

/** One recommendation for org_admin: accept with a tier (covers every pending list of the person) or decline. */
export function reviewCard(v: RecommendationView, today: string): Card {
  const { rec } = v;
  const title = `推荐审核：${v.person.name}（${rec.list}清单）`;
  if (rec.status !== 'pending') {
    const outcome =
      rec.status === 'accepted'
        ? `已入库${v.entry ? `（${TIER_LABELS[v.entry.tier]}）` : ''}`
        : `未入库：${mdText(rec.declineReason ?? '')}`;
    return card({ title, template: rec.status === 'accepted' ? 'green' : 'grey' }, [
      ...body(v, today),
      hr(),
      md(`**审核结果**：${outcome}`),
    ]);
  }
  const pendingLists = v.lists.filter((l) => l.status === 'pending').map((l) => l.list);
  const acceptHint = v.entry
    ? '该同志已在资源库中：入库将把本清单并入其资源库记录，层级不变。'
    : `入库后该同志的待审核清单（${pendingLists.join('、')}）将一并入库，形成一条资源库记录。`;
  return card({ title, template: 'orange' }, [
    ...body(v, today),
    hr(),
    md(`<font color="grey">${acceptHint}</font>`),
    form('rec_review', [
      select('tier', '入库层级', tierOptions, v.entry?.tier, false),
      submitButton('同意入库', 'recommendations.accept', { id: rec.id }),
      input('declineReason', '不予入库的理由', { placeholder: '选择“不予入库”时必填', maxLength: 500 }),
      submitButton('不予入库', 'recommendations.decline', { id: rec.id }),
    ]),
  ]);
}

/** Sent to the recommender when their recommendation is decided. */
export function outcomeCard(a: {
  personName: string;
  list: RecList;
  accepted: boolean;
  tier?: PoolTier;
  declineReason?: string | null;
}): Card {
  const text = a.accepted
    ? `您在 **${LIST_LABELS[a.list]}** 中推荐的 **${mdText(a.personName)}** 已纳入年轻干部资源库（${a.tier ? TIER_LABELS[a.tier] : ''}）。感谢您的推荐！`
    : `您在 **${LIST_LABELS[a.list]}** 中推荐的 **${mdText(a.personName)}** 经组织部门审核暂未纳入资源库。\n理由：${mdText(a.declineReason ?? '')}`;
  return card({ title: '推荐审核结果', template: a.accepted ? 'green' : 'grey' }, [md(text)]);
}

export interface PendingItem {
  id: number;
  personName: string;
  unitName: string;
  list: RecList;
  recommenderName: string;
  createdOn: string;
}

/** Pending recommendations, a page at a time, each with a button that opens its review card. */
export function pendingCard(items: PendingItem[], total: number, page: number, pageSize: number): Card {
  const elements: Element[] = [md(`待审核推荐共 **${total}** 条。`)];
  for (const it of items) {
    elements.push(
      md(
        `**${mdText(it.personName)}**（${mdText(it.unitName)}）· ${it.list}清单 · ${mdText(it.recommenderName)} · ${it.createdOn}`,
      ),
      button('审核', 'recommendations.review', { id: it.id }, 'primary'),
    );
  }
  const nav: Element[] = [];
  if (page > 0) nav.push(button('上一页', 'recommendations.pending', { page: page - 1 }));
  if ((page + 1) * pageSize < total) nav.push(button('下一页', 'recommendations.pending', { page: page + 1 }));
  return card({ title: '推荐审核', template: 'orange' }, [...elements, ...(nav.length ? [hr(), ...nav] : [])]);
}

/** The daily batch digest when many recommendations wait. */
export function digestCard(total: number, byList: Record<string, number>, oldest: string | null): Card {
  const lists = (['A', 'B', 'C'] as const).map((l) => `${LIST_SHORT[l]} ${byList[l] ?? 0} 条`).join('，');
  return card({ title: `有 ${total} 条推荐待审核`, template: 'orange' }, [
    md(`${lists}。${oldest ? `最早一条提交于 ${oldest}。` : ''}`),
    button('逐条审核', 'recommendations.pending', { page: 0 }, 'primary'),
  ]);
}
