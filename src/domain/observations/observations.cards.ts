/** 一线识人 cards: search, the observation form, and the section shown on profile and pool cards. */
import { FRONTLINES } from '../../db/schema/observations.js';
import {
  button,
  type Card,
  card,
  datePicker,
  type Element,
  form,
  hr,
  input,
  md,
  mdText,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import { personLine } from '../recommendations/recommendations.cards.js';
import type { CandidateRow } from '../recommendations/recommendations.queries.js';
import type { ObservationRow } from './observations.queries.js';

/** The profile card's button (查询 shows it to observers). */
export const observeButton = (personId: number): Element =>
  button('一线识人', 'observations.form', { personId }, 'default');

export function searchCard(query = ''): Card {
  return card({ title: '一线识人', template: 'indigo' }, [
    md('记录干部在基层治理、乡村振兴、信访维稳、重大项目等一线的具体表现、多方评价、工作成效和发现的通病瑕疵。'),
    form('obs_search', [
      input('q', '干部', { placeholder: '输入姓名或拼音首字母', initial: query }),
      submitButton('查找', 'observations.search'),
    ]),
  ]);
}

export function candidatesCard(rows: Omit<CandidateRow, 'unitId'>[], today: string, more: boolean): Card {
  const elements: Element[] = [];
  if (rows.length === 0) elements.push(md('在您的范围内没有找到匹配的年轻干部。'));
  for (const r of rows) {
    elements.push(
      md(personLine(r, today)),
      button(`记录 ${r.name}`, 'observations.form', { personId: r.id }, 'primary'),
    );
  }
  if (more) elements.push(md('<font color="grey">仅显示前 10 位，请输入更完整的姓名。</font>'));
  elements.push(hr(), button('重新查找', 'observations.start', {}));
  return card({ title: '一线识人：选择干部', template: 'indigo' }, elements);
}

export function formCard(person: { id: number; name: string }, today: string): Card {
  const lines = FRONTLINES.map((f) => ({ label: f, value: f }));
  return card({ title: `一线识人：${person.name}`, template: 'indigo' }, [
    form('obs_form', [
      select('frontline', '一线领域', lines, undefined, true),
      input('project', '项目或工作', { required: true, maxLength: 100, placeholder: '如：某村人居环境整治' }),
      input('performance', '具体表现', { required: true, multiline: true, maxLength: 1000 }),
      input('evaluations', '多方评价（群众、同事、上级等）', { required: true, multiline: true, maxLength: 1000 }),
      input('results', '工作成效', { required: true, multiline: true, maxLength: 1000 }),
      input('flaws', '发现的通病和瑕疵（选填）', { multiline: true, maxLength: 1000 }),
      datePicker('observedOn', '观察日期', today, true),
      submitButton('保存', 'observations.submit', { personId: person.id }),
    ]),
  ]);
}

export function savedCard(name: string, frontline: string, project: string): Card {
  return card({ title: '一线识人记录已保存', template: 'turquoise' }, [
    md(`已记录 **${mdText(name)}** 在「${mdText(frontline)}」一线（${mdText(project)}）的表现，可在其干部信息中查看。`),
    button('继续记录', 'observations.start', {}),
  ]);
}

/** The section other cards embed (profile, pool entry). */
export function observationElements(rows: ObservationRow[]): Element[] {
  if (rows.length === 0) return [md('**一线识人**：暂无记录')];
  const items = rows.map(({ o, observerName }) => {
    const flaws = o.flaws ? `\n　通病瑕疵：${mdText(o.flaws)}` : '';
    return `- ${o.observedOn} **${mdText(o.frontline)}** · ${mdText(o.project)}（${mdText(observerName)}）\n　表现：${mdText(o.performance)}\n　评价：${mdText(o.evaluations)}\n　成效：${mdText(o.results)}${flaws}`;
  });
  return [md(`**一线识人**\n${items.join('\n')}`)];
}
