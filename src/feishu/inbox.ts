import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import { serializeError } from '../logger.js';
import {
  claimInbox,
  failExhausted,
  type InboxRow,
  type Lease,
  markInboxDone,
  markInboxRetry,
  releaseLeases,
  renewLeases,
} from './inbox.queries.js';
import { withOutboxSeed } from './outbox.scope.js';
import type { InboundEvent } from './router.types.js';
import { storableText } from './storable.js';

export interface InboxOptions {
  /** This process, as written into the lease. */
  instance: string;
  /** Events processed at the same time (the rest wait in the table, not in a growing heap of promises). */
  concurrency: number;
  /** A claim is held this long and renewed while processing; a crashed instance's rows come back after it. */
  leaseMs: number;
  /** How often pending rows are looked for (recovery, overflow, other instances' leftovers). */
  pollMs: number;
  /** Claims of one row before it is marked failed (an event that kills the process every time). */
  maxAttempts: number;
  /** At most this many events wait in memory; beyond that they stay unleased in the table. */
  maxQueued: number;
}

export const INBOX_DEFAULTS: Omit<InboxOptions, 'instance'> = {
  concurrency: 4,
  leaseMs: 30_000,
  pollMs: 2_000,
  maxAttempts: 5,
  maxQueued: 500,
};

interface InboxDeps {
  db: Database;
  log: Logger;
  clock: { now(): Date };
}

/**
 * Processes stored events with bounded concurrency, one at a time per chat (replies keep their order),
 * and marks each done. Card callbacks never wait here: they run on the request, ahead of this queue.
 */
export class InboxWorker {
  private readonly queue: InboxRow[] = [];
  private readonly running = new Map<number, string>();
  private readonly busyKeys = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  /** Set by stop(): nothing new starts; what is queued goes back to the table for other instances. */
  private stopping = false;

  constructor(
    private readonly deps: InboxDeps,
    private readonly opts: InboxOptions,
    private readonly process: (e: InboundEvent) => Promise<void>,
  ) {}

  /** The lease a freshly accepted event gets: ours when there is room in memory, else claimable by anyone. */
  leaseForNew(): { leasedBy: string | null; leaseUntil: Date } {
    const now = this.deps.clock.now();
    if (this.stopping || this.queue.length >= this.opts.maxQueued) return { leasedBy: null, leaseUntil: now };
    return this.lease(now);
  }

  /** An event stored (and leased to us) by the dedup transaction. */
  accepted(row: InboxRow): void {
    if (this.stopping) {
      void this.release([row.id]);
      return;
    }
    this.queue.push(row);
    this.pump();
  }

  /** Recovers what a crashed process left, then keeps polling. */
  start(): void {
    this.stopping = false;
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /**
   * Graceful shutdown: stops polling and starting work, gives the queued (claimed, not started) events back
   * to the table so another instance takes them at once, and waits for the running ones to finish.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    const queued = this.queue.splice(0).map((r) => r.id);
    await this.release(queued);
    await this.idle();
  }

  private async release(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      const n = await releaseLeases(this.deps.db, ids, this.opts.instance, this.deps.clock.now());
      this.deps.log.info({ count: n }, 'inbox events released for other instances (shutting down)');
    } catch (err) {
      this.deps.log.warn({ err }, 'inbox leases not released; they run out on their own');
    }
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** One round: give up on exhausted rows, renew our leases, claim what fits in memory. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce()
      .catch((err) => this.deps.log.warn({ err }, 'inbox poll failed'))
      .finally(() => {
        this.polling = null;
      });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const now = this.deps.clock.now();
    const gaveUp = await failExhausted(this.deps.db, now, this.opts.maxAttempts);
    if (gaveUp > 0) this.deps.log.error({ count: gaveUp }, 'inbox events given up after repeated claims');
    const lease = this.lease(now);
    await renewLeases(this.deps.db, [...this.running.keys(), ...this.queue.map((r) => r.id)], lease);
    const room = this.opts.maxQueued - this.queue.length;
    if (room <= 0) return;
    if (this.stopping) return;
    const rows = await claimInbox(this.deps.db, now, lease, Math.min(room, 200));
    if (rows.length > 0) this.deps.log.info({ count: rows.length }, 'inbox events claimed for processing');
    for (const r of rows) this.queue.push(r);
    this.pump();
  }

  private lease(now: Date): Lease {
    return { leasedBy: this.opts.instance, leaseUntil: new Date(now.getTime() + this.opts.leaseMs) };
  }

  private pump(): void {
    while (!this.stopping && this.running.size < this.opts.concurrency) {
      const i = this.queue.findIndex((r) => !this.busyKeys.has(r.orderKey));
      if (i < 0) break;
      const [row] = this.queue.splice(i, 1);
      this.running.set(row.id, row.orderKey);
      this.busyKeys.add(row.orderKey);
      void this.run(row).finally(() => {
        this.running.delete(row.id);
        this.busyKeys.delete(row.orderKey);
        this.pump();
        if (this.queue.length === 0 && this.running.size === 0) for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  private async run(row: InboxRow): Promise<void> {
    try {
      await withOutboxSeed(row.event.eventId, () => this.process(row.event));
      await markInboxDone(this.deps.db, row.id, this.deps.clock.now());
    } catch (err) {
      this.deps.log.error({ err, eventId: row.event.eventId, attempts: row.attempts }, 'event processing failed');
      const backoff = Math.min(2 ** row.attempts * 1000, 5 * 60_000);
      const retryAt = new Date(this.deps.clock.now().getTime() + backoff);
      const e = serializeError(err);
      const reason = storableText(String(e.message ?? ''));
      // Bad data (SQLSTATE class 22, e.g. a NUL in an id) fails the same way every time: give up at once.
      const max = isDataError(err) ? 0 : this.opts.maxAttempts;
      await markInboxRetry(this.deps.db, row, retryAt, reason, max).catch((e) =>
        this.deps.log.warn({ err: e }, 'inbox retry not recorded; the lease will bring the event back'),
      );
    }
  }
}

/** A PostgreSQL data exception (class 22) anywhere in the error's cause chain. */
function isDataError(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && e.code.startsWith('22')) return true;
  }
  return false;
}
