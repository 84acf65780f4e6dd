/** Vocabularies of 教育培训 (training): course kinds, attendance marks, selection routes. Data, not code. */

export const COURSE_KINDS = [
  { key: 'premium', label: '精品课程' },
  { key: 'small', label: '小灶课程' },
] as const;
export const COURSE_KIND_KEYS = ['premium', 'small'] as const;
export type CourseKind = (typeof COURSE_KIND_KEYS)[number];
export const courseKindLabel = (k: string) => COURSE_KINDS.find((c) => c.key === k)?.label ?? k;

/** Attendance per trainee and course: 出勤 / 缺勤 / 请假. */
export const ATTENDANCE_MARKS = ['present', 'absent', 'leave'] as const;
export type AttendanceMark = (typeof ATTENDANCE_MARKS)[number];
export const MARK_LABELS: Record<AttendanceMark, string> = { present: '出勤', absent: '缺勤', leave: '请假' };
/** Spreadsheet words accepted for each mark. */
export const MARK_WORDS: Record<string, AttendanceMark> = {
  出勤: 'present',
  到: 'present',
  已到: 'present',
  缺勤: 'absent',
  缺: 'absent',
  未到: 'absent',
  请假: 'leave',
  假: 'leave',
};

/** How a trainee was chosen (单位推荐 + 组织考察). */
export const SELECTION_ROUTES = ['unit_recommended_org_assessed'] as const;
export const SELECTION_LABEL = '单位推荐 + 组织考察';

/** Send-ledger kinds (one per recipient, kind and local date). */
export const TRAINING_SEND_KINDS = ['absence'] as const;
export type TrainingSendKind = (typeof TRAINING_SEND_KINDS)[number];

/** Absences of courses within this many days are reminded (once each). */
export const ABSENCE_LOOKBACK_DAYS = 14;
