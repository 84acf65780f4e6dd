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

/**
 * A token bucket in its GCRA form: tokens arrive every 1000/rate ms and at most `burst` may be saved up.
 * Each reservation is placed on an ideal schedule, so timer lateness does not accumulate and a busy
 * sender runs at exactly `rate` per second over time, never below it.
 */
export class TokenBucket {
  private readonly interval: number;
  private readonly tolerance: number;
  /** The theoretical arrival time of the next token. */
  private tat = Number.NEGATIVE_INFINITY;

  constructor(
    rate: number,
    burst = 1,
    private readonly time: TimeSource = monotonic,
  ) {
    if (!(rate > 0)) throw new Error('rate must be positive');
    this.interval = 1000 / rate;
    this.tolerance = (Math.max(1, burst) - 1) * this.interval;
  }

  /** How long until a token is available, without taking one (0 = now). */
  delay(): number {
    const now = this.time.nowMs();
    return Math.max(0, this.tat - this.tolerance - now);
  }

  /** Reserves the next token and returns how long to wait for it. */
  reserve(): number {
    const now = this.time.nowMs();
    const at = Math.max(now, this.tat - this.tolerance);
    this.tat = Math.max(this.tat, at) + this.interval;
    return at - now;
  }

  /** Resolves when a token is ours. */
  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.time.sleep(wait);
  }

  /** No token before `ms` from now (the server said so, e.g. x-ogw-ratelimit-reset). */
  pause(ms: number): void {
    const until = this.time.nowMs() + ms + this.tolerance;
    this.tat = Math.max(this.tat, until);
  }

  /** True when the bucket is full again and can be forgotten. */
  idle(): boolean {
    return this.tat - this.tolerance <= this.time.nowMs() - this.interval;
  }
}

/** One bucket per key (a receiver or a chat), created on demand and forgotten once idle. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: number,
    private readonly burst = 1,
    private readonly time: TimeSource = monotonic,
  ) {}

  get(key: string): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.prune();
      b = new TokenBucket(this.rate, this.burst, this.time);
      this.buckets.set(key, b);
    }
    return b;
  }

  private prune(): void {
    for (const [k, b] of this.buckets) if (b.idle()) this.buckets.delete(k);
  }
}

/**
 * Feishu's two limits together: `appRate` per second for the app and `targetRate` per second per
 * receiver or chat. Waits for the receiver first, so an app token is never spent on a busy receiver.
 */
export class SendRateLimiter {
  readonly app: TokenBucket;
  readonly targets: KeyedBuckets;

  constructor(
    opts: { appRate: number; targetRate: number },
    private readonly time: TimeSource = monotonic,
  ) {
    // A little burst on the app bucket absorbs the gaps between claimed batches.
    this.app = new TokenBucket(opts.appRate, Math.max(1, Math.ceil(opts.appRate / 10)), time);
    // Per receiver, slots are spaced as if each second were JITTER_MS longer: at exactly 5/s one request that
    // arrives a little late and the next one on time fall in the same window and Feishu refuses the sixth.
    this.targets = new KeyedBuckets((opts.targetRate * 1000) / (1000 + JITTER_MS), 1, time);
  }

  async acquire(target: string): Promise<void> {
    const bucket = this.targets.get(target);
    const ahead = bucket.delay();
    if (ahead > 0) await this.time.sleep(ahead);
    await this.app.take();
    await bucket.take();
  }
}
