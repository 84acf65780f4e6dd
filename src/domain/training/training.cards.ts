/** 教育培训 cards (Card JSON 2.0). Every data string goes through mdText(). */
import {
  button,
  type Card,
  card,
  datePicker,
  type Element,
  form,
  input,
  md,
  mdText,
  select,
  submitButton,
} from '../../feishu/cards/atoms.js';
import type { ClassStats, CourseRow, RecordRow } from './training.queries.js';
import { attendanceRate, rateText } from './training.rules.js';
import { ATTENDANCE_MARKS, type AttendanceMark, COURSE_KINDS, courseKindLabel, MARK_LABELS } from './training.vocab.js';

const classLine = (c: ClassStats) =>
  `**${mdText(c.name)}**（${mdText(c.cohort)}，${mdText(c.startDate)} 至 ${mdText(c.endDate)}）\n` +
  `学员 ${c.trainees} 人 · 精品课程 ${c.premium} 次 · 小灶课程 ${c.small} 次 · 出勤率 ${rateText(attendanceRate(c.present, c.present + c.absent + c.leave))}（缺勤 ${c.absent} 人次，请假 ${c.leave} 人次）`;

/** org_admin's 新建班次 form: name, cohort, dates, the class contact (name or pinyin initials, optional). */
function newClassForm(): Element {
  // Feishu wants a form at the root of the body (not inside a collapsible panel).
  return form('training_class_new', [
    md('**新建班次**'),
    input('name', '班次名称', { required: true, maxLength: 50, placeholder: '如 优秀年轻干部实验班' }),
    input('cohort', '期次', { required: true, maxLength: 30, placeholder: '如 第二期' }),
    datePicker('start', '开班日期', undefined, true),
    datePicker('end', '结业日期', undefined, true),
    input('contact', '班级联络员（姓名，选填）', { maxLength: 20 }),
    submitButton('创建班次', 'training.class.create'),
  ]);
}

/** org_admin: every class of the county with counts and attendance rates, and 新建班次. */
export function overviewCard(rows: ClassStats[]): Card {
  if (rows.length === 0)
    return card({ title: '教育培训', template: 'blue' }, [md('本县暂无培训班次。'), newClassForm()]);
  return card({ title: '教育培训', template: 'blue', subtitle: `共 ${rows.length} 个班次` }, [
    ...rows.flatMap((c) => [md(classLine(c)), button('查看本班', 'training.class.open', { c: c.id })]),
    newClassForm(),
  ]);
}

/** org_admin's 新增课程 form on the class card. */
function newCourseForm(classId: number): Element {
  return form(`training_course_new_${classId}`, [
    md('**新增课程**'),
    select(
      'kind',
      '课程类别',
      COURSE_KINDS.map((k) => ({ label: k.label, value: k.key })),
      undefined,
      true,
    ),
    input('topic', '课程专题', { required: true, maxLength: 100 }),
    input('lecturer', '主讲人', { required: true, maxLength: 50 }),
    datePicker('on', '上课日期', undefined, true),
    input('organizer', '组织单位', { required: true, maxLength: 50, initial: '县委组织部' }),
    submitButton('添加课程', 'training.course.create', { c: classId }),
  ]);
}

/** org_admin's 添加学员 form on the class card (单位推荐 + 组织考察). */
function newTraineeForm(classId: number): Element {
  return form(`training_trainee_new_${classId}`, [
    md('**添加学员**（单位推荐 + 组织考察）'),
    input('name', '学员姓名', { required: true, maxLength: 20 }),
    input('unit', '推荐单位（选填，默认学员所在单位）', { maxLength: 50 }),
    datePicker('assessed', '组织考察日期（选填）'),
    submitButton('添加学员', 'training.trainee.add', { c: classId }),
  ]);
}

