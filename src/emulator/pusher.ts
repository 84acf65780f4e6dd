import { randomBytes } from 'node:crypto';
import type { Logger } from '../deps.js';
import { encryptEvent, signRequest } from '../feishu/crypto.js';
import type { FaultInjector } from './faults.js';
import { newEventId } from './ids.js';

export interface PusherDeps {
  appId: string;
  tenantKey: string;
  encryptKey: string | undefined;
  verificationToken: string | undefined;
  /** The world's clock (the bot's SettableClock): event create_time and request timestamps. */
  clock: { now(): Date };
  /** Redelivery delays are Feishu's (15 s, 5 min, 1 h, 6 h) times this. */
  retryScale: number;
  /** Where the bot listens for events, e.g. http://127.0.0.1:3000/feishu/events. */
  target: () => string;
  faults: FaultInjector;
  log: Logger;
  /** Feishu gives a card callback 3 s. */
  callbackTimeoutMs?: number;
}

export interface Envelope {
  schema: '2.0';
  header: Record<string, string>;
  event: Record<string, unknown>;
}

export interface Delivery {
  event_id: string;
  event_type: string;
  attempts: { at: string; status: number | null; error?: string }[];
  delivered: boolean;
  /** What was pushed (replayable with POST /emulator/api/events {replay: event_id}). */
  envelope: Envelope;
}

export interface RawPush {
  /** Exact body bytes to send (malformed-input tests); otherwise `envelope` is encrypted and sent. */
  raw?: string;
  envelope?: unknown;
  /** Overrides the configured Encrypt Key (e.g. a wrong one); null sends the envelope unencrypted and unsigned. */
  encryptKey?: string | null;
}

export interface Answer {
  status: number | null;
  body: unknown;
  error?: string;
}

/** Feishu's redelivery schedule for events not answered with HTTP 200. */
export const RETRY_DELAYS_MS = [15_000, 300_000, 3_600_000, 21_600_000];
const LOG_SIZE = 500;

/** Pushes events to the bot like Feishu: schema 2.0, encrypted, signed; redelivered on failure. */
export class EventPusher {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log: Delivery[] = [];
  private closed = false;

  constructor(private readonly deps: PusherDeps) {}

  envelope(eventType: string, event: Record<string, unknown>, eventId = newEventId()): Envelope {
    return {
      schema: '2.0',
      header: {
        event_id: eventId,
        token: this.deps.verificationToken ?? '',
        create_time: String(this.deps.clock.now().getTime()),
        event_type: eventType,
        tenant_key: this.deps.tenantKey,
        app_id: this.deps.appId,
      },
      event,
    };
  }

  /**
   * Sends an event; resolves after the first attempt (later ones are scheduled), like Feishu's push.
   * With the reorder fault, resolves at once and delivers after a random delay (later events may overtake).
   */
  async push(env: Envelope): Promise<Delivery> {
    const d: Delivery = {
      event_id: env.header.event_id,
      event_type: env.header.event_type,
      attempts: [],
      delivered: false,
      envelope: env,
    };
    this.log.push(d);
    if (this.log.length > LOG_SIZE) this.log.shift();
    const hold = this.deps.faults.reorderDelay();
    const first = async () => {
      if (hold > 0) await new Promise((r) => setTimeout(r, hold));
      await this.attempt(env, d, 0);
      if (this.deps.faults.duplicate()) await this.track(this.send({ envelope: env }));
    };
    const done = this.track(first());
    if (hold === 0) {
      await done;
      return d;
    }
    // What the caller learns is the state at return (not yet delivered), not whatever a short hold let happen
    // before the answer was written.
    return { ...d, attempts: [...d.attempts] };
  }

  /** A card callback: one synchronous request, never retried, answered within 3 s or it fails. */
  async callback(env: Envelope): Promise<Answer> {
    return this.track(this.send({ envelope: env }, this.deps.callbackTimeoutMs ?? 3000));
  }

  /** Sends any body once, as given (duplicates, malformed events, wrong keys). */
  async raw(push: RawPush): Promise<Answer> {
    return this.track(this.send(push));
  }

  deliveries(): readonly Delivery[] {
    return this.log;
  }

  /** A recent push by event_id (to deliver it again, as Feishu sometimes does). */
  delivery(eventId: string): Delivery | undefined {
    return [...this.log].reverse().find((d) => d.event_id === eventId);
  }

  /** Resolves when no request to the bot is in flight (scheduled redeliveries are not waited for). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async attempt(env: Envelope, d: Delivery, n: number): Promise<void> {
    if (this.closed) return;
    const res = await this.track(this.send({ envelope: env }));
    d.attempts.push({ at: this.deps.clock.now().toISOString(), status: res.status, error: res.error });
    if (res.status === 200) {
      d.delivered = true;
      return;
    }
    const delay = RETRY_DELAYS_MS[n];
    if (delay === undefined) {
      this.deps.log.warn({ eventId: d.event_id }, 'emulator: event given up after the last redelivery');
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(env, d, n + 1);
    }, delay * this.deps.retryScale);
    timer.unref();
    this.timers.add(timer);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => {});
    return p;
  }

  private async send(push: RawPush, timeoutMs = 10_000): Promise<Answer> {
    const key = push.encryptKey === undefined ? this.deps.encryptKey : push.encryptKey;
    const body = push.raw ?? JSON.stringify(key ? encryptEvent(key, push.envelope) : push.envelope);
    const timestamp = Math.floor(this.deps.clock.now().getTime() / 1000);
    const headers = key
      ? signRequest({ encryptKey: key, body, timestamp, nonce: randomBytes(8).toString('hex') })
      : { 'content-type': 'application/json; charset=utf-8', 'x-lark-request-timestamp': String(timestamp) };
    try {
      const res = await fetch(this.deps.target(), {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      return { status: res.status, body: parseJson(text) };
    } catch (err: any) {
      const error = err?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(err?.message ?? err);
      return { status: null, body: null, error };
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
