import { describe, expect, it } from 'vitest';
import { isYoungCadre } from '../../../src/domain/org/org.rules.js';
import {
  addMonths,
  ageOutBirthCutoff,
  ageOutDate,
  applyChange,
  type EntryState,
  type PoolChange,
  tierDown,
  tierUp,
} from '../../../src/domain/pool/pool.rules.js';

describe('tiers', () => {
  it.each([
    ['long_term', 'mid_term', 'long_term'],
    ['mid_term', 'near_term', 'long_term'],
    ['near_term', null, 'mid_term'],
  ] as const)('%s: up %s, down %s', (tier, up, down) => {
    expect(tierUp(tier)).toBe(up);
    expect(tierDown(tier)).toBe(tier === 'long_term' ? null : down);
  });
});

describe('applyChange', () => {
  const active = (tier: EntryState['tier']): EntryState => ({ tier, status: 'active' });
  const cases: [string, EntryState, PoolChange, string][] = [
    ['up from mid', active('mid_term'), { action: 'tier_up' }, 'tier_changed:near_term:active'],
    ['up at top', active('near_term'), { action: 'tier_up' }, 'refused:已在「近期使用」层级'],
    ['down from mid', active('mid_term'), { action: 'tier_down' }, 'tier_changed:long_term:active'],
    [
      'proposal with fixed target',
      active('long_term'),
      { action: 'tier_up', toTier: 'near_term' },
      'tier_changed:near_term:active',
    ],
    ['set same tier', active('mid_term'), { action: 'set_tier', toTier: 'mid_term' }, 'refused:已在「中期培养」层级'],
    ['watch', active('mid_term'), { action: 'watch' }, 'watch:mid_term:watch'],
    ['watch twice', { tier: 'mid_term', status: 'watch' }, { action: 'watch' }, 'refused:已列入观察'],
    ['unwatch', { tier: 'mid_term', status: 'watch' }, { action: 'unwatch' }, 'unwatch:mid_term:active'],
    ['unwatch active', active('mid_term'), { action: 'unwatch' }, 'refused:未列入观察'],
    ['exit', active('long_term'), { action: 'exit', exitReason: 'promoted' }, 'exited:long_term:exited'],
    ['exit without reason', active('long_term'), { action: 'exit' }, 'refused:请选择出库原因'],
    ['anything after exit', { tier: 'mid_term', status: 'exited' }, { action: 'watch' }, 'refused:已调出资源库'],
  ];
  it.each(cases)('%s', (_name, state, change, expected) => {
    const out = applyChange(state, change);
    if (expected.startsWith('refused:')) {
      expect(out.ok).toBe(false);
      expect(out.ok ? '' : out.why).toContain(expected.slice('refused:'.length));
    } else {
      expect(out.ok ? `${out.kind}:${out.next.tier}:${out.next.status}` : out.why).toBe(expected);
    }
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-06-30', 12, '2027-06-30'],
  ] as const)('%s + %i months = %s', (d, m, want) => expect(addMonths(d, m)).toBe(want));
});

describe('age-out', () => {
  it.each([
    ['1991-07-15', '2026-07-15'],
    ['1992-02-29', '2027-03-01'],
    ['1996-02-29', '2031-03-01'],
    ['2000-02-29', '2035-03-01'],
  ] as const)('born %s stops being young on %s', (birth, on) => {
    expect(ageOutDate(birth, 35)).toBe(on);
    expect(isYoungCadre(birth, on, 35)).toBe(false);
    const dayBefore = new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(isYoungCadre(birth, dayBefore, 35)).toBe(true);
  });

  // Proposed exactly when the 35th birthday falls within the lead time (or has passed).
  it.each([
    ['2026-06-15', '1991-07-15', true],
    ['2026-06-15', '1991-07-16', false],
    ['2026-06-15', '1980-01-01', true],
    ['2026-01-31', '1991-02-28', true],
    ['2026-01-31', '1991-03-01', false],
  ] as const)('on %s, born %s → proposed %s', (today, birth, proposed) => {
    expect(birth <= ageOutBirthCutoff(today, 35, 1)).toBe(proposed);
  });
});
