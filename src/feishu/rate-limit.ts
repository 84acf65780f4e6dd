import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Room left in every window for sends that go a little late and for the network's jitter: Feishu counts when
 * a request arrives, not when it left, so slots are spaced as if each window were this much longer (≥ 95% of
 * the limit for Feishu's 50/s; measured arrival jitter on a loaded 2-core host reached 30–40 ms).
 */
export const JITTER_MS = 50;

/** Real elapsed time for rate limiting (monotonic: unaffected by the app clock or by wall-clock jumps). */
export interface TimeSource {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const monotonic: TimeSource = {
  nowMs: () => performance.now(),
  sleep: (ms) => sleep(ms),
};

/** One limit as Feishu counts it: at most `limit` requests in any `windowMs`. */
export interface Window {
  limit: number;
  windowMs: number;
}

/** `rate` requests a second as a window: 5 → 5 in any second; 0.5 → 1 in any 2 seconds. */
export function perSecond(rate: number): Window {
  if (!(rate > 0)) throw new Error('rate must be positive');
  return rate >= 1 ? { limit: Math.floor(rate), windowMs: 1000 } : { limit: 1, windowMs: 1000 / rate };
}

/**
 * Feishu's sliding windows, scheduled: each reservation gets the earliest slot at which every window still has
 * room, counting the slots already given out, spread evenly over the shortest window (so it never goes above a
 * limit, and a busy sender gets the whole limit, not an average below it). Slots are spaced as if each window were JITTER_MS longer, because
 * Feishu counts a request when it arrives.
 */
export class WindowSchedule {
  /** The slots given out, in order; only the last max(limit) matter. */
  private slots: number[] = [];
  private pausedUntil = Number.NEGATIVE_INFINITY;
  private readonly keep: number;
  private readonly spacing: number;

  constructor(
    private readonly windows: Window[],
    private readonly time: TimeSource = monotonic,
  ) {
    if (windows.length === 0 || windows.some((w) => !(w.limit >= 1) || !(w.windowMs > 0)))
      throw new Error('each window needs a limit ≥ 1 and a length > 0');
    this.keep = Math.max(...windows.map((w) => w.limit));
    this.spacing = Math.min(...windows.map((w) => (w.windowMs + JITTER_MS) / w.limit));
  }

  private next(now: number): number {
    let at = Math.max(now, this.pausedUntil);
    const n = this.slots.length;
    // Spread over the shortest window rather than all at once: a burst of 50 requests leaves together but
    // arrives spread by the network, and the tail of one burst would meet the head of the next.
    if (n > 0) at = Math.max(at, this.slots[n - 1] + this.spacing);
    for (const w of this.windows) if (n >= w.limit) at = Math.max(at, this.slots[n - w.limit] + w.windowMs + JITTER_MS);
    return at;
  }

  /** How long until a slot is free, without taking one (0 = now). */
  delay(): number {
    const now = this.time.nowMs();
    return this.next(now) - now;
  }

  /** Takes the next free slot and returns how long to wait for it. */
  reserve(): number {
    const now = this.time.nowMs();
    const at = this.next(now);
    this.slots.push(at);
    if (this.slots.length > 2 * this.keep) this.slots = this.slots.slice(-this.keep);
    return at - now;
  }

  /** Resolves when a slot is ours. */
  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.time.sleep(wait);
  }

  /** No slot before `ms` from now (the server said so, e.g. x-ogw-ratelimit-reset). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.time.nowMs() + ms);
  }

  /** True when no window holds a slot any more: the schedule can be forgotten. */
  idle(): boolean {
    const last = this.slots.at(-1) ?? Number.NEGATIVE_INFINITY;
    const longest = Math.max(...this.windows.map((w) => w.windowMs)) + JITTER_MS;
    return last + longest <= this.time.nowMs() && this.pausedUntil <= this.time.nowMs();
  }
}

/** One schedule per key (a receiver or a chat), created on demand and forgotten once idle. */
export class KeyedSchedules {
  private readonly schedules = new Map<string, WindowSchedule>();

  constructor(
    private readonly windows: Window[],
    private readonly time: TimeSource = monotonic,
  ) {}

  get(key: string): WindowSchedule {
    let s = this.schedules.get(key);
    if (!s) {
      if (this.schedules.size > 10_000) this.prune();
      s = new WindowSchedule(this.windows, this.time);
      this.schedules.set(key, s);
    }
    return s;
  }

  private prune(): void {
    for (const [k, s] of this.schedules) if (s.idle()) this.schedules.delete(k);
  }
}

/**
 * Feishu's send limits as it counts them, for one process: `appRate` per second and `appPerMinute` per minute
 * for the app, `targetRate` per second per receiver or chat. Waits for the receiver first, so an app slot is
 * never spent on a busy receiver. (Several instances share the same limits through rate-limit.shared.ts.)
 */
export class SendRateLimiter {
  readonly app: WindowSchedule;
  readonly targets: KeyedSchedules;

  constructor(
    opts: { appRate: number; targetRate: number; appPerMinute?: number },
    private readonly time: TimeSource = monotonic,
  ) {
    const app: Window[] = [perSecond(opts.appRate)];
    if (opts.appPerMinute) app.push({ limit: Math.max(1, Math.floor(opts.appPerMinute)), windowMs: 60_000 });
    this.app = new WindowSchedule(app, time);
    this.targets = new KeyedSchedules([perSecond(opts.targetRate)], time);
  }

  async acquire(target: string): Promise<void> {
    const schedule = this.targets.get(target);
    const ahead = schedule.delay();
    if (ahead > 0) await this.time.sleep(ahead);
    await this.app.take();
    await schedule.take();
  }
}
