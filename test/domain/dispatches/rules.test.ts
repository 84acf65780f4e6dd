import { describe, expect, it } from 'vitest';
import {
  assignmentProblem,
  attachmentProblem,
  awayText,
  canCorrect,
  EVALUATION_RULES,
  evaluationProposals,
  monthlyDigest,
  monthStart,
  periodOn,
  reminderStep,
  reportPeriods,
  statusChangeProblem,
  supersededEvaluationKeys,
  termNoticeDue,
} from '../../../src/domain/dispatches/dispatches.rules.js';
import { WorkCalendar } from '../../../src/domain/talks/talks.calendar.js';

const a = (startDate: string, plannedEnd: string, endedOn: string | null = null) => ({
  startDate,
  plannedEnd,
  endedOn,
});

describe('reporting periods per cadence', () => {
  it.each([
    [
      'monthly, whole months',
      'monthly' as const,
      a('2026-01-01', '2026-03-31'),
      [
        ['2026-01', '2026-01-01', '2026-01-31'],
        ['2026-02', '2026-02-01', '2026-02-28'],
        ['2026-03', '2026-03-01', '2026-03-31'],
      ],
    ],
    [
      'quarterly',
      'quarterly' as const,
      a('2026-01-01', '2026-12-31'),
      [
        ['2026-Q1', '2026-01-01', '2026-03-31'],
        ['2026-Q2', '2026-04-01', '2026-06-30'],
        ['2026-Q3', '2026-07-01', '2026-09-30'],
        ['2026-Q4', '2026-10-01', '2026-12-31'],
      ],
    ],
    [
      'a batch starting mid-month: the first period starts on the start day',
      'monthly' as const,
      a('2026-03-16', '2026-05-31'),
      [
        ['2026-03', '2026-03-16', '2026-03-31'],
        ['2026-04', '2026-04-01', '2026-04-30'],
        ['2026-05', '2026-05-01', '2026-05-31'],
      ],
    ],
    [
      'an assignment ending mid-period: the last report is due on the last day',
      'quarterly' as const,
      a('2026-01-01', '2026-05-15'),
      [
        ['2026-Q1', '2026-01-01', '2026-03-31'],
        ['2026-Q2', '2026-04-01', '2026-05-15'],
      ],
    ],
    [
      '延期: the extended end adds periods',
      'monthly' as const,
      a('2026-01-01', '2026-04-30'),
      [
        ['2026-01', '2026-01-01', '2026-01-31'],
        ['2026-02', '2026-02-01', '2026-02-28'],
        ['2026-03', '2026-03-01', '2026-03-31'],
        ['2026-04', '2026-04-01', '2026-04-30'],
      ],
    ],
    [
      '提前召回: periods stop at the recall day, the last one due then',
      'monthly' as const,
      a('2026-01-01', '2026-12-31', '2026-02-10'),
      [
        ['2026-01', '2026-01-01', '2026-01-31'],
        ['2026-02', '2026-02-01', '2026-02-10'],
      ],
    ],
    [
      'across a year end',
      'monthly' as const,
      a('2026-12-01', '2027-01-31'),
      [
        ['2026-12', '2026-12-01', '2026-12-31'],
        ['2027-01', '2027-01-01', '2027-01-31'],
      ],
    ],
  ])('%s', (_name, cadence, asg, expected) => {
    expect(reportPeriods(cadence, asg).map((p) => [p.key, p.start, p.due])).toEqual(expected);
  });

  it('has no period outside the days on post', () => {
    expect(periodOn('monthly', a('2026-03-16', '2026-05-31'), '2026-03-15')).toBeNull();
    expect(periodOn('monthly', a('2026-01-01', '2026-12-31', '2026-02-10'), '2026-02-11')).toBeNull();
    expect(periodOn('quarterly', a('2026-01-01', '2026-12-31'), '2026-05-20')?.key).toBe('2026-Q2');
  });

  it('allows corrections until the period closes', () => {
    const p = { key: '2026-11', start: '2026-11-01', due: '2026-11-30' };
    expect(canCorrect(p, '2026-11-30')).toBe(true);
    expect(canCorrect(p, '2026-12-01')).toBe(false);
  });
});

