/** 统计, the digest and the escalation list as charts: buckets a phone can read, counts only, valid cards. */
import { describe, expect, it } from 'vitest';
import { overviewCard } from '../../../src/domain/pool/pool.cards.js';
import { digestCard } from '../../../src/domain/reports/reports.cards.js';
import { digestSectionOf } from '../../../src/domain/talks/talks.digest.js';
import { escalationCard } from '../../../src/domain/talks/talks.reminder.cards.js';
import { talkStatsCard } from '../../../src/domain/talks/talks.stats.cards.js';
import { monthsBetween, relationPoints, talkTrend } from '../../../src/domain/talks/talks.stats.rules.js';
import type { TalkStatsView } from '../../../src/domain/talks/talks.stats.service.js';
import { validateCard } from '../../../src/emulator/card.validate.js';

const months = (from: string, to: string) => monthsBetween(from, to).map((month, i) => ({ month, talks: i + 1 }));
const charts = (c: any): any[] => findAll(c, (e) => e?.tag === 'chart');
function findAll(node: any, pred: (e: any) => boolean): any[] {
  if (!node || typeof node !== 'object') return [];
  const here = pred(node) ? [node] : [];
  return [...here, ...Object.values(node).flatMap((v) => findAll(v, pred))];
}

describe('talkTrend: month labels that never crowd the axis', () => {
  it.each([
    ['one year by month', months('2026-01', '2026-12'), '每月谈心谈话人次（2026年）', ['1月', '2月'], 12],
    ['across new year by month', months('2025-12', '2026-03'), '每月谈心谈话人次', ['25-12', '26-01'], 4],
    ['two years by quarter', months('2025-01', '2026-12'), '每季度谈心谈话人次', ['25Q1', '25Q2'], 8],
    ['five years by year', months('2022-01', '2026-12'), '每年谈心谈话人次', ['2022年', '2023年'], 5],
  ])('%s', (_name, input, title, firstLabels, count) => {
    const t = talkTrend(input);
    expect(t.title).toBe(title);
    expect(t.points.slice(0, 2).map((p) => p.label)).toEqual(firstLabels);
    expect(t.points).toHaveLength(count);
    expect(t.points.reduce((n, p) => n + p.value, 0)).toBe(input.reduce((n, m) => n + m.talks, 0));
  });

  it('fills the months without talks with zero', () => {
    const t = talkTrend([
      { month: '2026-01', talks: 3 },
      { month: '2026-04', talks: 2 },
    ]);
    expect(t.points.map((p) => [p.label, p.value])).toEqual([
      ['1月', 3],
      ['2月', 0],
      ['3月', 0],
      ['4月', 2],
    ]);
    expect(talkTrend([]).points).toEqual([]);
  });
});

describe('relationPoints', () => {
  it('gives 已谈/待谈/逾期 per relation that had obligations, short Chinese names', () => {
    const p = relationPoints([
      { relation: 'unit_main', due: 10, done: 6, open: 3, overdue: 1, excused: 0 },
      { relation: 'mentor', due: 0, done: 0, open: 0, overdue: 0, excused: 0 },
    ]);
    expect(p).toEqual([
      { label: '主要领导', value: 6, series: '已谈' },
      { label: '主要领导', value: 3, series: '待谈' },
      { label: '主要领导', value: 1, series: '逾期' },
    ]);
  });
});

const view = (over: Partial<TalkStatsView> = {}): TalkStatsView => ({
  range: { from: '2022-01-01', to: '2026-12-03' },
  scopeLabel: '本县',
  counts: { talks: 14893, cadres: 900, warningTalks: 664, problemsRaised: 500, problemsSolved: 461, problemsOpen: 39 },
  relations: (['county_leader', 'unit_main', 'unit_deputy', 'mentor'] as const).map((relation, i) => ({
    relation,
    due: 100 + i,
    done: 70,
    open: 20,
    overdue: 10 + i,
    excused: 0,
  })),
  periods: Array.from({ length: 24 }, (_, i) => ({
    title: `单位主要领导 · 第${i}期`,
    due: 10,
    done: 7,
    open: 2,
    overdue: 1,
    excused: 0,
  })),
  units: [
    { unitName: '青山镇', due: 10, done: 5, open: 3, overdue: 2, excused: 0 },
    { unitName: '溪口镇', due: 10, done: 5, open: 3, overdue: 2, excused: 0 },
  ],
  months: months('2022-01', '2026-12'),
  mentoring: null,
  ...over,
});

