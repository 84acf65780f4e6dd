/**
 * The base "now" of tests that do not pin a date: the wall clock, or `QM_TEST_NOW` when set
 * (CI runs those tests again with the clock pinned to awkward dates, e.g. a 29 February and a
 * 31 December evening in Asia/Shanghai, to prove nothing depends on the real calendar day).
 */
import { SettableClock } from '../../src/clock.js';

export function testBaseNow(): Date {
  const pinned = process.env.QM_TEST_NOW;
  if (!pinned) return new Date();
  const at = new Date(pinned);
  if (Number.isNaN(at.getTime())) throw new Error(`QM_TEST_NOW is not a date: ${pinned}`);
  return at;
}

/** A clock at the test base now: frozen (commands, jobs), or running from there (emulator flows). */
export function testClock(opts: { running?: boolean } = {}): SettableClock {
  const clock = new SettableClock();
  if (opts.running) clock.set(testBaseNow());
  else clock.freeze(testBaseNow());
  return clock;
}
