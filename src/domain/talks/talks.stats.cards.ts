/** 统计 card (pure). */
import { type Card, card, collapsible, type Element, hr, md, mdText, table } from '../../feishu/cards/atoms.js';
import { barChart } from '../../feishu/cards/charts.js';
import { RELATION_SHORT, rate, relationPoints, talkTrend } from './talks.stats.rules.js';
import type { TalkStatsView } from './talks.stats.service.js';

/** Completion per relation: one grouped bar chart, its numbers in a small table, each period folded away. */
function completion(v: TalkStatsView): Element[] {
  const points = relationPoints(v.relations);
  if (points.length === 0) return [];
  return [
    hr(),
    barChart('谈话任务完成情况（人次）', points),
    table(
      [
        { name: 'what', label: '谈话任务' },
        { name: 'due', label: '应谈', type: 'number' },
        { name: 'done', label: '已谈', type: 'number' },
        { name: 'open', label: '待谈', type: 'number' },
        { name: 'overdue', label: '逾期', type: 'number' },
        { name: 'rate', label: '完成率' },
      ],
      v.relations
        .filter((r) => r.due > 0)
        .map((r) => ({
          what: RELATION_SHORT[r.relation],
          due: r.due,
          done: r.done,
          open: r.open,
          overdue: r.overdue,
          rate: rate(r.done, r.due),
        })),
    ),
    collapsible(`各周期明细（${v.periods.length} 项：应谈 / 已谈 / 待谈 / 逾期）`, [
      md(
        v.periods
          .map((p) => `- ${mdText(p.title)}：${p.due} / ${p.done} / ${p.open} / ${p.overdue}（${rate(p.done, p.due)}）`)
          .join('\n'),
      ),
    ]),
  ];
}

export function talkStatsCard(v: TalkStatsView): Card {
  const c = v.counts;
  const elements: Element[] = [
    md(
      `**谈心谈话**：${c.talks} 人次（${c.cadres} 名干部）\n` +
        `**提醒（警醒谈）**：${c.warningTalks} 人次\n` +
        `**反映问题**：${c.problemsRaised} 个，期间解决 ${c.problemsSolved} 个，目前待解决 ${c.problemsOpen} 个`,
    ),
  ];
  elements.push(...completion(v));
  if (v.units.length > 1) {
    elements.push(
      table(
        [
          { name: 'unit', label: '单位' },
          { name: 'due', label: '应谈', type: 'number' },
          { name: 'done', label: '已谈', type: 'number' },
          { name: 'open', label: '待谈', type: 'number' },
          { name: 'overdue', label: '逾期', type: 'number' },
          { name: 'rate', label: '完成率' },
        ],
        v.units.slice(0, 50).map((u) => ({
          unit: u.unitName,
          due: u.due,
          done: u.done,
          open: u.open,
          overdue: u.overdue,
          rate: rate(u.done, u.due),
        })),
      ),
    );
  }
  const trend = talkTrend(v.months);
  if (trend.points.length > 1) elements.push(barChart(trend.title, trend.points));
  if (v.mentoring) {
    const m = v.mentoring;
    elements.push(
      hr(),
      md(
        `**结对帮带**：帮带范围 ${m.eligible} 人，已结对 ${m.pairs} 对（帮带对象 ${m.mentees} 人，导师 ${m.mentors} 人），待重新指定导师 ${m.flagged} 对`,
      ),
    );
  }
  return card(
    { title: '谈心谈话统计', subtitle: `${v.range.from} 至 ${v.range.to} · ${v.scopeLabel}`, template: 'indigo' },
    elements,
  );
}
