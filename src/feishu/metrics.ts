import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client.js';
import { countJobRuns, outboxBacklog } from './metrics.queries.js';

export type SendResult = 'sent' | 'retry' | 'rate_limited' | 'failed';

/** What the transport reports; every method is cheap and synchronous (counters in memory). */
export interface TransportMetrics {
  eventIn(type: string): void;
  /** A card callback answered (to Feishu) after `seconds`. */
  callback(seconds: number): void;
  send(kind: string, result: SendResult): void;
}

export const noMetrics: TransportMetrics = { eventIn() {}, callback() {}, send() {} };

/**
 * The Prometheus registry of one bot (GET /metrics). Counters are per instance; the outbox backlog and job
 * runs are read from the database at scrape time, so they are the same on every instance (sum counters, not
 * these, across instances).
 */
export function createMetrics(deps: { db: Database; clock: { now(): Date } }): {
  registry: Registry;
  transport: TransportMetrics;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qingmiao_' });
  const events = new Counter({
    name: 'qingmiao_events_in_total',
    help: 'Events and callbacks received from Feishu (webhook or long connection), by type',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const callbacks = new Histogram({
    name: 'qingmiao_card_callback_seconds',
    help: 'Time from receiving a card callback to answering it (Feishu waits 3 s)',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5],
    registers: [registry],
  });
  const sends = new Counter({
    name: 'qingmiao_outbox_sends_total',
    help: 'Outbox send attempts by message kind and result (sent, retry, rate_limited, failed)',
    labelNames: ['kind', 'result'] as const,
    registers: [registry],
  });
  // A lower bound of the oldest pending row's age: since this instance first saw it pending (rows carry no
  // enqueue time); exact for rows enqueued while the instance was up.
  const firstSeen = new Map<number, number>();
  new Gauge({
    name: 'qingmiao_outbox_pending',
    help: 'Outbox rows waiting to be sent (all instances)',
    registers: [registry],
    async collect() {
      this.set((await outboxBacklog(deps.db)).pending);
    },
  });
  new Gauge({
    name: 'qingmiao_outbox_oldest_pending_seconds',
    help: 'Age of the oldest pending outbox row (lower bound: since this instance first saw it pending)',
    registers: [registry],
    async collect() {
      const { oldestId } = await outboxBacklog(deps.db);
      const now = deps.clock.now().getTime();
      if (oldestId === null) firstSeen.clear();
      else {
        for (const id of firstSeen.keys()) if (id < oldestId) firstSeen.delete(id);
        if (!firstSeen.has(oldestId)) firstSeen.set(oldestId, now);
      }
      this.set(oldestId === null ? 0 : (now - (firstSeen.get(oldestId) ?? now)) / 1000);
    },
  });
  new Gauge({
    name: 'qingmiao_job_runs',
    help: 'Recorded job runs by job and status (ok, error, running) — from the job_runs table, all instances',
    labelNames: ['job', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await countJobRuns(deps.db)) this.set({ job: r.job, status: r.status }, r.n);
    },
  });
  return {
    registry,
    transport: {
      eventIn: (type) => events.inc({ type }),
      callback: (seconds) => callbacks.observe(seconds),
      send: (kind, result) => sends.inc({ kind, result }),
    },
  };
}

/** GET /metrics in the Prometheus text format. Keep it off the public reverse proxy (docs/deploy.md). */
export function registerMetrics(app: FastifyInstance, registry: Registry): void {
  app.get('/metrics', async (_req, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