describe('统计 card', () => {
  it('shows completion per relation as one grouped chart and a table, the periods folded away', () => {
    const c = talkStatsCard(view());
    expect(validateCard(c)).toBeNull();
    const [completion, trend] = charts(c);
    expect(completion.chart_spec.xField).toEqual(['x', 's']);
    expect(completion.chart_spec.seriesField).toBe('s');
    expect(new Set(completion.chart_spec.data.values.map((v: any) => v.s))).toEqual(new Set(['已谈', '待谈', '逾期']));
    expect(completion.chart_spec.data.values).toHaveLength(12);
    expect(['4:3', '1:1']).toContain(completion.aspect_ratio);
    const body: any[] = c.body.elements;
    const tableRows = body.find((e: any) => e.tag === 'table' && e.columns[0].display_name === '谈话任务').rows;
    expect(tableRows[1]).toMatchObject({ what: '主要领导', due: 101, done: 70, overdue: 11, rate: '69%' });
    // The 24 period lines live in a collapsed panel, not in the card's flow.
    const panel = body.find((e: any) => e.tag === 'collapsible_panel');
    expect(panel.expanded).toBe(false);
    expect(JSON.stringify(panel)).toContain('单位主要领导 · 第23期：10 / 7 / 2 / 1（70%）');
    const flow = body
      .filter((e: any) => e.tag === 'markdown')
      .map((e: any) => e.content)
      .join('\n');
    expect(flow).not.toContain('第0期');
    // Five years of talks: by year, readable labels.
    expect(trend.chart_spec.title.text).toBe('每年谈心谈话人次');
    expect(trend.chart_spec.data.values.map((v: any) => v.x)).toEqual([
      '2022年',
      '2023年',
      '2024年',
      '2025年',
      '2026年',
    ]);
  });

  it('leaves the completion block out when nothing was due', () => {
    const c = talkStatsCard(view({ relations: [], periods: [], months: [] }));
    expect(validateCard(c)).toBeNull();
    expect(charts(c)).toHaveLength(0);
    expect(JSON.stringify(c)).not.toContain('谈话任务完成情况');
    expect(JSON.stringify(c)).not.toContain('各周期明细');
  });
});

describe('资源库 and 督办 charts', () => {
  it('资源库 shows the tiers as a chart', () => {
    const c = overviewCard(
      { total: 787, near_term: 120, mid_term: 300, long_term: 367, watch: 4 },
      [],
      { people: 787, byList: { A: 500, B: 200, C: 150 } },
      { canExport: true },
    );
    expect(validateCard(c)).toBeNull();
    const [tiers] = charts(c);
    expect(tiers.chart_spec.data.values.map((v: any) => [v.x, v.y])).toEqual([
      ['近期使用', 120],
      ['中期培养', 300],
      ['长期跟踪', 367],
    ]);
  });

  it('the escalation list charts overdue counts per unit (no names in the chart)', () => {
    const lines = [
      { unitName: '青山镇', leaderName: '周志远', what: '单位主要领导 · 2026年11月', count: 3 },
      { unitName: '青山镇', leaderName: '吴海涛', what: '单位分管领导 · 2026年11月', count: 4 },
      { unitName: '溪口镇', leaderName: '某某', what: '单位主要领导 · 2026年11月', count: 2 },
    ];
    const c = escalationCard(lines, 5);
    expect(validateCard(c)).toBeNull();
    const [chart] = charts(c);
    expect(chart.chart_spec.direction).toBe('horizontal');
    expect(chart.chart_spec.data.values.map((v: any) => [v.x, v.y])).toEqual([
      ['青山镇', 7],
      ['溪口镇', 2],
    ]);
    expect(JSON.stringify(chart)).not.toContain('周志远');
  });
});

describe('the leaders’ weekly digest block', () => {
  it('charts overdue and open per unit (two series, at most six units), counts only', () => {
    const lines = Array.from({ length: 9 }, (_, i) => ({ unitName: `第${i}镇`, overdue: i, open: 10 - i, done: 3 }));
    const s = digestSectionOf(lines)!;
    expect(s.lines).toEqual([
      '上一周期逾期未谈 36 人次（8 个单位）',
      '本期已谈 27 人次，待谈 54 人次',
      '图中为逾期最多的 6 个单位，另有 2 个单位有逾期未谈',
    ]);
    expect(s.chart!.data.slice(0, 2)).toEqual([
      { label: '第8镇', value: 8, series: '逾期未谈' },
      { label: '第8镇', value: 2, series: '本期待谈' },
    ]);
    expect(s.chart!.data).toHaveLength(12);
    const card = digestCard('干部工作周报', '2026-12-07', [s]);
    expect(validateCard(card)).toBeNull();
    expect(charts(card)[0].chart_spec.legends.visible).toBe(true);
  });

  it('says so when nothing is overdue, without a chart', () => {
    const s = digestSectionOf([{ unitName: '青山镇', overdue: 0, open: 4, done: 2 }])!;
    expect(s.lines).toContain('上一周期没有逾期未谈的情况');
    expect(s.chart).toBeUndefined();
    expect(digestSectionOf([])).toBeNull();
  });
});
