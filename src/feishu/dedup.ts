import type { Database } from '../db/client.js';
import { processedEvents } from '../db/schema/transport.js';

interface Waiter {
  keys: string[];
  resolve(first: boolean): void;
  reject(err: unknown): void;
}

const CHUNK = 5000;

/**
 * Remembers delivered events in PostgreSQL (so restarts and other instances see them too).
 * Deliveries arriving in the same tick share one insert: under a burst of card callbacks a row-per-event
 * insert would queue them past Feishu's 3 s.
 */
export class DedupLedger {
  private waiting: Waiter[] = [];
  private scheduled = false;

  constructor(private readonly deps: { db: Database; clock: { now(): Date } }) {}

  /** True for the first delivery: none of its keys (event_id, message_id) was seen before. */
  firstDelivery(keys: string[]): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ keys, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    try {
      const inserted = await this.insertNew([...new Set(batch.flatMap((w) => w.keys))]);
      const claimed = new Set<string>();
      for (const w of batch) {
        const first = w.keys.every((k) => inserted.has(k) && !claimed.has(k));
        if (first) for (const k of w.keys) claimed.add(k);
        w.resolve(first);
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  private async insertNew(keys: string[]): Promise<Set<string>> {
    const receivedAt = this.deps.clock.now();
    const inserted = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.deps.db
        .insert(processedEvents)
        .values(keys.slice(i, i + CHUNK).map((key) => ({ key, receivedAt })))
        .onConflictDoNothing()
        .returning({ key: processedEvents.key });
      for (const r of rows) inserted.add(r.key);
    }
    return inserted;
  }
}
