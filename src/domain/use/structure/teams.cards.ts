/** 班子结构 cards (Card JSON 2.0): the structure with a chart and a table, the forecast, the what-if, warnings. */
import {
  button,
  type Card,
  card,
  type Element,
  form,
  hr,
  md,
  mdText,
  select,
  submitButton,
  table,
} from '../../../feishu/cards/atoms.js';
import { barChart } from '../../../feishu/cards/charts.js';
import { breakText, type Measures, type RuleBreak, share } from './teams.rules.js';

export interface Labels {
  young: string;
  under30: string;
}

function totalsText(m: Measures, labels: Labels): string {
  return [
    `班子成员 **${m.size}** 人`,
    `${mdText(labels.young)} **${m.young}** 人（${share(m.young, m.size)}%）`,
    `${mdText(labels.under30)} **${m.under30}** 人（${share(m.under30, m.size)}%）`,
    `90后 **${m.post90}** 人`,
    `2年以上乡镇工作经历 **${m.townshipExperience}** 人（${share(m.townshipExperience, m.size)}%）`,
    `女性 **${m.women}** 人`,
    `大学及以上 **${m.degree}** 人，研究生 **${m.postgraduate}** 人`,
  ].join('\n');
}

function breaksElements(breaks: RuleBreak[], labels: Labels, on: string, limit = 10): Element[] {
  if (breaks.length === 0) return [md('✅ 规则全部满足，12 个月内无预警')];
  const lines = breaks.slice(0, limit).map((b) => `- ${mdText(breakText(b, labels, on))}`);
  if (breaks.length > limit) lines.push(`……另有 ${breaks.length - limit} 条，见导出文件`);
  return [md(`**规则预警**\n${lines.join('\n')}`)];
}

export interface StructureCardInput {
  countyName: string;
  on: string;
  until: string;
  teams: { unitId: number; unitName: string; kind: string; measures: Measures }[];
  township: Measures;
  department: Measures;
  breaks: RuleBreak[];
}

export function structureCard(v: StructureCardInput, labels: Labels): Card {
  const towns = v.teams.filter((t) => t.kind === 'township');
  const rows = towns.map((t) => ({
    unit: t.unitName,
    size: t.measures.size,
    young: t.measures.young,
    under30: t.measures.under30,
    post90: t.measures.post90,
    exp: t.measures.townshipExperience,
    women: t.measures.women,
  }));
  const m = v.township;
  return card(
    {
      title: `班子结构 · ${v.countyName}`,
      subtitle: `截至 ${v.on}`,
      template: v.breaks.length > 0 ? 'orange' : 'green',
    },
    [
      md(`**乡镇（街道）领导班子**\n${totalsText(m, labels)}`),
      barChart(
        '乡镇班子年龄结构',
        [
          { label: labels.young, value: m.young },
          { label: labels.under30, value: m.under30 },
          { label: '90后', value: m.post90 },
          { label: '2年以上乡镇经历', value: m.townshipExperience },
          { label: '女性', value: m.women },
        ],
        { horizontal: true },
      ),
      table(
        [
          { name: 'unit', label: '乡镇' },
          { name: 'size', label: '人数', type: 'number' },
          { name: 'young', label: labels.young, type: 'number' },
          { name: 'under30', label: labels.under30, type: 'number' },
          { name: 'post90', label: '90后', type: 'number' },
          { name: 'exp', label: '2年以上', type: 'number' },
          { name: 'women', label: '女性', type: 'number' },
        ],
        rows,
        10,
      ),
      md(`**县直部门领导班子**\n${totalsText(v.department, labels)}`),
      hr(),
      ...breaksElements(v.breaks, labels, v.on),
      {
        tag: 'column_set',
        flex_mode: 'flow',
        columns: [
          { tag: 'column', width: 'auto', elements: [button('12个月预测', 'use.forecast')] },
          { tag: 'column', width: 'auto', elements: [button('调整模拟', 'use.whatif.pick')] },
          { tag: 'column', width: 'auto', elements: [button('导出', 'use.export')] },
        ],
      },
    ],
  );
}

export interface ForecastCardInput {
  countyName: string;
  on: string;
  points: { date: string; measures: Measures; teamsBelowMin: string[] }[];
  breaks: RuleBreak[];
}

