/**
 * Finding 5: user- and data-supplied text in card Markdown is inert. Seeded random strings of Markdown, HTML
 * and <at> metacharacters go through the card builders; every markdown element must show them literally
 * (entities decode back to the text) and never carry a link, a mention or a tag that came from the data.
 */
import { describe, expect, it } from 'vitest';
import { importReportCard as assessmentReport } from '../../../src/domain/assessments/assessments.cards.js';
import {
  detailCard as clueDetailCard,
  escalationCard as clueEscalationCard,
  listCard as clueListCard,
  overdueCard as clueOverdueCard,
  reportFormCard as clueReportFormCard,
  talkNeededCard as clueTalkNeededCard,
} from '../../../src/domain/clues/clues.cards.js';
import {
  importPreviewCard as dispatchImportPreviewCard,
  escalationCard,
  evaluationFormCard,
  importProblemsCard,
  missingReportsCard,
  monthlyDigestCard,
  reportFormCard,
  reportSummaryCard,
} from '../../../src/domain/dispatches/dispatches.cards.js';
import { helpCard, welcomeCard } from '../../../src/domain/help/help.cards.js';
import {
  cadreLedgerCard,
  importCard as ledgerImportCard,
  ledgerProfileElements,
  taskCard as ledgerTaskCard,
  tasksCard as ledgerTasksCard,
} from '../../../src/domain/ledger/ledger.cards.js';
import {
  importReportCard as mentoringReport,
  myPairsCard,
  pairedCard,
} from '../../../src/domain/mentoring/mentoring.cards.js';
import { observationElements, savedCard } from '../../../src/domain/observations/observations.cards.js';
import { noMatchCard, pickListCard, profileCard } from '../../../src/domain/org/org.cards.js';
import {
  importPreviewCard,
  importResultCard,
  rosterProfileElements,
} from '../../../src/domain/org/roster/roster.cards.js';
import { structureResultCard } from '../../../src/domain/org/structure/structure.cards.js';
import { outcomeCard, pendingCard } from '../../../src/domain/recommendations/recommendations.review.cards.js';
import { digestCard, reportCard, reportFailedCard } from '../../../src/domain/reports/reports.cards.js';
import { talkSummaryCard } from '../../../src/domain/talks/talks.cards.js';
import { dueReminderCard } from '../../../src/domain/talks/talks.reminder.cards.js';
import {
  absenceReminderCard,
  attendanceCard,
  classCard,
  importPreviewCard as trainingImportPreviewCard,
  importProblemsCard as trainingImportProblemsCard,
  overviewCard as trainingOverviewCard,
  recordCard as trainingRecordCard,
} from '../../../src/domain/training/training.cards.js';
import { awardPreviewCard, awardsCard, profileAwardLines } from '../../../src/domain/use/awards/awards.cards.js';
import { rankingPreviewCard, rankingProposalCard } from '../../../src/domain/use/rankings/rankings.cards.js';
import { forecastCard, structureCard, warningCard, whatIfCard } from '../../../src/domain/use/structure/teams.cards.js';
import { EMPTY_MEASURES, type StructureRule } from '../../../src/domain/use/structure/teams.rules.js';
import { card, mdText } from '../../../src/feishu/cards/atoms.js';

const PIECES = [
  '[',
  ']',
  '(',
  ')',
  '*',
  '**',
  '_',
  '~~',
  '`',
  '#',
  '>',
  '<',
  '&',
  '|',
  '\\',
  '$',
  '!',
  '-',
  '+',
  '1.',
  ':',
  '//',
  '<at id=all></at>',
  '<font color="red">',
  '](https://evil.example/login)',
  'https://evil.example',
  '&lt;',
  '&#42;',
  '\n',
  ' ',
  '张三',
  '青山镇',
  '紧急：请点此重新登录',
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function payloads(n: number): string[] {
  const rnd = seeded(20261203);
  const fixed = [
    '[紧急：请点此重新登录](https://evil.example/login) <at id=all></at>',
    '139****0005',
    '**粗**',
    '- 列表\n# 标题',
  ];
  const random = Array.from({ length: n }, () =>
    Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join(''),
  );
  return [...fixed, ...random];
}

const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_m, d) => String.fromCharCode(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function markdownOf(x: unknown): string[] {
  const out: string[] = [];
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      if (v.tag === 'markdown') out.push(String(v.content));
      Object.values(v).forEach(walk);
    }
  };
  walk(x);
  return out;
}

