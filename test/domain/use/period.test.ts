/** `用 [起] [止]`: the period rules shared with 报告 and the ledger exports, with 用's own format hint. */
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/domain/use/use.handlers.js';

describe('用 period', () => {
  it.each([
    ['', { from: '2026-01-01', to: '2026-12-03' }],
    ['2022', { from: '2022-01-01', to: '2022-12-31' }],
    ['2026', { from: '2026-01-01', to: '2026-12-03' }],
    ['2021-10-01', { from: '2021-10-01', to: '2026-12-03' }],
    ['2021-10-01 至 2026-11-30', { from: '2021-10-01', to: '2026-11-30' }],
    ['2021-10-01 2030-01-01', { from: '2021-10-01', to: '2026-12-03' }],
  ])('%j → %j', (args, want) => {
    expect(parsePeriod(args, '2026-12-03')).toEqual(want);
  });

  it.each([
    ['2026-06-30 2026-01-01', '结束日期 2026-01-01 早于开始日期 2026-06-30，请检查统计期'],
    ['2027-01-01', '统计期 2027-01-01 起 尚未开始（今天是 2026-12-03）'],
    ['2027', '统计期 2027-01-01 至 2027-12-31 尚未开始'],
    ['去年', '日期格式有误，例如：用 2022'],
    ['2022-02-30', '日期格式有误'],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parsePeriod(args, '2026-12-03')).toThrow(message);
  });
});