describe('workday windows and escalation steps', () => {
  const cal = new WorkCalendar();
  // November 2026 ends on a Monday; 30 Nov is a workday, 28–29 Nov a weekend.
  const step = (today: string, due: string) =>
    reminderStep(
      today,
      due,
      due >= today ? cal.workdaysAfter(today, due) : 0,
      due < today ? cal.workdaysAfter(due, today) : 0,
      3,
      3,
    );
  it.each([
    ['2026-11-24', '2026-11-30', 'none'], // 4 workdays left (25, 26, 27, 30)
    ['2026-11-25', '2026-11-30', 'none'], // 3 left (26, 27, 30): the window is the last 3 workdays, 26 onwards
    ['2026-11-26', '2026-11-30', 'due'],
    ['2026-11-30', '2026-11-30', 'due'],
    ['2026-12-01', '2026-11-30', 'overdue'], // 1 workday late
    ['2026-12-02', '2026-11-30', 'overdue'],
    ['2026-12-03', '2026-11-30', 'escalate'], // 3 workdays late
    ['2026-12-07', '2026-11-30', 'escalate'],
  ])('on %s with the report due %s: %s', (today, due, expected) => {
    expect(step(today, due)).toBe(expected);
  });

  it('counts a weekend as no workdays: Friday → Monday is one workday late', () => {
    expect(cal.workdaysAfter('2026-11-27', '2026-11-30')).toBe(1);
    expect(step('2026-11-30', '2026-11-27')).toBe('overdue');
  });

  it('skips the National Day holiday in the window', () => {
    // 2026-10-01..07 are days off: a report due 30 Sep is late but not a single workday late until 8 Oct.
    expect(cal.workdaysAfter('2026-09-30', '2026-10-07')).toBe(0);
    expect(step('2026-10-07', '2026-09-30')).toBe('overdue');
    expect(cal.workdaysAfter('2026-09-30', '2026-10-08')).toBe(1);
    expect(step('2026-10-08', '2026-09-30')).toBe('overdue');
  });
});

describe('input checks', () => {
  const base = {
    personId: 1,
    batchId: 1,
    destUnitId: 5 as number | null,
    destPlace: null as string | null,
    hostUnitName: null as string | null,
    hostContactPersonId: null,
    startDate: '2026-03-01',
    plannedEnd: '2026-05-31',
  };
  it.each([
    [{}, null],
    [{ plannedEnd: '2026-02-28' }, '计划结束日期早于开始日期'],
    [{ startDate: '2026-13-01' }, '开始日期格式应为 YYYY-MM-DD'],
    [{ destUnitId: null }, '派驻地不是本县单位，请填写县外地点（如 浏阳市）和接收单位'],
    [{ destUnitId: null, destPlace: '浏阳市' }, '县外派驻请填写接收单位'],
    [{ destUnitId: null, destPlace: '浏阳市', hostUnitName: '浏阳市发改局' }, null],
  ])('assignment %j → %s', (change, expected) => {
    expect(assignmentProblem({ ...base, ...change })).toBe(expected);
  });

  it.each([
    ['on_post', 'extended', '2026-05-01', '2026-08-31', null],
    ['on_post', 'extended', '2026-05-01', '2026-05-01', '延期后的结束日期应晚于原计划结束日期'],
    ['on_post', 'recalled', '2026-04-10', undefined, null],
    ['on_post', 'recalled', '2026-06-10', undefined, '召回日期应早于计划结束日期（到期请选择“期满”）'],
    ['completed', 'extended', '2026-06-10', '2026-09-30', '该选派已结束，不能再变更状态'],
    ['extended', 'completed', '2026-08-31', undefined, null],
  ] as const)('status %s → %s on %s', (from, to, on, newEnd, expected) => {
    expect(statusChangeProblem(from, to, base, on, newEnd)).toBe(expected);
  });

  it.each([
    ['村务照片.jpg', 1000, null],
    ['报告.PDF', 1000, null],
    ['脚本.exe', 1000, '附件类型不允许，只能上传 jpg、jpeg、png、pdf、docx、xlsx 文件'],
    ['无扩展名', 1000, '附件类型不允许，只能上传 jpg、jpeg、png、pdf、docx、xlsx 文件'],
    ['大图.png', 11 * 1024 * 1024, '附件超过 10 MB 的大小限制'],
  ])('attachment %s (%d bytes) → %s', (name, size, expected) => {
    expect(attachmentProblem(name, size)).toBe(expected);
  });

  it('asks for the 总结 once, within a month of the end', () => {
    expect(termNoticeDue({ plannedEnd: '2026-12-31', termNoticeOn: null }, '2026-11-30')).toBe(false);
    expect(termNoticeDue({ plannedEnd: '2026-12-31', termNoticeOn: null }, '2026-12-01')).toBe(true);
    expect(termNoticeDue({ plannedEnd: '2026-12-31', termNoticeOn: '2026-12-01' }, '2026-12-02')).toBe(false);
  });
});

