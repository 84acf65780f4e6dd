/** Talk record cards (pure): the form, and the read-only summary it turns into. */
import {
  button,
  type Card,
  card,
  columns,
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
import { keyLabel } from './talks.periods.js';
import type { TalkView } from './talks.queries.js';
import { RELATION_LABELS } from './talks.rules.js';
import type { CountedPeriod, Talkable } from './talks.service.js';

export const KIND_LABELS = { regular: '常规谈', flexible: '灵活谈' } as const;
export const TONE_LABELS = { encourage: '鼓励谈', warning: '警醒谈（提醒）' } as const;

/** select_static stays usable (and the card under 30 KB) with at most this many cadres. */
export const MAX_CADRE_OPTIONS = 100;

export interface TalkFormInput {
  talkerName: string;
  cadres: Talkable[];
  preselect?: number;
  today: string;
  nonce: string;
  /** The name filter typed after 谈话, if any. */
  filter?: string;
  /** A linked record (talks.links.ts): the form says so, defaults to a warning talk and submits the ref. */
  link?: { ref: string; note: string };
}

export function talkFormCard(i: TalkFormInput): Card {
  if (i.cadres.length === 0) {
    const why = i.filter ? `没有找到与「${mdText(i.filter)}」匹配的谈话对象。` : '您当前没有需要谈心谈话的干部。';
    return card({ title: '记录谈心谈话', template: 'grey' }, [
      md(`${why}\n谈话对象由组织部门维护的领导职务、联系单位、分管关系和结对帮带关系自动确定。`),
    ]);
  }
  const shown = i.cadres.slice(0, MAX_CADRE_OPTIONS);
  const options = shown.map((c) => ({
    label: `${c.name}（${c.unitName}）${c.open ? ' · 本期待谈' : ''}`,
    value: String(c.id),
  }));
  const elements: Element[] = [md(`**谈话人**：${mdText(i.talkerName)}`)];
  if (i.link) elements.push(md(`<font color="orange">${mdText(i.link.note)}</font>`));
  if (i.cadres.length > shown.length) {
    elements.push(
      md(`<font color="grey">共 ${i.cadres.length} 人，仅列出前 ${shown.length} 人；可发送「谈话 姓名」查找。</font>`),
    );
  }
  const preselect = i.preselect && shown.some((c) => c.id === i.preselect) ? String(i.preselect) : undefined;
  elements.push(
    form('talk_form', [
      select('cadre', '谈话对象', options, preselect, true),
      datePicker('date', '谈话日期', i.today, true),
      select(
        'kind',
        '谈话方式',
        [
          { label: KIND_LABELS.regular, value: 'regular' },
          { label: KIND_LABELS.flexible, value: 'flexible' },
        ],
        'regular',
        true,
      ),
      select(
        'tone',
        '谈话类型',
        [
          { label: TONE_LABELS.encourage, value: 'encourage' },
          { label: TONE_LABELS.warning, value: 'warning' },
        ],
        i.link ? 'warning' : 'encourage',
        true,
      ),
      input('topics', '谈话主题', { required: true, placeholder: '如：思想状况、工作困难（多个用“、”分隔）' }),
      input('problems', '反映的问题（每行一个，可不填）', { multiline: true, maxLength: 1000 }),
      input('notes', '备注（可不填）', { multiline: true, maxLength: 1000 }),
      submitButton('提交谈话记录', 'talks.submit', i.link ? { n: i.nonce, l: i.link.ref } : { n: i.nonce }),
    ]),
  );
  return card({ title: '记录谈心谈话', template: 'blue' }, elements);
}

function problemLines(t: TalkView, canSolve: boolean): Element[] {
  if (t.problems.length === 0) return [md('**反映的问题**：无')];
  const out: Element[] = [md(`**反映的问题**（${t.problems.length} 个）`)];
  for (const p of t.problems) {
    const status =
      p.status === 'solved'
        ? `<font color="green">已解决 ${p.solvedOn ?? ''}</font>`
        : '<font color="orange">待解决</font>';
    const text = md(`${mdText(p.text)}　${status}`);
    out.push(
      p.status === 'open' && canSolve
        ? columns([[text], [button('标记已解决', 'talks.solve', { p: p.id, from: 'summary' }, 'primary')]])
        : text,
    );
  }
  return out;
}

/**
 * 计入 2026年12月（单位分管领导）: the periods the talk satisfies, so the talker sees why last period's miss is
 * still in 待办 (a talk counts only for the period of its date; a late one needs 补录 with its real date).
 */
export function countsForLine(counted: CountedPeriod[]): string {
  if (counted.length === 0)
    return '**计入**：<font color="grey">不计入您的谈心谈话任务（该日期不在您对其负有谈话任务的周期内）</font>';
  const parts = counted.map(
    (c) => `${keyLabel(c.periodKey)}（${RELATION_LABELS[c.relation]}${c.late ? '，补录' : ''}）`,
  );
  return `**计入**：${parts.join('、')}<font color="grey">。谈话只计入谈话日期所在周期，不抵其他周期。</font>`;
}

/** The read-only summary a submitted form turns into. */
export function talkSummaryCard(t: TalkView, canSolve = true, counted?: CountedPeriod[]): Card {
  return card({ title: '谈话记录已保存', template: 'green', tags: [KIND_LABELS[t.kind], TONE_LABELS[t.tone]] }, [
    md(
      [
        `**谈话对象**：${mdText(t.cadreName)}（${mdText(t.cadreUnit)}）`,
        `**谈话人**：${mdText(t.talkerName)}`,
        `**谈话日期**：${t.talkDate}`,
        `**谈话方式**：${KIND_LABELS[t.kind]}　**谈话类型**：${TONE_LABELS[t.tone]}`,
        `**谈话主题**：${mdText(t.topics.join('、'))}`,
        t.notes ? `**备注**：${mdText(t.notes)}` : '',
        counted ? countsForLine(counted) : '',
      ]
        .filter(Boolean)
        .join('\n'),
    ),
    hr(),
    ...problemLines(t, canSolve),
  ]);
}
