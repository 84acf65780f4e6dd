/** Every talk and mentoring card is valid Card JSON 2.0 (as the emulator checks it) at its largest. */
import { describe, expect, it } from 'vitest';
import {
  importReportCard,
  myPairsCard,
  overviewCard,
  pairedCard,
  pickMentorCard,
} from '../../../src/domain/mentoring/mentoring.cards.js';
import { cadenceCard, calendarCard } from '../../../src/domain/talks/talks.admin.cards.js';
import { countsForLine, talkFormCard, talkSummaryCard } from '../../../src/domain/talks/talks.cards.js';
import {
  calendarWarningCard,
  dueReminderCard,
  escalationCard,
  overdueReminderCard,
} from '../../../src/domain/talks/talks.reminder.cards.js';
import { talkStatsCard } from '../../../src/domain/talks/talks.stats.cards.js';
import { todoCard, todoListCard } from '../../../src/domain/talks/talks.todo.cards.js';
import type { TodoItem } from '../../../src/domain/talks/talks.todo.js';
import { validateCard } from '../../../src/emulator/card.validate.js';
import { buttons } from './world.js';

const brief = (i: number) => ({
  id: i,
  name: `干部${i}`,
  unitId: 1,
  unitName: `第${i % 7}镇`,
  position: '科员',
  openId: null,
  pinyin: '',
  pinyinInitials: '',
});

const item = (i: number, relation: TodoItem['relation'] = 'unit_main'): TodoItem => ({
  relation,
  periodKey: relation === 'unit_deputy' ? '2026-12' : '2026-Q4',
  periodStart: '2026-10-01',
  periodEnd: '2026-12-31',
  leaderId: 1,
  cadreId: i,
  unitId: 1,
  talkCount: 0,
  lastTalkDate: i % 2 ? '2026-09-01' : null,
  state: 'open',
  cadre: brief(i),
  daysLeft: 9,
});

const many = (n: number, relation?: TodoItem['relation']) => Array.from({ length: n }, (_, i) => item(i + 1, relation));
const problems = Array.from({ length: 30 }, (_, i) => ({
  id: i,
  talkId: 1,
  text: `问题${i}`,
  status: 'open' as const,
  solvedOn: null,
  followUp: null,
  cadreName: '干部',
  talkDate: '2026-11-01',
  talkerPersonId: 1,
}));
const talkable = Array.from({ length: 300 }, (_, i) => ({ ...brief(i + 1), obligations: [], open: i % 2 === 0 }));
const talk = {
  id: 1,
  talkerPersonId: 1,
  talkerName: '吴海涛',
  cadrePersonId: 2,
  cadreName: '陈思雨',
  cadreUnit: '青山镇',
  talkDate: '2026-12-22',
  kind: 'regular' as const,
  tone: 'warning' as const,
  topics: ['思想状况', '工作困难'],
  notes: '备注',
  problems: problems.slice(0, 10).map((p, i) => ({
    ...p,
    status: i % 2 ? ('solved' as const) : ('open' as const),
    solvedOn: i % 2 ? '2026-12-23' : null,
  })),
};
const unitsLines = Array.from({ length: 120 }, (_, i) => ({ unitName: `单位${i}`, overdue: i, open: 3, done: 2 }));

const bigTodo = () => ({
  today: '2026-12-22',
  open: [...many(80), ...many(40, 'unit_deputy')],
  overdue: many(50),
  olderOverdue: 7,
  doneCount: 3,
  problems,
});

