import { and, lt, ne, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/client.js';
import { sendLimits } from '../db/schema/sendlimits.js';
import { JITTER_MS, type TimeSource } from './rate-limit.js';

/**
 * Epoch milliseconds from the process's monotonic clock (performance.timeOrigin + performance.now()):
 * comparable between instances on hosts whose clocks agree (NTP), unaffected by the app's (test) clock.
 */
export const epochTime: TimeSource = {
  nowMs: () => performance.timeOrigin + performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export interface SharedLimits {
  /** Messages per second for the app (Feishu: 50). */
  appPerSecond: number;
  /** Messages per minute for the app (Feishu: 1,000). */
  appPerMinute: number;
  /** Messages per second per receiver or chat (Feishu: 5). */
  targetPerSecond: number;
}

const APP_KEY = 'app';
/** How late after its slot a send may still go (ms). */
const LATE_MS = 15;

/**
 * Feishu's send limits shared by every instance through PostgreSQL: each send reserves a slot in one
 * transaction that locks the app row (first, always — no deadlocks) and the receiver's row, takes the later of
 * their next free slots and moves both on. No burst: consecutive app slots are max(1000/perSecond,
 * 60000/perMinute) ms apart, receiver slots 1000/targetPerSecond ms, so no 1 s window sees more than perSecond
 * and no 60 s window more than perMinute, whatever the number of instances. The instance then sleeps until its
 * slot. Serialising on one row costs one short transaction per message (≤ 50/s).
 */
export class SharedSendLimiter {
  private readonly appInterval: number;
  private readonly targetInterval: number;
  private reservations = 0;
  /** Keys whose row this process has created (or seen); the insert is skipped for them. */
  private readonly known = new Set<string>();

  constructor(
    private readonly db: Database,
    limits: SharedLimits,
    private readonly time: TimeSource = epochTime,
  ) {
    // Slots spaced so that sends late by up to JITTER_MS still fit the window.
    this.appInterval = Math.max((1000 + JITTER_MS) / limits.appPerSecond, (60_000 + JITTER_MS) / limits.appPerMinute);
    this.targetInterval = (1000 + JITTER_MS) / limits.targetPerSecond;
  }

  /** Reserves the next slot for `target` (a rate key: `to:<receiver>`, `msg:<message>`) and the app; resolves when it has come. */
  async acquire(target: string): Promise<void> {
    for (let tries = 0; ; tries++) {
      const at = await this.reserve(target);
      const wait = at - this.time.nowMs();
      if (wait > 0) await this.time.sleep(wait);
      // Woken late (a busy event loop): sending now would bunch up with the slots after ours, so this slot is
      // given up and a fresh one taken — never a burst above the limit, at the cost of a wasted slot.
      if (this.time.nowMs() - at <= LATE_MS || tries >= 5) return;
    }
  }

  /** The slot (epoch ms) reserved for one send to `target`: one statement, one round trip. */
  async reserve(target: string): Promise<number> {
    const now = this.time.nowMs();
    if (!this.known.has(target)) {
      await this.db
        .insert(sendLimits)
        .values([
          { key: APP_KEY, tat: 0 },
          { key: target, tat: 0 },
        ])
        .onConflictDoNothing();
      this.known.add(target);
    }
    // Locks the app row first (every reservation does: no deadlock), takes the later free slot, moves both on.
    const result = await this.db.execute(sql`
      with locked as (
        select key, tat from ${sendLimits} where key in (${APP_KEY}, ${target})
        order by (key = ${APP_KEY}) desc for update
      ), slot as (select greatest(${now}::float8, max(tat)) as at, count(*) as n from locked)
      update ${sendLimits} s
        set tat = slot.at + case when s.key = ${APP_KEY} then ${this.appInterval}::float8 else ${this.targetInterval}::float8 end
      from slot
      where s.key in (${APP_KEY}, ${target}) and slot.n = 2
      returning slot.at as at`);
    const rows = rowsOf<{ at: number }>(result);
    if (rows.length === 0) {
      // The receiver's row was pruned since we saw it: recreate and try again.
      this.known.delete(target);
      return this.reserve(target);
    }
    if (++this.reservations % 1000 === 0) await this.prune(now);
    return Number(rows[0].at);
  }

  /** Feishu said to wait (429 / rate-limit code): no slot for the app, or for `target`, before `ms` from now. */
  async pause(ms: number, target?: string): Promise<void> {
    const until = this.time.nowMs() + ms;
    const key = target ?? APP_KEY;
    await this.db
      .insert(sendLimits)
      .values({ key, tat: until })
      .onConflictDoUpdate({ target: sendLimits.key, set: { tat: sql`greatest(${sendLimits.tat}, ${until})` } });
  }

  /** Receivers idle for a minute are forgotten (their row would allow a send now anyway). */
  private async prune(now: number): Promise<void> {
    await this.db.delete(sendLimits).where(and(ne(sendLimits.key, APP_KEY), lt(sendLimits.tat, now - 60_000)));
    this.known.clear();
  }
}
