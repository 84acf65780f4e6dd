/** 结对帮带 cards (pure). */
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
import type { ImportResult } from './mentoring.import.js';
import type { PairView } from './mentoring.queries.js';
import { type EligibilityReason, reasonsText } from './mentoring.rules.js';

export interface Candidate {
  id: number;
  name: string;
  unitName: string;
  reasons: EligibilityReason[];
}

export interface Overview {
  eligible: number;
  unpaired: number;
  pairs: number;
  flagged: PairView[];
  candidates: Candidate[];
  filter?: string;
}

const IMPORT_HINT =
  '也可以直接发送 Excel 文件批量导入，表头：导师、帮带对象、开始日期、帮带计划（重名时加「导师身份证号」「帮带对象身份证号」列）。';

export function overviewCard(o: Overview, ageLabel: string): Card {
  const elements: Element[] = [
    md(
      `**帮带范围**：${o.eligible} 人（${ageLabel}的高学历干部、选调生、省市派挂职干部）\n` +
        `**已结对**：${o.pairs} 对　**未结对**：${o.unpaired} 人　**待重新指定导师**：${o.flagged.length} 对`,
    ),
  ];
  if (o.flagged.length > 0) {
    elements.push(hr(), md('**导师已离开岗位，需重新指定**'));
    for (const p of o.flagged.slice(0, 10)) {
      elements.push(
        columns([
          [md(`${mdText(p.menteeName)}（${mdText(p.menteeUnit)}）　原导师：${mdText(p.mentorName)}`)],
          [button('重新指定', 'mentoring.pick', { m: p.menteeId }, 'primary')],
        ]),
      );
    }
  }
  elements.push(hr());
  if (o.candidates.length === 0) {
    elements.push(md(o.filter ? `没有找到与「${mdText(o.filter)}」匹配的未结对干部。` : '帮带范围内的干部均已结对。'));
  } else {
    const options = o.candidates.map((c) => ({
      label: `${c.name}（${c.unitName}）· ${reasonsText(c.reasons)}`,
      value: String(c.id),
    }));
    elements.push(
      form('mentee_form', [
        select('mentee', '选择未结对的帮带对象', options, undefined, true),
        submitButton('下一步：选择导师', 'mentoring.pick'),
      ]),
    );
    if (o.unpaired > o.candidates.length)
      elements.push(md(`<font color="grey">仅列出 ${o.candidates.length} 人，可发送「结对 姓名」查找。</font>`));
  }
  elements.push(md(`<font color="grey">${IMPORT_HINT}</font>`));
  return card({ title: '结对帮带', template: o.flagged.length ? 'orange' : 'turquoise' }, elements);
}

export interface PickInput {
  mentee: Candidate;
  currentMentor?: string;
  mentors: { id: number; name: string; position: string; countyLeader: boolean }[];
  today: string;
}

export function pickMentorCard(i: PickInput): Card {
  const head = md(
    `**帮带对象**：${mdText(i.mentee.name)}（${mdText(i.mentee.unitName)}）· ${reasonsText(i.mentee.reasons)}` +
      (i.currentMentor ? `\n**现导师**：${mdText(i.currentMentor)}（重新指定后原结对自开始日期起解除）` : ''),
  );
  if (i.mentors.length === 0)
    return card({ title: '指定导师', template: 'grey' }, [head, md('没有可担任导师的县级领导或单位班子成员。')]);
  const options = i.mentors.map((m) => ({
    label: `${m.name}${m.position ? `（${m.position}）` : ''}${m.countyLeader ? ' · 县级领导' : ''}`,
    value: String(m.id),
  }));
  return card({ title: '指定导师', template: 'turquoise' }, [
    head,
    form('pair_form', [
      select('mentor', '选择导师（县级领导或所在单位班子成员）', options, undefined, true),
      datePicker('start', '开始日期', i.today, true),
      input('plan', '帮带计划（可不填）', { multiline: true, maxLength: 1000 }),
      submitButton('确认结对', 'mentoring.pair', { m: i.mentee.id }),
    ]),
  ]);
}

export function pairedCard(p: PairView): Card {
  return card({ title: '结对成功', template: 'green' }, [
    md(
      `**导师**：${mdText(p.mentorName)}\n**帮带对象**：${mdText(p.menteeName)}（${mdText(p.menteeUnit)}）\n**开始日期**：${p.startDate}` +
        (p.plan ? `\n**帮带计划**：${mdText(p.plan)}` : '') +
        '\n导师每半年至少与帮带对象谈心谈话一次，已列入导师的「待办」。',
    ),
    button('解除结对', 'mentoring.end', { p: p.id }, 'danger'),
  ]);
}

export function importReportCard(fileName: string, r: ImportResult): Card {
  if (r.errors.length === 0) {
    return card({ title: '结对帮带导入成功', template: 'green' }, [
      md(`「${mdText(fileName)}」共 ${r.total} 行，已全部导入（${r.written} 对）。`),
    ]);
  }
  const lines = r.errors.slice(0, 30).map((e) => `- 第 ${e.line} 行：${mdText(e.message)}`);
  if (r.errors.length > 30) lines.push(`- ……另有 ${r.errors.length - 30} 处错误（完整清单已作为 Excel 文件发送给您）`);
  return card({ title: '结对帮带导入未完成', template: 'red' }, [
    md(
      `「${mdText(fileName)}」共 ${r.total} 行，发现 ${r.errors.length} 处错误，**本次未导入任何数据**。请修改后重新发送：`,
    ),
    md(lines.join('\n')),
  ]);
}

export function myPairsCard(asMentor: PairView[], asMentee: PairView[]): Card {
  const lines: string[] = [];
  if (asMentor.length)
    lines.push(
      `**我的帮带对象**（每半年至少谈心谈话一次）：\n${asMentor.map((p) => `- ${mdText(p.menteeName)}（${mdText(p.menteeUnit)}），${p.startDate} 起`).join('\n')}`,
    );
  if (asMentee.length) lines.push(`**我的导师**：${mdText(asMentee.map((p) => p.mentorName).join('、'))}`);
  if (!lines.length) lines.push('您目前没有结对帮带关系。结对由组织部门指定。');
  return card({ title: '结对帮带', template: 'turquoise' }, [md(lines.join('\n\n'))]);
}