/** The class card (contact and org_admin): courses with attendance and a 记考勤 button each; org_admin adds courses. */
export function classCard(c: ClassStats, courses: CourseRow[], opts: { canAddCourse?: boolean } = {}): Card {
  return card({ title: `教育培训 · ${c.name}`, template: 'blue', subtitle: c.cohort }, [
    md(classLine(c)),
    ...(courses.length === 0
      ? [md('本班暂无课程。')]
      : courses
          .slice(-12)
          .flatMap((k) => [
            md(
              `${mdText(k.heldOn)} ${mdText(courseKindLabel(k.kind))}《${mdText(k.topic)}》 主讲：${mdText(k.lecturer)} · 组织：${mdText(k.organizer)}\n出勤 ${k.present} / 已记 ${k.marked} 人`,
            ),
            button('记考勤', 'training.attendance.open', { k: k.id }),
          ])),
    ...(opts.canAddCourse ? [newCourseForm(c.id), newTraineeForm(c.id)] : []),
  ]);
}

/** The attendance card of one course: one select per trainee (出勤 / 缺勤 / 请假). */
export function attendanceCard(
  course: { id: number; kind: string; topic: string; heldOn: string },
  trainees: { personId: number; name: string; unitName: string; mark: AttendanceMark | null }[],
): Card {
  const opts = ATTENDANCE_MARKS.map((m) => ({ label: MARK_LABELS[m], value: m }));
  return card({ title: '记录考勤', template: 'blue', subtitle: course.heldOn }, [
    md(
      `${mdText(courseKindLabel(course.kind))}《${mdText(course.topic)}》 ${mdText(course.heldOn)}，共 ${trainees.length} 名学员：`,
    ),
    form('training_attendance', [
      ...trainees.flatMap((t) => [
        md(`${mdText(t.name)}（${mdText(t.unitName)}）`),
        select(`p${t.personId}`, '出勤情况', opts, t.mark ?? 'present'),
      ]),
      submitButton('保存考勤', 'training.attendance.save', { k: course.id }),
    ]),
  ]);
}

/** A trainee's own record: classes, courses and marks with the attendance rate. */
export function recordCard(name: string, rows: RecordRow[]): Card {
  if (rows.length === 0) return card({ title: '我的培训', template: 'blue' }, [md('您目前没有参加培训班次。')]);
  const marked = rows.filter((r) => r.mark !== null);
  const present = marked.filter((r) => r.mark === 'present').length;
  return card({ title: '我的培训', template: 'blue', subtitle: name }, [
    md(
      `**${mdText(rows[0].className)}**（${mdText(rows[0].cohort)}） 课程 ${rows.length} 次 · 出勤率 ${rateText(attendanceRate(present, marked.length))}`,
    ),
    md(
      rows
        .slice(-20)
        .map(
          (r) =>
            `- ${mdText(r.heldOn)} ${mdText(courseKindLabel(r.kind))}《${mdText(r.topic)}》：${r.mark ? MARK_LABELS[r.mark] : '未记'}`,
        )
        .join('\n'),
    ),
  ]);
}

/** Reminder to an absentee (private chat). */
export function absenceReminderCard(courses: { topic: string; heldOn: string; className: string }[]): Card {
  return card({ title: '培训缺勤提醒', template: 'orange' }, [
    md(
      `您在以下课程中记为缺勤：\n${courses.map((c) => `- ${mdText(c.heldOn)} ${mdText(c.className)}《${mdText(c.topic)}》`).join('\n')}`,
    ),
    md('请按要求补学，如有特殊情况请联系班级联络员。'),
  ]);
}

export function importPreviewCard(
  draftId: number,
  fileName: string,
  groups: { course: string; count: number }[],
): Card {
  return card({ title: '培训考勤导入预览', template: 'blue' }, [
    md(`文件“${mdText(fileName)}”检查通过，共 **${groups.reduce((s, g) => s + g.count, 0)}** 条考勤：`),
    md(groups.map((g) => `- ${mdText(g.course)}：${g.count} 人`).join('\n')),
    md('确认后一次性写入；如有任何一行在确认时不再有效，将全部不导入。'),
    button('确认导入', 'training.import.confirm', { d: draftId }, 'primary'),
  ]);
}

export function importProblemsCard(fileName: string, total: number, errors: { line: number; message: string }[]): Card {
  return card({ title: '培训考勤未导入', template: 'red' }, [
    md(`文件“${mdText(fileName)}”共 ${total} 行，其中 ${errors.length} 处问题，**全部未导入**。请修改后重新发送：`),
    md(
      errors
        .slice(0, 30)
        .map((e) => `- 第 ${e.line} 行：${mdText(e.message)}`)
        .join('\n'),
    ),
  ]);
}