/** Every builder, fed `s` in each user- or data-supplied string. */
function builders(s: string): [string, unknown][] {
  const person = {
    id: 1,
    name: s,
    gender: '女',
    birthDate: '1996-03-15',
    education: '大学',
    educationDetail: s,
    unitName: s,
    position: s,
    leadershipLevel: s,
    rank: null,
    cadreType: '公务员',
    politicalStatus: s,
    isXuandiao: false,
    isSecondee: false,
    townshipWorkStart: null,
    mobile: s,
    idNumber: s,
  };
  const talk = {
    id: 1,
    talkerPersonId: 1,
    talkerName: s,
    cadrePersonId: 2,
    cadreName: s,
    cadreUnit: s,
    talkDate: '2026-11-30',
    kind: 'regular',
    tone: 'warning',
    topics: [s, s],
    notes: s,
    problems: [{ id: 1, text: s, status: 'open', solvedOn: null }],
  };
  const pair = {
    id: 1,
    mentorId: 1,
    mentorName: s,
    menteeId: 2,
    menteeName: s,
    menteeUnit: s,
    startDate: '2026-01-01',
    plan: s,
    needsReassignment: true,
  };
  const item = {
    cadre: { id: 2, name: s, unitName: s, position: s },
    periodKey: '2026-12',
    periodEnd: '2026-12-31',
    daysLeft: 3,
    relation: 'deputy',
    periodKind: 'month',
    lastTalkDate: null,
  } as never;
  const errors = [{ sheet: s, row: 2, column: s, message: s }];
  const part = { chapter: '管', title: s, order: 1, kept: true, sentences: [s], figures: [], charts: [] } as never;
  const report = {
    title: s,
    period: { from: '2026-01-01', to: '2026-06-30' },
    previous: { from: '2025-01-01', to: '2025-06-30' },
    periodLabel: s,
    scopeLabel: s,
    asOf: '2026-06-30',
    empty: false,
    chapters: [
      { chapter: '管', heading: s, missing: null, parts: [part] },
      { chapter: '用', heading: s, missing: s, parts: [] },
    ],
  } as never;
  return [
    ['reportCard', reportCard(report)],
    ['reportFailedCard', reportFailedCard(s)],
    ['digestCard', digestCard(s, s, [{ title: s, order: 10, lines: [s, s] }])],
    ['helpCard', helpCard({ sections: [{ group: '选', commands: [{ words: [s, s], help: s }] }], buttons: [] }, s)],
    ['welcomeCard', welcomeCard(s, [{ words: [s], help: s }])],
    ['noMatchCard', noMatchCard(s)],
    ['pickListCard', pickListCard(s, [{ ...person, birthDate: '1996-03-15' } as never], false)],
    ['profileCard', profileCard(person as never, '2026-11-30', 35)],
    ['savedCard', savedCard(s, s, s)],
    [
      'observationElements',
      observationElements([
        {
          o: {
            observedOn: '2026-11-01',
            frontline: s,
            project: s,
            performance: s,
            evaluations: s,
            results: s,
            flaws: s,
          },
          observerName: s,
        } as never,
      ]),
    ],
    ['talkSummaryCard', talkSummaryCard(talk as never)],
    ['dueReminderCard', dueReminderCard(s, [item])],
    [
      'roster importResultCard',
      importResultCard({ ok: false, fileName: s, total: 1, errors, ignoredHeaders: [s] } as never, null),
    ],
    [
      'roster importPreviewCard',
      importPreviewCard(
        {
          ok: true,
          fileName: s,
          total: 1,
          created: 0,
          updated: 1,
          unchanged: 0,
          skippedRows: 1,
          errors: [],
          ignoredHeaders: [s],
          columns: [
            { sheet: s, header: s, field: 'name' },
            { sheet: s, header: s, hidden: true },
          ],
          updates: [{ row: 2, sheet: s, name: s, fields: [s] }],
        } as never,
        'token',
      ),
    ],
    [
      'roster importPreviewCard (refused)',
      importPreviewCard({ ok: false, fileName: s, total: 1, errors, columns: [], updates: [] } as never, null),
    ],
    [
      'roster profile section',
      card({ title: 't' }, rosterProfileElements({ ethnicity: s, nativePlace: s, fullTimeSchool: s, workStart: null })),
    ],
    [
      'structureResultCard',
      structureResultCard({ ok: false, fileName: s, errors, ignoredSheets: [s], sheets: [s] } as never),
    ],
    ['assessments importReportCard', assessmentReport(s, { ok: false, total: 1, errors } as never)],
    ['mentoring importReportCard', mentoringReport(s, { total: 1, written: 0, errors: [{ line: 2, message: s }] })],
    ...clueCards(s),
    ['pairedCard', pairedCard(pair)],
    ['myPairsCard', myPairsCard([pair], [pair])],
    ['outcomeCard', outcomeCard({ personName: s, list: 'A', accepted: false, declineReason: s })],
    [
      'pendingCard',
      pendingCard(
        [{ id: 1, personName: s, unitName: s, list: 'A', recommenderName: s, createdOn: '2026-11-30' }],
        1,
        0,
        10,
      ),
    ],
    ...useCards(s),
    ...awardRankingCards(s),
    ...dispatchCards(s),
    ...trainingCards(s),
  ];
}

