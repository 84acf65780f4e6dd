/** 六零创建 cards: the import preview (确认导入 / 确认替换), the ranking with flags, and the proposal card. */
import { button, type Card, card, type Element, md, mdText, table } from '../../../feishu/cards/atoms.js';
import { RANKING_BOTTOM, RANKING_TOP, type RankingDraft } from './rankings.rules.js';
import type { RankedTownship, RankingView } from './rankings.service.js';

const SHOWN = 30;

export function rankingPreviewCard(
  fileName: string,
  r: {
    drafts: RankingDraft[];
    errors: { row: number; message: string }[];
    replaces: number[];
    pendingId: number | null;
  },
): Card {
  if (r.errors.length > 0) {
    const lines = r.errors.slice(0, SHOWN).map((e) => `- 第${e.row}行：${mdText(e.message)}`);
    if (r.errors.length > SHOWN) lines.push(`……共 ${r.errors.length} 个问题，完整清单见随后发送的文件`);
    return card({ title: '六零创建排名导入：未导入', subtitle: fileName, template: 'red' }, [
      md(`发现 ${r.errors.length} 个问题，**全部未写入**。请修改后重新发送文件。\n${lines.join('\n')}`),
    ]);
  }
  const years = [...new Set(r.drafts.map((d) => d.year))].sort();
  const replacing = r.replaces.length > 0;
  return card({ title: '六零创建排名导入：预览', subtitle: fileName, template: replacing ? 'orange' : 'blue' }, [
    md(
      [
        `共 ${r.drafts.length} 条（${years.join('、')}年），检查通过。`,
        replacing
          ? `**${r.replaces.join('、')}年已有排名**：点击“确认替换”将删除原有排名并写入本文件。`
          : '点击“确认导入”后一次性写入。',
      ].join('\n'),
    ),
    table(
      [
        { name: 'year', label: '年份' },
        { name: 'township', label: '乡镇' },
        { name: 'score', label: '得分' },
        { name: 'rank', label: '名次' },
      ],
      r.drafts.slice(0, 10).map((d) => ({ year: d.year, township: d.township, score: d.score, rank: d.rank })),
      10,
    ),
    replacing
      ? button('确认替换', 'use.rankings.confirm', { id: r.pendingId, replace: true }, 'danger_filled')
      : button('确认导入', 'use.rankings.confirm', { id: r.pendingId, replace: false }, 'primary_filled'),
  ]);
}

const FLAG_LABEL = { top: `前${RANKING_TOP}名`, bottom: `后${RANKING_BOTTOM}名` } as const;

export function rankingCard(countyName: string, v: RankingView): Card {
  if (v.year === null)
    return card({ title: `六零创建 · ${countyName}`, template: 'grey' }, [
      md('暂无六零创建排名。发送含“年份、乡镇、得分、名次”列的 xlsx 文件即可导入。'),
    ]);
  return card(
    { title: `六零创建 · ${countyName}`, subtitle: `${v.year}年 乡镇排名（共${v.count}个）`, template: 'blue' },
    [
      table(
        [
          { name: 'rank', label: '名次' },
          { name: 'township', label: '乡镇' },
          { name: 'score', label: '得分' },
          { name: 'flag', label: '标记' },
        ],
        v.rows.map((r) => ({
          rank: r.rank,
          township: r.township,
          score: r.score ?? '',
          flag: r.flag ? FLAG_LABEL[r.flag] : '',
        })),
        20,
      ),
    ],
  );
}

const cite = (year: number, count: number, r: RankedTownship) =>
  `${mdText(r.township)}（${year}年六零创建第${r.rank}名/共${count}个${r.score ? `，${mdText(r.score)}分` : ''}）`;

const memberList = (r: RankedTownship) =>
  r.members.length === 0
    ? '暂无在任班子成员'
    : r.members.map((m) => `${mdText(m.name)}${m.title ? `（${mdText(m.title)}）` : ''}`).join('、');

/** The proposals: top five's team members for 提拔重用, bottom three's for 调整交流, each citing the ranking. */
export function rankingProposalCard(countyName: string, v: RankingView): Card {
  if (v.year === null) return rankingCard(countyName, v);
  const year = v.year;
  const block = (flag: 'top' | 'bottom'): Element[] =>
    v.rows.filter((r) => r.flag === flag).map((r) => md(`- ${cite(year, v.count, r)}：${memberList(r)}`));
  return card({ title: `六零创建 · 干部使用建议`, subtitle: `${countyName} ${year}年`, template: 'orange' }, [
    md(`**建议提拔重用**：排名前${RANKING_TOP}名乡镇的班子成员`),
    ...block('top'),
    md(`**建议调整交流**：排名后${RANKING_BOTTOM}名乡镇的班子成员`),
    ...block('bottom'),
    md('以上为依据排名生成的建议，须经组织程序研究决定。'),
  ]);
}
