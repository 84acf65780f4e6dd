import type { Database } from '../db/client.js';
import { inboxEvents, processedEvents } from '../db/schema/transport.js';
import { storableJson, storableKey, storableText } from './storable.js';

/** What the inbox keeps of an event that is processed after the 200. */
export interface InboxRecord {
  eventId: string;
  type: string;
  payload: unknown;
  orderKey: string;
  leasedBy: string | null;
  leaseUntil: Date;
}

/** `first`: none of the keys was seen before; `inboxId`: the stored inbox row, when a record was given. */
export interface Delivery {
  first: boolean;
  inboxId?: number;
}

interface Waiter {
  keys: string[];
  record?: InboxRecord;
  resolve(d: Delivery): void;
  reject(err: unknown): void;
}

const CHUNK = 5000;

/**
 * Remembers delivered events in PostgreSQL (so restarts and other instances see them too) and, in the same
 * transaction, stores the inbox row of every first delivery that carries one: an event is never marked seen
 * without being kept for processing. Deliveries arriving in the same tick share one transaction (under a burst
 * a row-per-event insert would queue card callbacks past Feishu's 3 s); when that transaction fails, each
 * delivery is retried on its own so one malformed event cannot fail the others.
 */
export class DedupLedger {
  private waiting: Waiter[] = [];
  private scheduled = false;

  constructor(private readonly deps: { db: Database; clock: { now(): Date } }) {}

  firstDelivery(keys: string[], record?: InboxRecord): Promise<Delivery> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ keys: keys.map(storableKey), record, resolve, reject });
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
      settle(batch, await this.commit(batch));
    } catch (err) {
      if (batch.length === 1) return batch[0].reject(err);
      for (const w of batch) {
        try {
          settle([w], await this.commit([w]));
        } catch (one) {
          w.reject(one);
        }
      }
    }
  }

  /** One transaction: the new keys, then the inbox rows of the batch's first deliveries. */
  private commit(batch: Waiter[]): Promise<Delivery[]> {
    const receivedAt = this.deps.clock.now();
    return this.deps.db.transaction(async (tx) => {
      const inserted = new Set<string>();
      const keys = [...new Set(batch.flatMap((w) => w.keys))];
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await tx
          .insert(processedEvents)
          .values(keys.slice(i, i + CHUNK).map((key) => ({ key, receivedAt })))
          .onConflictDoNothing()
          .returning({ key: processedEvents.key });
        for (const r of rows) inserted.add(r.key);
      }
      const claimed = new Set<string>();
      const out: Delivery[] = batch.map((w) => {
        const first = w.keys.every((k) => inserted.has(k) && !claimed.has(k));
        if (first) for (const k of w.keys) claimed.add(k);
        return { first };
      });
      const records = batch.flatMap((w, i) => (out[i].first && w.record ? [{ i, r: w.record }] : []));
      if (records.length === 0) return out;
      const rows = await tx
        .insert(inboxEvents)
        .values(
          records.map(({ r }) => ({
            eventId: storableKey(r.eventId),
            type: storableText(r.type).slice(0, 200),
            payload: storableJson(r.payload),
            orderKey: storableKey(r.orderKey),
            attempts: r.leasedBy ? 1 : 0,
            receivedAt,
            leasedBy: r.leasedBy,
            leaseUntil: r.leaseUntil,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: inboxEvents.id, eventId: inboxEvents.eventId });
      const ids = new Map(rows.map((r) => [r.eventId, r.id]));
      for (const { i, r } of records) out[i].inboxId = ids.get(storableKey(r.eventId));
      return out;
    });
  }
}

function settle(batch: Waiter[], out: Delivery[]): void {
  for (const [i, w] of batch.entries()) w.resolve(out[i]);
}