/** 选派墩苗 cards with every data string set to the payload. */
function dispatchCards(s: string): [string, unknown][] {
  const a = {
    id: 1,
    personId: 1,
    personName: s,
    openId: null,
    homeUnitId: 1,
    batchId: 1,
    batchName: s,
    kind: 'rotation',
    cadence: 'monthly',
    countyId: 1,
    destUnitId: null,
    destUnitName: null,
    destPlace: s,
    hostUnitName: s,
    hostContactPersonId: null,
    startDate: '2026-03-01',
    plannedEnd: '2026-05-31',
    endedOn: null,
    status: 'on_post',
    termNoticeOn: null,
  } as never;
  const report = {
    workDone: s,
    problems: s,
    helpNeeded: s,
    nextSteps: s,
    periodKey: '2026-04',
    kind: 'report',
    version: 2,
    submittedOn: '2026-04-30',
    late: false,
  };
  return [
    ['dispatch reportFormCard', reportFormCard(a, '2026-04', 'report', { due: '2026-04-30', reminder: 'overdue' })],
    [
      'dispatch reportSummaryCard',
      reportSummaryCard(a, report, { canCorrect: true, attachments: [{ id: 1, fileName: s }] }),
    ],
    ['dispatch missingReportsCard', missingReportsCard({ id: 1, name: s, kind: 'rotation' }, [])],
    [
      'dispatch escalationCard',
      escalationCard([{ name: s, batch: s, periodKey: '2026-04', due: '2026-04-30', workdaysLate: 3 }]),
    ],
    ['dispatch evaluationFormCard', evaluationFormCard(a)],
    [
      'dispatch monthlyDigestCard',
      monthlyDigestCard(s, s, [
        {
          batchId: 1,
          batch: s,
          kind: 'rotation',
          expected: 1,
          submitted: 0,
          missing: 1,
          endingThisMonth: 0,
          endingNextMonth: 1,
        },
      ]),
    ],
    ['dispatch importPreviewCard', dispatchImportPreviewCard(1, s, [{ batch: s, count: 1 }])],
    ['dispatch importProblemsCard', importProblemsCard(s, 1, [{ line: 2, message: s }])],
  ];
}

