import { describe, expect, it } from 'vitest';
import {
  JITTER_MS,
  KeyedSchedules,
  perSecond,
  SendRateLimiter,
  type TimeSource,
  WindowSchedule,
} from '../../src/feishu/rate-limit.js';

/** Virtual time: sleepers wake in order as time is advanced, so concurrent waits are modelled honestly. */
class VirtualTime implements TimeSource {
  t = 0;
  private sleepers: { at: number; wake: () => void }[] = [];
  nowMs() {
    return this.t;
  }
  sleep(ms: number) {
    return new Promise<void>((wake) => this.sleepers.push({ at: this.t + ms, wake }));
  }
  /** Runs until every sleeper has woken (and whatever they scheduled after). */
  async run() {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (this.sleepers.length === 0) return;
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.wake();
    }
  }
}

/** The most grants that fall in any window of `ms` starting at a grant. */
function busiest(times: number[], ms: number): number {
  const t = [...times].sort((x, y) => x - y);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[j] <= t[i] - ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('window schedule (Feishu’s sliding windows)', () => {
  it.each([
    // limit per second, requests, when the last one is granted (ms)
    // Spread over the window as if it were JITTER_MS (50 ms) longer: 50 a second are 21 ms apart.
    [50, 1, 0],
    [50, 50, 49 * 21],
    [50, 51, 1050],
    [50, 150, 149 * 21],
    [5, 10, 9 * 210],
    [5, 11, 2100],
  ])('%s a second: %s requests, the last at %s ms, never more than the limit in any second', (limit, n, last) => {
    const time = new VirtualTime();
    const s = new WindowSchedule([{ limit, windowMs: 1000 }], time);
    const waits = Array.from({ length: n }, () => s.reserve());
    expect(Math.max(...waits)).toBe(last);
    expect(busiest(waits, 1000 + JITTER_MS)).toBeLessThanOrEqual(limit);
  });

  it('keeps both the second and the minute window: 1,000 a minute at up to 50 a second', () => {
    const time = new VirtualTime();
    const s = new WindowSchedule([perSecond(50), { limit: 1000, windowMs: 60_000 }], time);
    const waits = Array.from({ length: 1100 }, () => s.reserve());
    expect(busiest(waits, 1000 + JITTER_MS)).toBe(50);
    expect(busiest(waits, 60_000)).toBe(1000);
    // The first 1,000 go at the second's pace (21 ms apart), the next wait for the minute to roll on.
    expect(waits[999]).toBe(999 * 21);
    expect(waits[1000]).toBe(60_000 + JITTER_MS);
  });

  it('saves nothing up while idle beyond the window', () => {
    const time = new VirtualTime();
    const s = new WindowSchedule([{ limit: 2, windowMs: 1000 }], time);
    s.reserve();
    time.t = 10_000;
    expect([s.reserve(), s.reserve(), s.reserve()]).toEqual([0, 525, 1050]);
  });

  it('waits out a pause the server asked for', () => {
    const time = new VirtualTime();
    const s = new WindowSchedule([perSecond(50)], time);
    s.pause(1000);
    expect(s.delay()).toBe(1000);
    expect(s.reserve()).toBe(1000);
  });

  it('forgets idle keyed schedules only when their window has passed', () => {
    const time = new VirtualTime();
    const keyed = new KeyedSchedules([perSecond(5)], time);
    keyed.get('a').reserve();
    expect(keyed.get('a').idle()).toBe(false);
    time.t = 1050;
    expect(keyed.get('a').idle()).toBe(true);
  });

  it('turns a rate below one a second into one request per longer window', () => {
    expect(perSecond(0.5)).toEqual({ limit: 1, windowMs: 2000 });
    expect(perSecond(5)).toEqual({ limit: 5, windowMs: 1000 });
  });
});

describe('send rate limiter', () => {
  it('keeps 5/s per receiver and 50/s for the app with many concurrent senders', async () => {
    const time = new VirtualTime();
    const limiter = new SendRateLimiter({ appRate: 50, targetRate: 5 }, time);
    const grants: { target: string; at: number }[] = [];
    const senders = Array.from({ length: 20 }, (_, i) => `ou_${i}`).map(async (target) => {
      for (let k = 0; k < 10; k++) {
        await limiter.acquire(target);
        grants.push({ target, at: time.nowMs() });
      }
    });
    const done = Promise.all(senders);
    await time.run();
    await done;
    expect(grants).toHaveLength(200);
    // The app is the bottleneck: 200 sends 21 ms apart (50 in any 1,050 ms).
    expect(Math.max(...grants.map((g) => g.at))).toBe(199 * 21);
    expect(
      busiest(
        grants.map((g) => g.at),
        1000 + JITTER_MS,
      ),
    ).toBeLessThanOrEqual(50);
    for (const target of new Set(grants.map((g) => g.target)))
      expect(
        busiest(
          grants.filter((g) => g.target === target).map((g) => g.at),
          1000 + JITTER_MS,
        ),
      ).toBeLessThanOrEqual(5);
  });

  it('never lets the app above 50 in any second, whatever the receivers', async () => {
    const time = new VirtualTime();
    const limiter = new SendRateLimiter({ appRate: 50, targetRate: 5, appPerMinute: 1000 }, time);
    const at: number[] = [];
    const senders = Array.from({ length: 300 }, (_, i) => `ou_${i}`).map(async (target) => {
      await limiter.acquire(target);
      at.push(time.nowMs());
    });
    const done = Promise.all(senders);
    await time.run();
    await done;
    expect(at).toHaveLength(300);
    expect(busiest(at, 1000 + JITTER_MS)).toBe(50);
    expect(Math.max(...at)).toBe(299 * 21);
  });

  it('lets one receiver go at its own limit, less the jitter margin, when the app is idle', async () => {
    const time = new VirtualTime();
    const limiter = new SendRateLimiter({ appRate: 50, targetRate: 5 }, time);
    const at: number[] = [];
    const done = (async () => {
      for (let k = 0; k < 6; k++) {
        await limiter.acquire('oc_chat');
        at.push(time.nowMs());
      }
    })();
    await time.run();
    await done;
    // 5 in any second, spread: 210 ms apart, the sixth when the first's window (plus JITTER_MS) has passed.
    expect(at).toEqual([0, 210, 420, 630, 840, 1050]);
  });
});