describe('host evaluation → pool proposals (rules as data)', () => {
  const fact = (grade: '优秀' | '称职' | '基本称职' | '不称职') => ({
    assignmentId: 7,
    kind: 'first_secretary',
    batchName: '第六批',
    startDate: '2024-11-01',
    lastDay: '2026-10-31',
    grade,
  });
  const entry = (tier: 'near_term' | 'mid_term' | 'long_term', status: 'active' | 'watch' = 'active') => ({
    id: 3,
    tier,
    status,
  });

  it.each([
    ['优秀', 'mid_term', 'active', [{ ruleId: 'dispatch_excellent', action: 'tier_up', exitReason: null }]],
    ['称职', 'mid_term', 'active', []],
    ['基本称职', 'mid_term', 'active', [{ ruleId: 'dispatch_basic', action: 'watch', exitReason: null }]],
    ['不称职', 'mid_term', 'active', [{ ruleId: 'dispatch_unfit', action: 'exit', exitReason: 'assessment' }]],
    // Changes that would not apply are not proposed: already at the top, already watched.
    ['优秀', 'near_term', 'active', []],
    ['基本称职', 'mid_term', 'watch', []],
    ['不称职', 'near_term', 'watch', [{ ruleId: 'dispatch_unfit', action: 'exit', exitReason: 'assessment' }]],
  ] as const)('%s on a %s / %s entry → %j', (grade, tier, status, expected) => {
    const out = evaluationProposals(EVALUATION_RULES, entry(tier, status), fact(grade));
    expect(out.map(({ ruleId, action, exitReason }) => ({ ruleId, action, exitReason }))).toEqual(expected);
  });

  it('cites the evaluation and keys the proposal by entry, assignment and grade', () => {
    const [p] = evaluationProposals(EVALUATION_RULES, entry('mid_term'), fact('不称职'));
    expect(p.reason).toBe('选派期满接收单位评价不称职，建议调出资源库');
    expect(p.basis).toEqual([
      { kind: '选派期满评价', period: '第六批驻村第一书记（2024-11-01 至 2026-10-31）', result: '不称职' },
    ]);
    expect(p.dedupKey).toBe('dispatch_unfit:3:7:不称职');
  });

  it('a new grade supersedes every evaluation rule’s key for the entry and assignment but its own grade', () => {
    const { prefixes, keep } = supersededEvaluationKeys(EVALUATION_RULES, 3, 7, '基本称职');
    expect(prefixes).toEqual(['dispatch_excellent:3:7:', 'dispatch_basic:3:7:', 'dispatch_unfit:3:7:']);
    expect(keep).toContain(evaluationProposals(EVALUATION_RULES, entry('mid_term'), fact('基本称职'))[0].dedupKey);
    expect(keep).not.toContain('dispatch_excellent:3:7:优秀');
    expect(prefixes.some((x) => 'dispatch_excellent:3:7:优秀'.startsWith(x))).toBe(true);
  });

  it('says where a dispatched cadre is and until when', () => {
    expect(
      awayText({
        kind: 'rotation',
        destUnitName: null,
        destPlace: '浏阳市',
        hostUnitName: '浏阳市委组织部',
        plannedEnd: '2026-12-31',
      }),
    ).toBe('在外选派：外出跟岗学习，浏阳市 · 浏阳市委组织部，至 2026-12-31');
  });
});

describe('monthly digest by batch', () => {
  it.each([
    ['2026-12-01', 0, '2026-12-01'],
    ['2026-12-15', 1, '2027-01-01'],
    ['2027-01-04', -1, '2026-12-01'],
    ['2027-01-04', 2, '2027-03-01'],
  ] as const)('monthStart(%s, %d) = %s', (day, months, expected) => {
    expect(monthStart(day, months)).toBe(expected);
  });

  it('counts only the periods due last month, and the ends of this month and next', () => {
    const status = [
      { batchId: 1, due: '2026-11-30', submitted: true },
      { batchId: 1, due: '2026-11-30', submitted: false },
      // An assignment that ended mid-month: its last period is due then.
      { batchId: 1, due: '2026-11-12', submitted: false },
      // The running month and a quarter closed earlier are not last month's.
      { batchId: 1, due: '2026-12-31', submitted: false },
      { batchId: 2, due: '2026-09-30', submitted: false },
    ];
    const ends = [
      { batchId: 2, plannedEnd: '2026-12-31' },
      { batchId: 2, plannedEnd: '2027-01-01' },
      { batchId: 3, plannedEnd: '2027-02-01' },
    ];
    expect(monthlyDigest('2026-12-01', status, ends)).toEqual([
      { batchId: 1, expected: 3, submitted: 1, missing: 2, endingThisMonth: 0, endingNextMonth: 0 },
      { batchId: 2, expected: 0, submitted: 0, missing: 0, endingThisMonth: 1, endingNextMonth: 1 },
    ]);
  });
});