const cards = {
  form: talkFormCard({ talkerName: '吴海涛', cadres: talkable, preselect: 5, today: '2026-12-22', nonce: 'n' }),
  emptyForm: talkFormCard({ talkerName: '吴海涛', cadres: [], today: '2026-12-22', nonce: 'n', filter: '张' }),
  summary: talkSummaryCard(talk),
  summaryCounted: talkSummaryCard(talk, true, [
    { relation: 'unit_deputy', periodKey: '2026-12', late: false },
    { relation: 'mentor', periodKey: '2026-H2', late: false },
  ]),
  todo: todoCard({
    today: '2026-12-22',
    open: [...many(80), ...many(40, 'unit_deputy')],
    overdue: many(50),
    olderOverdue: 7,
    doneCount: 3,
    problems,
  }),
  todoListOpen: todoListCard(bigTodo(), 'open', 1),
  todoListOverdue: todoListCard(bigTodo(), 'overdue', 0),
  emptyTodo: todoCard({ today: '2026-12-22', open: [], overdue: [], olderOverdue: 0, doneCount: 0, problems: [] }),
  due: dueReminderCard('周志远', [...many(150), ...many(60, 'county_leader')]),
  overdue: overdueReminderCard('周志远', many(150)),
  escalation: escalationCard(
    unitsLines.map((u) => ({
      unitName: u.unitName,
      leaderName: '某某',
      what: '单位主要领导 · 2026年第四季度',
      count: u.overdue,
    })),
    5,
  ),
  calendarWarning: calendarWarningCard(2027),
  calendar: calendarCard(
    [
      { year: 2026, source: 'library', loadedDays: 0 },
      { year: 2027, source: 'provisional', loadedDays: 0, provisional: [{ date: '2027-01-01', name: '元旦' }] },
    ],
    2027,
  ),
  cadence: cadenceCard(
    [{ id: null, relation: 'unit_main', periodKind: 'quarter', effectiveFrom: '1900-01-01', scheduled: false }],
    [{ id: 3, relation: 'unit_main', periodKind: 'month', effectiveFrom: '2027-01-01', scheduled: true }],
    '2027-01-01',
  ),
  stats: talkStatsCard({
    range: { from: '2026-01-01', to: '2026-12-22' },
    scopeLabel: '本县',
    counts: {
      talks: 14000,
      cadres: 900,
      warningTalks: 600,
      problemsRaised: 500,
      problemsSolved: 457,
      problemsOpen: 43,
    },
    relations: (['county_leader', 'unit_main', 'unit_deputy', 'mentor'] as const).map((relation) => ({
      relation,
      due: 100,
      done: 60,
      open: 30,
      overdue: 10,
      excused: 0,
    })),
    periods: Array.from({ length: 20 }, (_, i) => ({
      title: `任务${i}`,
      due: 10,
      done: 5,
      open: 5,
      overdue: 0,
      excused: 0,
    })),
    units: unitsLines.map((u) => ({ unitName: u.unitName, due: 10, done: 5, open: 3, overdue: 2, excused: 0 })),
    months: Array.from({ length: 12 }, (_, i) => ({ month: `2026-${String(i + 1).padStart(2, '0')}`, talks: i * 10 })),
    mentoring: { eligible: 417, pairs: 400, mentees: 400, mentors: 120, flagged: 3 },
  }),
  overview: overviewCard(
    {
      eligible: 417,
      unpaired: 300,
      pairs: 117,
      flagged: Array.from({ length: 20 }, (_, i) => ({
        id: i,
        mentorId: 1,
        mentorName: '原导师',
        menteeId: i,
        menteeName: `对象${i}`,
        menteeUnit: '青山镇',
        startDate: '2026-01-01',
        plan: null,
        needsReassignment: true,
      })),
      candidates: Array.from({ length: 100 }, (_, i) => ({
        id: i,
        name: `对象${i}`,
        unitName: '青山镇',
        reasons: ['xuandiao' as const],
      })),
    },
    '35周岁以下',
  ),
  pick: pickMentorCard({
    mentee: { id: 1, name: '陈思雨', unitName: '青山镇', reasons: ['xuandiao'] },
    currentMentor: '原导师',
    mentors: Array.from({ length: 60 }, (_, i) => ({
      id: i,
      name: `领导${i}`,
      position: '副县长',
      countyLeader: i < 20,
    })),
    today: '2026-12-22',
  }),
  paired: pairedCard({
    id: 1,
    mentorId: 1,
    mentorName: '赵建国',
    menteeId: 2,
    menteeName: '陈思雨',
    menteeUnit: '青山镇',
    startDate: '2026-12-22',
    plan: '计划',
    needsReassignment: false,
  }),
  importErrors: importReportCard('结对.xlsx', {
    total: 200,
    written: 0,
    errors: Array.from({ length: 80 }, (_, i) => ({ line: i + 2, message: '未找到导师「某某」' })),
  }),
  mine: myPairsCard([], []),
};

describe('cards are valid Card JSON 2.0 at their largest', () => {
  it.each(Object.entries(cards))('%s', (_name, c) => {
    expect(validateCard(c)).toBeNull();
  });

  it('reminder cards stay consolidated and capped', () => {
    const b = buttons(cards.due).filter((x) => x.a === 'talks.open');
    expect(b.length).toBeLessThanOrEqual(30);
    expect(JSON.stringify(cards.due)).toContain('另有 180 人未列出');
  });
});

describe('待办 lists cut off by the card budget', () => {
  it('offer a 查看全部 button to the whole list, not a hint back to 待办', () => {
    const todo = JSON.stringify(cards.todo);
    expect(todo).not.toContain('发送「待办」');
    const more = buttons(cards.todo).filter((b) => b.a === 'talks.todoList');
    expect(more.map((b) => b.k)).toEqual(['overdue', 'open']);
    expect(more.every((b) => b.fresh === 1 && b.page === 0)).toBe(true);
  });

  it('the whole list pages through every cadre, 30 a page', () => {
    const t = bigTodo();
    const seen: number[] = [];
    for (let page = 0; page < 4; page++) {
      const c = todoListCard(t, 'open', page);
      seen.push(
        ...buttons(c)
          .filter((b) => b.a === 'talks.open')
          .map((b) => b.c),
      );
      const nav = buttons(c)
        .filter((b) => b.a === 'talks.todoList')
        .map((b) => b.page);
      expect(nav).toEqual(page === 0 ? [1] : page === 3 ? [2] : [page - 1, page + 1]);
      expect(JSON.stringify(c)).toContain(`第 ${page + 1}/4 页`);
    }
    expect(seen).toHaveLength(120);
    const overdue = buttons(todoListCard(t, 'overdue', 0)).filter((b) => b.a === 'talks.open');
    expect(overdue).toHaveLength(30);
  });
});

describe('what a recorded talk counts for', () => {
  it('names each satisfied period with its relation, marking 补录', () => {
    expect(
      countsForLine([
        { relation: 'unit_deputy', periodKey: '2026-11', late: true },
        { relation: 'unit_main', periodKey: '2026-Q4', late: false },
      ]),
    ).toContain('**计入**：2026年11月（单位分管领导，补录）、2026年第四季度（单位主要领导）');
    expect(countsForLine([])).toContain('不计入您的谈心谈话任务');
  });
});
