import { describe, expect, it } from 'vitest';
import { KeyedBuckets, SendRateLimiter, type TimeSource, TokenBucket } from '../../src/feishu/rate-limit.js';

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

describe('token bucket', () => {
  it.each([
    // rate, burst, tokens, when the last one is granted (ms)
    [50, 1, 1, 0],
    [50, 1, 2, 20],
    [50, 1, 100, 1980],
    [50, 5, 100, 1900],
    [5, 1, 10, 1800],
    [0.5, 1, 3, 4000],
  ])('at %s/s with burst %s grants %s tokens by %s ms', (rate, burst, n, last) => {
    const time = new VirtualTime();
    const bucket = new TokenBucket(rate, burst, time);
    const waits = Array.from({ length: n }, () => bucket.reserve());
    expect(Math.max(...waits)).toBeCloseTo(last, 6);
    // Never more than `burst` tokens at once, then exactly one per interval: the limit, not below it.
    expect(waits.filter((w) => w === 0)).toHaveLength(Math.min(n, burst));
  });

  it('does not save up more than the burst while idle', () => {
    const time = new VirtualTime();
    const bucket = new TokenBucket(10, 2, time);
    bucket.reserve();
    time.t = 10_000;
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
  });

  it('waits out a pause the server asked for', () => {
    const time = new VirtualTime();
    const bucket = new TokenBucket(50, 5, time);
    bucket.pause(1000);
    expect(bucket.delay()).toBe(1000);
    expect(bucket.reserve()).toBe(1000);
  });

  it('forgets idle keyed buckets only when they are full again', () => {
    const time = new VirtualTime();
    const keyed = new KeyedBuckets(5, 1, time);
    keyed.get('a').reserve();
    expect(keyed.get('a').idle()).toBe(false);
    time.t = 1000;
    expect(keyed.get('a').idle()).toBe(true);
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
    // App: 200 sends at 50/s with a burst of 5 take (200 - 5) × 20 ms.
    expect(Math.max(...grants.map((g) => g.at))).toBeCloseTo(3900, 6);
    for (let start = 0; start < 4000; start += 100) {
      const inWindow = grants.filter((g) => g.at >= start && g.at < start + 1000);
      expect(inWindow.length).toBeLessThanOrEqual(50 + 5);
      const perTarget = new Map<string, number>();
      for (const g of inWindow) perTarget.set(g.target, (perTarget.get(g.target) ?? 0) + 1);
      expect(Math.max(...perTarget.values())).toBeLessThanOrEqual(5);
    }
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
    // 5 a second, spaced as if each second were JITTER_MS (50 ms) longer: 210 ms apart.
    expect(at).toEqual([0, 210, 420, 630, 840, 1050]);
  });
});
