/** org_admin cards: the holiday calendar and the talk cadences (pure). */
import type { PeriodKind, TalkRelation } from '../../db/schema/talks.js';
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
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import type { ScheduleSource } from './talks.calendar.js';
import { PERIOD_KIND_LABELS } from './talks.periods.js';
import { RELATION_LABELS } from './talks.rules.js';

const SOURCE_LABELS: Record<ScheduleSource, string> = {
  override: '已由组织部门载入',
  library: '系统内置（国务院办公厅已发布）',
  provisional: '<font color="red">暂定：国务院办公厅尚未发布，按法定节假日推算（不含调休）</font>',
};

export interface CalendarStatus {
  year: number;
  source: ScheduleSource;
  loadedDays: number;
  /** The provisional days off (法定节假日 computed for a year without an official schedule). */
  provisional?: { date: string; name: string }[];
}

const provisionalLines = (s: CalendarStatus) =>
  (s.provisional ?? []).length
    ? `\n  暂定放假：${s.provisional!.map((d) => `${d.name} ${d.date.slice(5)}`).join('、')}（暂定，载入正式安排后替换）`
    : '';

const EXAMPLE = '元旦 放假 2027-01-01 至 2027-01-03\n春节 放假 2027-02-06 至 2027-02-14\n春节 上班 2027-02-20';

export function calendarCard(statuses: CalendarStatus[], formYear: number): Card {
  const lines = statuses.map(
    (s) =>
      `- **${s.year} 年**：${SOURCE_LABELS[s.source]}${s.source === 'override' ? `（${s.loadedDays} 天）` : ''}${provisionalLines(s)}`,
  );
  return card({ title: '节假日安排', template: 'wathet' }, [
    md(`谈话提醒只在工作日发送，任何年份的法定节假日都不发送，调休上班日照常提醒。\n${lines.join('\n')}`),
    hr(),
    md(`按国务院办公厅通知逐行填写「名称 放假/上班 日期[ 至 日期]」，提交后将**整体替换**该年度的安排。`),
    form('calendar_form', [
      input('year', '年度', { required: true, initial: String(formYear), maxLength: 4 }),
      input('text', '节假日安排', { required: true, multiline: true, maxLength: 1000, placeholder: EXAMPLE }),
      submitButton('载入', 'talks.calendar.save'),
    ]),
  ]);
}

export interface CadenceLine {
  id: number | null;
  relation: TalkRelation;
  periodKind: PeriodKind;
  effectiveFrom: string;
  scheduled: boolean;
}

const relationOptions = (Object.keys(RELATION_LABELS) as TalkRelation[]).map((r) => ({
  label: RELATION_LABELS[r],
  value: r,
}));
const kindOptions = (['month', 'quarter', 'half_year', 'year'] as PeriodKind[]).map((k) => ({
  label: PERIOD_KIND_LABELS[k],
  value: k,
}));

export function cadenceCard(current: CadenceLine[], scheduled: CadenceLine[], minDate: string): Card {
  const elements: Element[] = [
    md(
      `**现行谈话周期**\n${current.map((c) => `- ${RELATION_LABELS[c.relation]}：${PERIOD_KIND_LABELS[c.periodKind]}`).join('\n')}`,
    ),
  ];
  if (scheduled.length > 0) {
    elements.push(md('**已安排的调整**'));
    for (const s of scheduled) {
      elements.push(
        columns([
          [md(`${s.effectiveFrom} 起，${RELATION_LABELS[s.relation]}：${PERIOD_KIND_LABELS[s.periodKind]}`)],
          [button('撤销', 'talks.cadence.remove', { id: s.id }, 'danger')],
        ]),
      );
    }
  }
  elements.push(
    hr(),
    md(`调整自生效日起适用，不追溯；生效日须为 ${minDate} 或以后某月的 1 日，正在进行的周期在生效日前一天结束。`),
    form('cadence_form', [
      select('relation', '谈话关系', relationOptions, undefined, true),
      select('kind', '谈话周期', kindOptions, undefined, true),
      datePicker('from', '生效日期', minDate, true),
      submitButton('保存调整', 'talks.cadence.add'),
    ]),
  );
  return card({ title: '谈心谈话周期', template: 'wathet' }, elements);
}
