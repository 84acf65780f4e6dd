import { describe, expect, it } from 'vitest';
import { jobSummary } from '../../src/emulator/console/job-summary.js';
import { parseClockInput } from '../../src/emulator/console/tools.js';

const latinKey = /[a-zA-Z]{3,}/;

describe('console job summaries (zh-CN, no raw JSON)', () => {
  it.each([
    [
      'talks.reminders',
      { date: '2026-12-28', due: 278, overdue: 12, escalations: 1, calendarWarnings: 0, unreachable: 3 },
      '2026年12月28日：向 278 位领导发送谈话提醒，向 12 位领导发送逾期提醒，报组织部门 1 份逾期名单，3 位领导未绑定飞书、未能送达',
    ],
    ['talks.reminders', { date: '2026-12-26', skipped: 'not_workday', due: 0 }, '2026年12月26日：非工作日，未发送'],
    [
      'reports.digest',
      { date: '2026-12-07', sent: true, sections: ['谈话', '线索'] },
      '2026年12月7日：已向领导群发送周报（2 项：谈话、线索）',
    ],
    ['reports.monthly', { date: '2026-12-01', sent: 0, skipped: '非工作日' }, '2026年12月1日：非工作日，未发送'],
    ['pool.age-out', { proposed: 4 }, '生成超龄出库建议 4 条，待组织部门确认'],
    ['clues.reminders', { reminded: 0, escalated: 0 }, '无需发送'],
    ['dispatches.reminders', { workday: false, due: 0 }, '非工作日，未发送'],
    [
      'system.prune',
      { processedEvents: 5, jobRuns: 1, inboxEvents: 2 },
      '已清理事件去重记录 5 条、收件箱事件 2 条、任务运行记录 1 条',
    ],
  ])('%s %j', (name, result, line) => {
    expect(jobSummary(name, result)).toBe(line);
  });

  it('reads an unknown job through the key dictionary and never shows English keys', () => {
    const line = jobSummary('demo.digest', { sent: 1, weirdKey: 'x', nested: { a: 1 } });
    expect(line).toBe('发送 1，另有 2 项结果');
    expect(line).not.toMatch(latinKey);
    expect(jobSummary('demo.none', null)).toBe('已完成');
    expect(jobSummary('demo.none', {})).toBe('已完成，没有需要发送的内容');
  });
});

describe('console clock input (yyyy-MM-dd HH:mm, 24 h)', () => {
  it.each([
    ['2026-12-22 09:00', '2026-12-22T09:00:00+08:00'],
    ['2026-12-22 21:30', '2026-12-22T21:30:00+08:00'],
    ['2026-12-22T9:05', '2026-12-22T09:05:00+08:00'],
    ['12/22/2026 09:00 AM', null],
    ['2026-02-30 09:00', null],
    ['2026-12-22 24:00', null],
  ])('%s', (v, iso) => expect(parseClockInput(v)).toBe(iso));
});
