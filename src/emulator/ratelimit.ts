/** A sliding-window limiter like Feishu's gateway: at most `limit` calls per key in any `windowMs`. */
export interface Verdict {
  ok: boolean;
  limit: number;
  /** Seconds until a call would be accepted again (Feishu's x-ogw-ratelimit-reset). */
  resetSeconds: number;
}

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a call at `now` (ms, monotonic) if it fits; refused calls are not counted. */
  hit(key: string, now: number): Verdict {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      const waitMs = list[0] + this.windowMs - now;
      return { ok: false, limit: this.limit, resetSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    list.push(now);
    this.hits.set(key, list);
    return { ok: true, limit: this.limit, resetSeconds: 0 };
  }
}

/** Feishu's documented limits for sending: 50/s and 1000/min per app, 5/s per receiver (user or chat), 5/s per patched message. */
export class RateLimits {
  readonly appPerSecond = new SlidingWindow(50, 1000);
  readonly appPerMinute = new SlidingWindow(1000, 60_000);
  readonly perTarget = new SlidingWindow(5, 1000);

  /** Checks the app limits for `api`, then the per-target one; the first refusal wins. */
  check(api: string, target: string, now: number): Verdict {
    for (const [w, key] of [
      [this.appPerSecond, api],
      [this.appPerMinute, api],
      [this.perTarget, `${api}:${target}`],
    ] as const) {
      const v = w.hit(key, now);
      if (!v.ok) return v;
    }
    return { ok: true, limit: this.appPerSecond.limit, resetSeconds: 0 };
  }
}
