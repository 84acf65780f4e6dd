import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { capabilities } from './capabilities.js';
import type { Capability } from './capability.js';
import { type Clock, SettableClock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { seedDemoIfEmpty } from './demo.js';
import { createDeps, type Deps } from './deps.js';
import { type EmulatorDeps, registerEmulator } from './emulator/index.js';
import { isAppError } from './errors.js';
import { createLarkClient, type LarkClient } from './feishu/client.js';
import { OutboxWorker } from './feishu/outbox.worker.js';
import { Router } from './feishu/router.js';
import { registerWebhook } from './feishu/webhook.js';
import { randomIds } from './ids.js';
import { Scheduler } from './jobs/scheduler.js';

export interface BotOptions {
  config: Config;
  db: Database;
  dbDriver: 'pglite' | 'postgres';
  clock?: Clock;
  lark?: LarkClient;
  /** Fastify logger options; false in tests. */
  logger?: boolean | Record<string, unknown>;
  capabilities?: Capability[];
  /** Card-action deadline override (tests). */
  ackDeadlineMs?: number;
  /** Outbox retry backoff multiplier (end-to-end tests; default 1). */
  outboxBackoffScale?: number;
  /** Emulator mode: the tenant directory, callback timeout and fault dice (tests). */
  emulator?: Pick<EmulatorDeps, 'directory' | 'callbackTimeoutMs' | 'random'>;
}

export interface Bot {
  app: FastifyInstance;
  router: Router;
  deps: Deps;
  outbox: OutboxWorker;
  scheduler: Scheduler;
  /** Waits until accepted events are processed and the outbox has delivered what is due. */
  settle(): Promise<void>;
  /** Seeds the demo into an empty database (SEED_DEMO=auto), then runs every capability's onStart in order (after listen). */
  start(): Promise<void>;
}

/** Builds the whole bot; never listens (main.ts does, tests use app.inject). */
export async function buildBot(opts: BotOptions): Promise<Bot> {
  const { config, db } = opts;
  const clock = opts.clock ?? (config.feishu.mode === 'emulator' ? new SettableClock(systemClock) : systemClock);
  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel },
    bodyLimit: 30 * 1024 * 1024,
    // Per-request lines would drown the log (the console polls); failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const lark = opts.lark ?? createLarkClient(config, app.log);
  const outbox = new OutboxWorker({
    db,
    lark,
    log: app.log,
    clock,
    appRate: config.outbox.appRate,
    targetRate: config.outbox.targetRate,
    backoffScale: opts.outboxBackoffScale,
  });
  const deps = createDeps({ db, clock, config, log: app.log, lark, outboxWake: () => outbox.wake() });
  const router = new Router({
    db,
    log: app.log,
    clock,
    outboxWake: deps.outboxWake,
    ackDeadlineMs: opts.ackDeadlineMs,
    download: async (messageId, fileKey) => {
      const res = await lark.im.messageResource.get({
        path: { message_id: messageId, file_key: fileKey },
        params: { type: 'file' },
      });
      const chunks: Buffer[] = [];
      for await (const c of res.getReadableStream()) chunks.push(Buffer.from(c));
      return Buffer.concat(chunks);
    },
  });
  const installed = opts.capabilities ?? capabilities;
  const jobs = installed.flatMap((c) => c.jobs?.(deps) ?? []);
  const scheduler = new Scheduler(
    {
      db,
      log: app.log,
      clock,
      timezone: config.timezone,
      instance: `${hostname()}-${process.pid}-${randomIds.uuid().slice(0, 8)}`,
    },
    jobs,
  );
  const settle = async () => {
    await router.idle();
    await outbox.drain();
    await router.idle();
  };

  app.setErrorHandler((err: any, _req, reply) => {
    if (isAppError(err))
      return reply
        .status(err.code === 'NOT_FOUND' ? 404 : err.code === 'FORBIDDEN' ? 403 : 400)
        .send({ error: err.message });
    const status = typeof err.statusCode === 'number' && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) {
      app.log.error({ err }, 'request failed');
      return reply.status(500).send({ error: '服务器内部错误' });
    }
    return reply.status(status).send({ error: err.message });
  });

  app.get('/healthz', async () => {
    let database = 'ok';
    try {
      await db.execute(sql`select 1`);
    } catch {
      database = 'down';
    }
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      database,
      driver: opts.dbDriver,
      feishuMode: config.feishu.mode,
    };
  });

  registerWebhook(app, { config, router, clock, log: app.log });
  for (const c of installed) {
    c.register?.(router, deps);
    c.routes?.(app, deps);
  }
  if (config.feishu.mode === 'emulator' && clock instanceof SettableClock) {
    registerEmulator(app, { config, log: app.log, clock, scheduler, settle, ...opts.emulator });
  }
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await outbox.stop();
    await router.idle();
  });
  const start = async () => {
    await seedDemoIfEmpty(installed, deps);
    for (const c of installed) await c.onStart?.(deps);
  };
  return { app, router, deps, outbox, scheduler, settle, start };
}