export function forecastCard(v: ForecastCardInput, labels: Labels): Card {
  const rows = v.points.map((p) => ({
    date: p.date,
    size: p.measures.size,
    young: p.measures.young,
    share: `${share(p.measures.young, p.measures.size)}%`,
    under30: p.measures.under30,
    below: p.teamsBelowMin.length === 0 ? '—' : p.teamsBelowMin.join('、'),
  }));
  return card(
    { title: `班子结构 12 个月预测 · ${v.countyName}`, subtitle: `自 ${v.on} 起，仅计年龄增长`, template: 'blue' },
    [
      barChart(
        `${labels.young}人数（逐月）`,
        v.points.map((p) => ({ label: p.date.slice(0, 7), value: p.measures.young })),
        { horizontal: true },
      ),
      table(
        [
          { name: 'date', label: '日期' },
          { name: 'size', label: '人数', type: 'number' },
          { name: 'young', label: labels.young, type: 'number' },
          { name: 'share', label: '占比' },
          { name: 'under30', label: labels.under30, type: 'number' },
          { name: 'below', label: '缺少年轻成员的乡镇' },
        ],
        rows,
        10,
      ),
      ...breaksElements(v.breaks, labels, v.on),
    ],
  );
}

export function whatIfPickCard(
  cadres: { id: number; name: string }[],
  teams: { unitId: number; unitName: string }[],
): Card {
  return card({ title: '班子调整模拟', subtitle: '选择资源库干部和拟配备的班子', template: 'blue' }, [
    form('use_whatif', [
      select(
        'person',
        '资源库干部',
        cadres.map((c) => ({ label: c.name, value: String(c.id) })),
        undefined,
        true,
      ),
      select(
        'unit',
        '拟配备的班子',
        teams.map((t) => ({ label: t.unitName, value: String(t.unitId) })),
        undefined,
        true,
      ),
      submitButton('查看调整前后', 'use.whatif'),
    ]),
  ]);
}

export function whatIfCard(
  v: {
    cadre: string;
    unitName: string;
    on: string;
    before: { team: Measures; county: Measures; breaks: RuleBreak[] };
    after: { team: Measures; county: Measures; breaks: RuleBreak[] };
  },
  labels: Labels,
): Card {
  const row = (what: string, b: number, a: number) => ({ what, before: b, after: a });
  const t = (m: Measures, n: Measures) => [
    row('班子人数', m.size, n.size),
    row(labels.young, m.young, n.young),
    row(labels.under30, m.under30, n.under30),
    row('90后', m.post90, n.post90),
    row('2年以上乡镇经历', m.townshipExperience, n.townshipExperience),
  ];
  const cols = [
    { name: 'what', label: '项目' },
    { name: 'before', label: '调整前', type: 'number' as const },
    { name: 'after', label: '调整后', type: 'number' as const },
  ];
  return card({ title: '班子调整模拟', subtitle: `${v.cadre} → ${v.unitName}（${v.on}）`, template: 'wathet' }, [
    md(`**${mdText(v.unitName)} 班子**`),
    table(cols, t(v.before.team, v.after.team), 10),
    md('**全县乡镇班子**'),
    table(
      cols,
      [
        ...t(v.before.county, v.after.county),
        row(
          `${labels.young}占比（‰）`,
          Math.round(share(v.before.county.young, v.before.county.size) * 10),
          Math.round(share(v.after.county.young, v.after.county.size) * 10),
        ),
      ],
      10,
    ),
    md(`**调整前**`),
    ...breaksElements(v.before.breaks, labels, v.on, 5),
    md(`**调整后**`),
    ...breaksElements(v.after.breaks, labels, v.on, 5),
  ]);
}

/** The daily warning to org_admin: names the date and the member (private chat only). */
export function warningCard(v: { countyName: string; on: string; breaks: RuleBreak[] }, labels: Labels): Card {
  return card({ title: `班子结构预警 · ${v.countyName}`, subtitle: `${v.on} 检查`, template: 'orange' }, [
    ...breaksElements(v.breaks, labels, v.on, 20),
    md('发送 `班子 预测` 查看逐月变化，`班子` 查看当前结构。'),
  ]);
}