/** 教育培训 cards with every data string set to the payload. */
function trainingCards(s: string): [string, unknown][] {
  const stats = {
    id: 1,
    name: s,
    cohort: s,
    startDate: s,
    endDate: s,
    contactPersonId: 1,
    trainees: 30,
    premium: 6,
    small: 4,
    present: 280,
    absent: 12,
    leave: 8,
  };
  const course = {
    id: 1,
    classId: 1,
    kind: 'premium' as const,
    topic: s,
    lecturer: s,
    heldOn: s,
    organizer: s,
    present: 1,
    marked: 2,
  };
  const record = { className: s, cohort: s, kind: 'small' as const, topic: s, heldOn: s, mark: 'absent' as const };
  return [
    ['training overviewCard', trainingOverviewCard([stats])],
    ['training classCard', classCard(stats, [course], { canAddCourse: true })],
    ['training attendanceCard', attendanceCard(course, [{ personId: 1, name: s, unitName: s, mark: 'leave' }])],
    ['training recordCard', trainingRecordCard(s, [record])],
    ['training absenceReminderCard', absenceReminderCard([{ topic: s, heldOn: s, className: s }])],
    ['training importPreviewCard', trainingImportPreviewCard(1, s, [{ course: s, count: 1 }])],
    ['training importProblemsCard', trainingImportProblemsCard(s, 1, [{ line: 2, message: s }])],
  ];
}

/** 班子结构 cards: unit and member names from the data. */
function useCards(s: string): [string, unknown][] {
  const rule: StructureRule = {
    id: 'team_min_young',
    scope: 'team',
    kinds: ['township'],
    measure: 'young',
    minCount: 1,
  };
  const breaks = [
    {
      rule,
      unitId: 1,
      unitName: s,
      date: '2027-03-01',
      member: { personId: 2, name: s, birthDate: '1991-03-01' },
      count: 0,
      size: 3,
    },
  ];
  const labels = { young: '35周岁以下', under30: '30周岁以下' };
  const m = { ...EMPTY_MEASURES, size: 3 };
  const teams = [{ unitId: 1, unitName: s, kind: 'township', measures: m }];
  const view = { countyName: s, on: '2026-11-30', until: '2027-11-30', teams, township: m, department: m, breaks };
  const side = { team: m, county: m, breaks };
  return [
    ['structureCard', structureCard(view, labels)],
    [
      'forecastCard',
      forecastCard(
        { countyName: s, on: '2026-11-30', points: [{ date: '2026-11-30', measures: m, teamsBelowMin: [s] }], breaks },
        labels,
      ),
    ],
    ['whatIfCard', whatIfCard({ cadre: s, unitName: s, on: '2026-11-30', before: side, after: side }, labels)],
    ['warningCard', warningCard({ countyName: s, on: '2026-11-30', breaks }, labels)],
  ];
}

/** 表彰 and 六零创建 cards: batch names, cadre and unit names, townships, titles, scores, row errors. */
function awardRankingCards(s: string): [string, unknown][] {
  const batches = [
    {
      id: 1,
      kind: s,
      name: s,
      date: '2024-01-15',
      promoted: 1,
      awardees: [
        { personId: 1, name: s, unitName: s, promotedOn: '2024-06-01' },
        { personId: 2, name: s, unitName: s, promotedOn: null },
      ],
    },
  ];
  const draft = { line: 2, kind: s, batch: s, date: '2024-01-15', personId: 1, name: s };
  const members = [{ personId: 1, name: s, title: s }];
  const view = {
    year: 2025,
    count: 2,
    rows: [
      { unitId: 1, township: s, score: s, rank: 1, flag: 'top' as const, members },
      { unitId: 2, township: s, score: s, rank: 2, flag: 'bottom' as const, members },
    ],
  };
  return [
    ['awardPreviewCard', awardPreviewCard(s, { drafts: [draft], errors: [], pendingId: 1 })],
    ['awardPreviewCard errors', awardPreviewCard(s, { drafts: [], errors: [{ row: 2, message: s }], pendingId: null })],
    ['awardsCard', awardsCard(s, batches, 12)],
    ['profileAwardLines', card({ title: 't' }, profileAwardLines(batches))],
    [
      'rankingPreviewCard errors',
      rankingPreviewCard(s, { drafts: [], errors: [{ row: 2, message: s }], replaces: [], pendingId: null }),
    ],
    ['rankingProposalCard', rankingProposalCard(s, view)],
  ];
}

