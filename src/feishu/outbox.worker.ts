import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import type { LarkClient } from './client.js';
import type { TransportMetrics } from './metrics.js';
import { backoffMs, classify, feishuCode } from './outbox.errors.js';
import { claimDue, markFailed, markSent, noteSent, reschedule } from './outbox.queries.js';
import { deliver, type OutboxRow, rateKey, urgentApp } from './outbox.send.js';
import { monotonic, SendRateLimiter, type TimeSource } from './rate-limit.js';
import { type SharedLimits, SharedSendLimiter } from './rate-limit.shared.js';

export interface OutboxWorkerDeps {
  db: Database;
  lark: LarkClient;
  log: Logger;
  clock: { now(): Date };
  appRate: number;
  targetRate: number;
  /** The app's messages per minute (Feishu: 1,000); unset = no minute window. */
  appPerMinute?: number;
  /** How often to look for due rows when nobody wakes the worker (ms). */
  pollMs?: number;
  /** How long a claimed row stays hidden from other workers (ms); must outlast a batch. */
  leaseMs?: number;
  /** Rows claimed at once (default: one second's worth at appRate). */
  batchSize?: number;
  /** Real time for the rate limiter (tests may pass a fake). */
  time?: TimeSource;
  /**
   * Multiplies the exponential backoff after 5xx / network / token errors (default 1). The end-to-end
   * harness shortens it so fault-injection tests do not sleep on real timers; Feishu's rate-limit reset stays as told.
   */
  backoffScale?: number;
  /**
   * Share the app and receiver limits with every instance through PostgreSQL (rate-limit.shared.ts) instead
   * of limiting this process alone; also applies the per-minute limit.
   */
  shared?: SharedLimits;
  /** Prometheus counters of sends by result. */
  metrics?: TransportMetrics;
}

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_LEASE_MS = 120_000;

/**
 * Delivers outbox rows to Feishu within its rate limits, with retries; safe with several instances.
 * One pass at a time per instance: claim a batch (SKIP LOCKED + lease), send each receiver's rows in
 * order and different receivers in parallel, record the outcome, and go on while rows are due.
 */
export class OutboxWorker {
  private readonly limiter: SendRateLimiter;
  private readonly shared: SharedSendLimiter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  /** Until start() (and after stop()), wake() does nothing: tests and the CLI deliver with drain(). */
  private started = false;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.limiter = new SendRateLimiter(
      { appRate: deps.appRate, targetRate: deps.targetRate, appPerMinute: deps.appPerMinute },
      deps.time ?? monotonic,
    );
    this.shared = deps.shared ? new SharedSendLimiter(deps.db, deps.shared) : null;
  }

  start(): void {
    this.started = true;
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.deps.pollMs ?? DEFAULT_POLL_MS);
    this.timer.unref();
    this.wake();
  }

  /** Looks for due rows now (after a commit that enqueued some). A pass already running goes round again. */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Delivers everything due now (tests, bot.settle()); rows backed off into the future stay. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.passes(() => true);
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.passes(() => this.started);
      } catch (err) {
        this.deps.log.error({ err }, 'outbox pass failed');
      }
    } while (this.again && this.started);
  }

  /** Claims and sends batches until nothing is due (or `goOn` says stop: the worker is shutting down). */
  private async passes(goOn: () => boolean): Promise<void> {
    while (goOn()) {
      const batch = await this.claim();
      if (batch.length === 0) return;
      await this.sendBatch(batch);
    }
  }

  private claim(): Promise<OutboxRow[]> {
    const now = this.deps.clock.now();
    return claimDue(this.deps.db, {
      now,
      leaseUntil: new Date(now.getTime() + (this.deps.leaseMs ?? DEFAULT_LEASE_MS)),
      limit: this.deps.batchSize ?? Math.max(10, Math.ceil(this.deps.appRate)),
      perTarget: Math.max(1, Math.ceil(this.deps.targetRate)),
    });
  }

  private async sendBatch(batch: OutboxRow[]): Promise<void> {
    const byTarget = new Map<string, OutboxRow[]>();
    for (const row of batch) {
      const key = rateKey(row);
      byTarget.set(key, [...(byTarget.get(key) ?? []), row]);
    }
    const results = await Promise.allSettled([...byTarget].map(([key, rows]) => this.sendInOrder(key, rows)));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** One receiver's rows, in order; after a retryable failure the rest wait with it, keeping the order. */
  private async sendInOrder(key: string, rows: OutboxRow[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      const retryAt = await this.sendOne(key, row);
      if (!retryAt) continue;
      for (const rest of rows.slice(i + 1))
        await reschedule(this.deps.db, rest, retryAt, 'waiting for an earlier message');
      return;
    }
  }

  /** Sends one row and records the outcome; returns when to retry if it must be retried. */
  private async sendOne(key: string, row: OutboxRow): Promise<Date | null> {
    if (this.shared) await this.shared.acquire(key);
    else await this.limiter.acquire(key);
    let messageId: string | null;
    try {
      messageId = await deliver(this.deps.lark, row);
    } catch (err) {
      return this.failed(key, row, err);
    }
    // A database error here leaves the row claimed: it is resent after the lease with the same uuid.
    this.deps.metrics?.send(row.kind, 'sent');
    const mine = await markSent(this.deps.db, row, messageId, this.deps.clock.now());
    if (!mine) this.deps.log.warn({ id: row.id }, 'outbox row was re-claimed while sending (lease too short?)');
    else if (row.urgent && messageId && row.receiveIdType === 'open_id') await this.urgent(row, messageId);
    return null;
  }

  /** 应用内加急 after the send. Never retried and never a resend: the message is delivered either way. */
  private async urgent(row: OutboxRow, messageId: string): Promise<void> {
    try {
      await urgentApp(this.deps.lark, messageId, row.target);
      this.deps.metrics?.send('urgent', 'sent');
    } catch (err) {
      const code = feishuCode(err);
      this.deps.metrics?.send('urgent', 'failed');
      this.deps.log.warn({ id: row.id, code }, 'urgent_app refused; the message itself was delivered');
      await noteSent(this.deps.db, row, `urgent_app refused${code === null ? '' : ` (${code})`}`);
    }
  }

  private async failed(key: string, row: OutboxRow, err: unknown): Promise<Date | null> {
    const scale = this.deps.backoffScale ?? 1;
    const verdict = classify(err, row.attempts, (n) => Math.ceil(backoffMs(n) * scale));
    const log = { id: row.id, kind: row.kind, attempts: row.attempts, reason: verdict.reason };
    if (verdict.kind === 'fail') {
      this.deps.metrics?.send(row.kind, 'failed');
      this.deps.log.error(log, 'outbox row failed permanently');
      await markFailed(this.deps.db, row, verdict.reason);
      return null;
    }
    this.deps.metrics?.send(row.kind, verdict.limited ? 'rate_limited' : 'retry');
    if (verdict.limited === 'app') this.limiter.app.pause(verdict.delayMs);
    if (verdict.limited === 'target') this.limiter.targets.get(key).pause(verdict.delayMs);
    if (this.shared && verdict.limited) {
      await this.shared
        .pause(verdict.delayMs, verdict.limited === 'target' ? key : undefined)
        .catch((err) => this.deps.log.warn({ err }, 'shared rate-limit pause not recorded'));
    }
    this.deps.log.warn({ ...log, retryInMs: verdict.delayMs }, 'outbox send will be retried');
    const at = new Date(this.deps.clock.now().getTime() + verdict.delayMs);
    await reschedule(this.deps.db, row, at, verdict.reason);
    return at;
  }
}
