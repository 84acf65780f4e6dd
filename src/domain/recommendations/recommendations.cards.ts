/** Cards of the submitter's side: start, candidate list, the recommendation form, confirmation. */

import { EDUCATIONS } from '../../db/schema/org.js';
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
  type Option,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import { ageOn } from '../org/org.rules.js';
import type { CandidateRow } from './recommendations.queries.js';
import { BASIS_OPTIONS, LIST_LABELS } from './recommendations.rules.js';

export interface ExistingRec {
  personId: number;
  list: RecList;
  status: string;
}

const listOptions = (lists: RecList[]): Option[] => lists.map((l) => ({ label: LIST_LABELS[l], value: l }));

export function personLine(p: Omit<CandidateRow, 'id' | 'unitId'>, today: string): string {
  const pos = p.position ? ` ${mdText(p.position)}` : '';
  return `**${mdText(p.name)}**　${p.gender} · ${ageOn(p.birthDate, today)}岁 · ${mdText(p.education)} · ${mdText(p.unitName)}${pos}`;
}

/** 推荐: which lists the user holds, and a search for the candidate. */
export function startCard(lists: RecList[], ageLabel: string, query = ''): Card {
  const held = lists.map((l) => LIST_LABELS[l]).join('、');
  const fields: Element[] = [];
  if (lists.length > 1) fields.push(select('list', '选择推荐清单', listOptions(lists), lists[0], true));
  fields.push(input('q', '候选人', { placeholder: '输入姓名或拼音首字母，如 张三 / zs', initial: query }));
  const payload = lists.length === 1 ? { list: lists[0] } : {};
  fields.push(submitButton('查找', 'recommendations.search', payload));
  fields.push(submitButton('登记新人员并推荐', 'recommendations.newPerson', payload, 'recommendations.new_person'));
  return card({ title: '推荐优秀年轻干部', template: 'green' }, [
    md(`您可提交：**${held}**。候选人须为您推荐范围内${ageLabel}的在职干部。`),
    form('rec_search', fields),
  ]);
}

const STATUS_WORD: Record<string, string> = { pending: '待审核', accepted: '已入库' };

/** Search results: each candidate with a 推荐 button (the list travels in the payload and is re-checked). */
export function candidatesCard(
  list: RecList,
  rows: CandidateRow[],
  existing: ExistingRec[],
  today: string,
  more: boolean,
  ageLabel: string,
): Card {
  const elements: Element[] = [md(`推荐清单：**${LIST_LABELS[list]}**`), hr()];
  if (rows.length === 0) {
    elements.push(md(`在您的推荐范围内没有找到匹配的${ageLabel}在职干部。可换个关键字，或登记新人员。`));
  }
  for (const r of rows) {
    const tags = existing
      .filter((e) => e.personId === r.id)
      .map((e) => `${e.list}清单${STATUS_WORD[e.status] ?? ''}`)
      .join('、');
    const here = existing.find((e) => e.personId === r.id && e.list === list);
    elements.push(md(personLine(r, today) + (tags ? `\n<font color="grey">${tags}</font>` : '')));
    // Already on this list: marked, and no 推荐 button (the form would only be refused after filling it in).
    if (here)
      elements.push(
        md(`<font color="orange">已在${list}清单中（${STATUS_WORD[here.status] ?? '已推荐'}），无需重复推荐</font>`),
      );
    else elements.push(button(`推荐 ${r.name}`, 'recommendations.form', { list, personId: r.id }, 'primary'));
  }
  if (more) elements.push(md('<font color="grey">仅显示前 10 位，请输入更完整的姓名缩小范围。</font>'));
  elements.push(hr(), button('重新查找', 'recommendations.start', {}));
  return card({ title: '选择候选人', template: 'green' }, elements);
}

function recommendationFields(list: RecList): Element[] {
  const fields = [
    input('reason', '推荐理由', { required: true, multiline: true, maxLength: 1000 }),
    input('achievements', '主要实绩', { required: true, multiline: true, maxLength: 1000 }),
    input('evaluation', '综合评价', { required: true, multiline: true, maxLength: 1000 }),
  ];
  if (list === 'C') {
    const opts = BASIS_OPTIONS.map((b) => ({ label: b, value: b }));
    fields.push(select('basis', '推荐依据（平时考核 / 专题调研 / 干部考察）', opts, undefined, true));
  }
  return fields;
}

/** The recommendation form for a chosen candidate. */
export function formCard(list: RecList, person: CandidateRow, today: string, onLists: ExistingRec[]): Card {
  const also = onLists.filter((e) => e.list !== list).map((e) => `${e.list}清单`);
  return card({ title: '填写推荐信息', template: 'green' }, [
    md(`推荐清单：**${LIST_LABELS[list]}**\n候选人：${personLine(person, today)}`),
    ...(also.length ? [md(`<font color="grey">该同志已在 ${also.join('、')} 中。</font>`)] : []),
    form('rec_form', [
      ...recommendationFields(list),
      submitButton('提交推荐', 'recommendations.submit', { list, personId: person.id }),
    ]),
  ]);
}

/** A new person (required roster fields) and the recommendation, on one form. */
export function newPersonCard(list: RecList, unitOptions: Option[]): Card {
  const edu = EDUCATIONS.map((e) => ({ label: e, value: e }));
  return card({ title: '登记新人员并推荐', template: 'green' }, [
    md(`推荐清单：**${LIST_LABELS[list]}**。性别和出生日期按身份证号自动识别。`),
    form('rec_new', [
      input('name', '姓名', { required: true, maxLength: 20 }),
      input('idNumber', '身份证号', { required: true, maxLength: 18 }),
      select('education', '学历', edu, undefined, true),
      select('unitId', '单位', unitOptions, unitOptions.length === 1 ? unitOptions[0].value : undefined, true),
      input('position', '职务', { required: true, maxLength: 50 }),
      input('mobile', '手机号（选填）', { maxLength: 11 }),
      hr(),
      ...recommendationFields(list),
      submitButton('登记并提交推荐', 'recommendations.submitNew', { list }, 'recommendations.submit_new'),
    ]),
  ]);
}

/** What the submitter sees after submitting. */
export function submittedCard(list: RecList, personText: string, alsoOn: RecList[]): Card {
  const also = alsoOn.filter((l) => l !== list);
  return card({ title: '推荐已提交', template: 'turquoise' }, [
    md(`已将 ${personText} 列入 **${LIST_LABELS[list]}**，等待组织部门审核。审核结果会通知您。`),
    ...(also.length
      ? [md(`<font color="grey">该同志同时在 ${also.join('、')} 清单中，入库后为同一条资源库记录。</font>`)]
      : []),
    button('继续推荐', 'recommendations.start', {}),
  ]);
}
