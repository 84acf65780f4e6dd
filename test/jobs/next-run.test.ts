import { describe, expect, it } from 'vitest';
import { cronMatcher, nextSlot } from '../../src/jobs/next-run.js';

const MONDAY_9 = '2026-11-30T09:00:00+08:00';

describe('nextSlot', () => {
  const cases: [string, string, string, string][] = [
    // pattern, timezone, after, expected next slot
    ['0 9 * * 1-5', 'Asia/Shanghai', MONDAY_9, '2026-12-01T09:00:00+08:00'],
    ['30 9 * * 1-5', 'Asia/Shanghai', MONDAY_9, '2026-11-30T09:30:00+08:00'],
    ['*/15 * * * *', 'Asia/Shanghai', MONDAY_9, '2026-11-30T09:15:00+08:00'],
    ['* * * * * *', 'Asia/Shanghai', MONDAY_9, '2026-11-30T09:00:01+08:00'],
    ['* * * * * *', 'Asia/Shanghai', '2026-11-30T09:00:00.500+08:00', '2026-11-30T09:00:01+08:00'],
    ['0 8 1 * *', 'Asia/Shanghai', MONDAY_9, '2026-12-01T08:00:00+08:00'],
    ['0 0 9 L * *', 'Asia/Shanghai', MONDAY_9, '2026-12-31T09:00:00+08:00'],
    ['0 0 9 L * *', 'Asia/Shanghai', '2026-11-30T08:59:59+08:00', '2026-11-30T09:00:00+08:00'],
    ['0 9 29 2 *', 'Asia/Shanghai', MONDAY_9, '2028-02-29T09:00:00+08:00'],
    ['0 18 * * 5', 'Asia/Shanghai', MONDAY_9, '2026-12-04T18:00:00+08:00'],
    ['0 0 * * *', 'Asia/Shanghai', '2026-12-31T23:59:59+08:00', '2027-01-01T00:00:00+08:00'],
    ['0 9 * * 1-5', 'UTC', MONDAY_9, '2026-11-30T09:00:00Z'],
    // New York springs forward on 2027-03-14: 09:00 that day is EDT (UTC−4).
    ['0 9 * * *', 'America/New_York', '2027-03-13T15:00:00Z', '2027-03-14T13:00:00Z'],
  ];
  it.each(cases)('%s in %s after %s → %s', (pattern, tz, after, expected) => {
    const next = nextSlot(cronMatcher(pattern, tz), pattern, tz, new Date(after));
    expect(next?.toISOString()).toBe(new Date(expected).toISOString());
  });

  it('returns null when the pattern does not match within the horizon', () => {
    const pattern = '0 9 29 2 *';
    const match = cronMatcher(pattern, 'Asia/Shanghai');
    expect(nextSlot(match, pattern, 'Asia/Shanghai', new Date(MONDAY_9), 365)).toBeNull();
  });
});