/** 问题线索 cards: every field a user typed or the roster holds. */
function clueCards(s: string): [string, unknown][] {
  const clue = {
    id: 1,
    step: 'closing',
    source: 'petition',
    severity: 'minor',
    summary: s,
    evidence: s,
    reportedOn: '2026-11-30',
    dueOn: '2026-12-08',
    correction: s,
    finding: 'partly',
    handling: s,
    returnReason: s,
  };
  const row = { id: 1, step: 'reported', dueOn: '2026-12-01', stepSince: '2026-11-30', cadreName: s, unitName: s };
  const detail = {
    level: 'details',
    clue,
    roles: ['org_admin'],
    cadreName: s,
    unitName: s,
    reporterName: s,
    leaderName: s,
    events: [{ e: { at: new Date('2026-11-30T02:00:00Z'), toStep: 'reported', note: s }, actorName: s }],
    leaders: [],
    attachments: [{ id: 1, fileName: s, size: '1.2 MB', uploaderName: s, at: '2026-11-30 10:00' }],
    canAttach: true,
  };
  const item = { id: 1, step: 'reminding', dueOn: '2026-12-01', cadreName: s };
  return [
    ['clue reportFormCard', clueReportFormCard({ cadres: [], nonce: 'n', filter: s })],
    ['clue listCard', clueListCard({ rows: [row], canReport: true, level: 'details', today: '2026-12-03' } as never)],
    ['clue detailCard', clueDetailCard(detail as never)],
    ['clue talkNeededCard', clueTalkNeededCard({ id: 1, cadreName: s, unitName: s, due: '2026-12-08' })],
    ['clue overdueCard', clueOverdueCard([item as never])],
    ['clue escalationCard', clueEscalationCard([{ ...item, ownerName: s } as never])],
    ...ledgerCards(s),
  ];
}

/** 跟踪考核台账 cards. */
function ledgerCards(s: string): [string, unknown][] {
  const task = { id: 1, name: s, startOn: '2026-01-01', endOn: null, leadUnitId: 1, countyId: 1 };
  const entry = {
    id: 1,
    taskId: 1,
    taskName: s,
    cadrePersonId: 1,
    cadreName: s,
    unitName: s,
    role: s,
    rating: 'good',
    facts: s,
    entryOn: '2026-11-01',
    recordedBy: s,
  };
  return [
    ['ledger tasksCard', ledgerTasksCard([{ t: task, leadUnitName: s, entries: 1 }] as never, true, '2026-12-03')],
    ['ledger taskCard', ledgerTaskCard(task as never, s, [entry] as never, '2026-12-03')],
    ['ledger cadreLedgerCard', cadreLedgerCard(s, [entry] as never)],
    ['ledger profile', ledgerProfileElements([entry] as never)],
    [
      'ledger importCard',
      ledgerImportCard(s, { total: 1, written: 0, proposals: 0, errors: [{ line: 2, message: s }] }),
    ],
  ];
}

describe('card Markdown escaping', () => {
  it('mdText output decodes back to the text and contains no live syntax', () => {
    for (const s of payloads(300)) {
      const e = mdText(s);
      expect(decode(e)).toBe(s);
      const bare = e.replace(/&#\d+;|&lt;|&gt;|&amp;/g, '');
      expect(bare).not.toMatch(/[<>*_~`[\]()#|\\$!&]/);
      expect(e).not.toMatch(/^\s*([-+]|\d+\.)/m);
      expect(e).not.toContain('://');
    }
  });

  it('the digest @mentions open_ids only: nothing else becomes an <at> tag', () => {
    const forged = ['ou_ok', 'ou_x></at><at id=all', 'all', '<at id=all></at>', 'ou_a b', 'ou_"x"', 'ou_x/y'];
    const c = digestCard('周报', '仅统计数字', [{ title: 't', order: 1, lines: ['l'] }], { openIds: forged, more: 0 });
    const all = markdownOf(c).join('\n');
    expect([...all.matchAll(/<at\b[^>]*>/g)].map((m) => m[0])).toEqual(['<at id=ou_ok>']);
    expect(all).not.toContain('id=all');
  });

  it.each(payloads(60).map((s, i) => [i, s]))('payload %i stays literal in every card builder', (_i, s) => {
    for (const [name, built] of builders(s as string)) {
      const contents = markdownOf(built);
      const all = contents.join('\n');
      expect(all, name).toContain(mdText(s));
      expect(all, name).not.toMatch(/<at\b|<a\b|<link\b|\]\(/);
      expect(all, name).not.toContain('://');
    }
  });
});
