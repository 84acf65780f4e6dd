/** Pool views: overview with counts per tier and unit, member lists, one entry with its history. */
import type { PoolTier } from '../../db/schema/pool.js';
import { button, type Card, card, type Element, hr, md, mdText, table } from '../../feishu/cards/atoms.js';
import { barChart } from '../../feishu/cards/charts.js';
import { ageOn } from '../org/org.rules.js';
import { LIST_SHORT } from '../recommendations/recommendations.rules.js';
import type { MemberFilter, TierCounts, UnitCounts } from './pool.queries.js';
import { TIER_LABELS, TIER_ORDER } from './pool.rules.js';

export function overviewCard(
  totals: TierCounts,
  byUnit: UnitCounts[],
  listed: { people: number; byList: Record<'A' | 'B' | 'C', number> },
  opts: { canExport: boolean },
): Card {
  const tiers = TIER_ORDER.map((t) => `${TIER_LABELS[t]} **${totals[t]}**`).join('　');
  const lists = (['A', 'B', 'C'] as const).map((l) => `${LIST_SHORT[l]} ${listed.byList[l]}`).join('，');
  const elements: Element[] = [
    md(
      `在库 **${totals.total}** 人（其中观察 ${totals.watch} 人）\n${tiers}\n三张清单上榜 **${listed.people}** 人（${lists}；一人多榜只计一次）`,
    ),
    ...(totals.total > 0
      ? [
          barChart(
            '各层级人数',
            TIER_ORDER.map((t) => ({ label: TIER_LABELS[t], value: totals[t] })),
            { aspect: '2:1' },
          ),
        ]
      : []),
    ...TIER_ORDER.map((t) => button(`${TIER_LABELS[t]}名单`, 'pool.members', { tier: t, page: 0 })),
    button('观察名单', 'pool.members', { status: 'watch', page: 0 }),
  ];
  if (byUnit.length > 0) {
    elements.push(
      table(
        [
          { name: 'unit', label: '单位' },
          { name: 'near', label: '近期使用', type: 'number' },
          { name: 'mid', label: '中期培养', type: 'number' },
          { name: 'long', label: '长期跟踪', type: 'number' },
          { name: 'total', label: '合计', type: 'number' },
        ],
        byUnit.map((u) => ({
          unit: u.unitName,
          near: u.near_term,
          mid: u.mid_term,
          long: u.long_term,
          total: u.total,
        })),
      ),
    );
  }
  if (opts.canExport)
    elements.push(md('<font color="grey">发送“导出 资源库”可获取 Excel 名册；“调整建议”处理动态调整。</font>'));
  return card({ title: '年轻干部资源库', template: 'green' }, elements);
}

export interface MemberRow {
  entryId: number;
  name: string;
  gender: string;
  birthDate: string;
  unitName: string;
  position: string | null;
  tier: PoolTier;
  status: string;
}

function filterLabel(f: MemberFilter): string {
  if (f.status === 'watch') return '观察名单';
  return f.tier ? `${TIER_LABELS[f.tier]}名单` : '资源库名单';
}

export function membersCard(
  rows: MemberRow[],
  lists: Map<number, string[]>,
  f: MemberFilter,
  page: number,
  total: number,
  pageSize: number,
  today: string,
  held: Set<number> = new Set(),
  marks: Map<number, string[]> = new Map(),
): Card {
  const elements: Element[] = [md(`共 **${total}** 人`)];
  for (const r of rows) {
    const tags = (lists.get(r.entryId) ?? []).join('');
    const watch = `${r.status === 'watch' ? ' · 观察' : ''}${held.has(r.entryId) ? ' · <font color="red">暂缓</font>' : ''}`;
    const notes = (marks.get(r.entryId) ?? []).map((m) => `\n<font color="orange">${mdText(m)}</font>`).join('');
    elements.push(
      md(
        `**${mdText(r.name)}** ${r.gender} ${ageOn(r.birthDate, today)}岁 · ${mdText(r.unitName)}${r.position ? ` ${mdText(r.position)}` : ''}\n<font color="grey">${TIER_LABELS[r.tier]}${watch}${tags ? ` · ${tags}清单` : ''}</font>${notes}`,
      ),
      button('详情', 'pool.entry', { id: r.entryId }),
    );
  }
  const nav: Element[] = [];
  const payload = { ...f };
  if (page > 0) nav.push(button('上一页', 'pool.members', { ...payload, page: page - 1 }));
  if ((page + 1) * pageSize < total) nav.push(button('下一页', 'pool.members', { ...payload, page: page + 1 }));
  nav.push(button('返回总览', 'pool.overview', {}));
  return card({ title: filterLabel(f), template: 'green' }, [...elements, hr(), ...nav]);
}
