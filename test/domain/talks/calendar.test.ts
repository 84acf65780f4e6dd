import { describe, expect, it } from 'vitest';
import { libraryKnowsYear, WorkCalendar, type YearSchedule } from '../../../src/domain/talks/talks.calendar.js';
import { parseSchedule } from '../../../src/domain/talks/talks.schedule.js';

const cal = new WorkCalendar();

describe('WorkCalendar with the chinese-days library', () => {
  it.each([
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, '国庆节最后一天（周三）'],
    ['2026-10-08', true, '节后第一天（周四）'],
    ['2026-10-10', true, '调休上班（周六）'],
    ['2026-09-20', true, '调休上班（周日）'],
    ['2026-02-14', true, '春节前调休上班（周六）'],
    ['2026-02-23', false, '春节假期（周一）'],
    ['2026-02-28', true, '春节后调休上班（周六）'],
    ['2026-01-04', true, '元旦调休上班（周日）'],
    ['2026-01-02', false, '元旦假期（周五）'],
    ['2026-11-28', false, '普通周六'],
    ['2026-11-30', true, '普通周一'],
    ['2024-02-29', true, '闰日（周四）'],
  ])('%s is a workday: %s (%s)', (date, work) => expect(cal.isWorkday(date)).toBe(work));

  it('knows the years the State Council has published, not 2027', () => {
    expect(libraryKnowsYear(2026)).toBe(true);
    expect(libraryKnowsYear(2020)).toBe(true);
    expect(libraryKnowsYear(2027)).toBe(false);
    expect(cal.source(2027)).toBe('provisional');
    expect(cal.knowsYear(2027)).toBe(false); // the December warning still asks org_admin for the official schedule
  });

  // 2027 is unknown to the library: its statutory holidays are computed (lunar dates, the solar term 清明).
  it.each([
    ['2027-01-01', false, '元旦（周五）'],
    ['2027-02-05', false, '春节 除夕（周五）'],
    ['2027-02-08', false, '春节 正月初三（周一）'],
    ['2027-02-09', true, '正月初四：暂定不放假（调休未知）'],
    ['2027-04-05', false, '清明节（周一）'],
    ['2027-06-09', false, '端午节（周三）'],
    ['2027-09-15', false, '中秋节（周三）'],
    ['2027-10-01', false, '国庆节（周五）'],
    ['2027-10-04', true, '国庆后周一：暂定上班'],
    ['2027-01-04', true, '普通周一'],
  ])('provisional 2027: %s is a workday: %s (%s)', (date, work) => expect(cal.isWorkday(date)).toBe(work));

  it('lists the provisional days of a year without an official schedule', () => {
    expect(cal.provisionalDays(2027).map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    expect(cal.provisionalDays(2026)).toEqual([]);
  });

  it.each([
    ['2026-09-30', '2026-10-09', 2, '国庆：10-08、10-09'],
    ['2026-09-30', '2026-10-10', 3, '含 10-10 调休上班'],
    ['2026-12-31', '2027-01-05', 2, '2027 暂定：01-01 元旦放假，01-04、01-05'],
    ['2026-03-31', '2026-04-08', 5, '清明 04-06 放假'],
    ['2026-06-30', '2026-06-30', 0, '当天不计'],
  ])('workdaysAfter(%s, %s) = %i (%s)', (from, to, n) => expect(cal.workdaysAfter(from, to)).toBe(n));
});

describe('WorkCalendar with an org_admin override', () => {
  const y2027: YearSchedule = {
    holidays: new Map([
      ['2027-01-01', '元旦'],
      ['2027-02-08', '春节'],
    ]),
    workdays: new Map([['2027-02-20', '春节']]),
  };
  const withOverride = new WorkCalendar(new Map([[2027, y2027]]));

  it.each([
    ['2027-01-01', false],
    ['2027-02-08', false],
    ['2027-02-20', true],
    ['2027-02-21', false],
    ['2027-02-09', true],
  ])('%s is a workday: %s', (date, work) => expect(withOverride.isWorkday(date)).toBe(work));

  it('reports the source per year', () => {
    expect(withOverride.source(2027)).toBe('override');
    expect(withOverride.knowsYear(2027)).toBe(true);
    expect(withOverride.source(2026)).toBe('library');
  });

  it('an override replaces the library for its year; statutory holidays stay days off', () => {
    const replaced = new WorkCalendar(new Map([[2026, { holidays: new Map(), workdays: new Map() }]]));
    expect(replaced.isWorkday('2026-10-05')).toBe(true); // a library 国庆 day that is not statutory
    expect(replaced.isWorkday('2026-10-01')).toBe(false); // 国庆节 is statutory: never a workday
  });

  it('the official 2027 schedule with 调休 replaces the provisional days', () => {
    const official: YearSchedule = {
      holidays: new Map(
        ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((d) => [
          d,
          '春节',
        ]),
      ),
      workdays: new Map([['2027-02-20', '春节']]),
    };
    const before = new WorkCalendar();
    const after = before.withYear(2027, official);
    expect(after.source(2027)).toBe('override');
    expect(after.provisionalDays(2027)).toEqual([]);
    expect([before.isWorkday('2027-02-09'), after.isWorkday('2027-02-09')]).toEqual([true, false]);
    expect([before.isWorkday('2027-02-20'), after.isWorkday('2027-02-20')]).toEqual([false, true]);
    expect(after.isWorkday('2027-01-01')).toBe(false); // 元旦 is statutory even if the text omitted it
    // Loaded in time it rewrites nothing; loaded on 2027-02-15 it would rewrite finished days: refused.
    expect(before.changedPastDays(after, 2027, '2027-01-20')).toEqual([]);
    expect(before.changedPastDays(after, 2027, '2027-02-15')).toEqual(['2027-02-09', '2027-02-10', '2027-02-11']);
  });
});

describe('parseSchedule', () => {
  it('parses ranges, single days and 调休 workdays', () => {
    const r = parseSchedule(
      '元旦 放假 2027-01-01 至 2027-01-03\n\n春节，放假，2027-2-6~2027-2-8\n春节 上班 2027-02-20',
      2027,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.schedule.holidays.keys()]).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
    ]);
    expect(r.schedule.workdays.get('2027-02-20')).toBe('春节');
  });

  it.each([
    ['春节 放假 2027-02-30', '第1行：日期不存在，请检查'],
    ['春节 放假 2026-02-06', '第1行：日期不在 2027 年内'],
    ['春节 放假 2027-02-10 至 2027-02-06', '第1行：结束日期早于开始日期'],
    ['春节 放假 2027-01-01 至 2027-01-31', '第1行：一段假期不能超过 16 天'],
    ['春节 上班 2027-02-22', '第1行：2027-02-22 本来就是工作日，无需登记为调休上班'],
    ['春节', '第1行：格式应为「名称 放假/上班 日期[ 至 日期]」，例如「春节 放假 2027-02-06 至 2027-02-12」'],
    ['春节 上班 2027-02-20', '没有任何放假安排，请至少填写一行「放假」'],
    ['元旦 放假 2027-01-01\n元旦 放假 2027-01-01', '第2行：2027-01-01 重复登记'],
  ])('%s → %s', (text, error) => {
    const r = parseSchedule(text, 2027);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain(error);
  });
});
