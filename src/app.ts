import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance, type FastifyReply, LogController } from 'fastify';
import { capabilities } from './capabilities.js';
import type { Capability } from './capability.js';
import { type Clock, SettableClock, systemClock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { seedDemoIfEmpty } from './demo.js';
import { createDeps, type Deps } from './deps.js';
import { devRoutes } from './dev.routes.js';
import { demoDirectory, generateDemoCounty } from './domain/org/demo/generate.js';
import { audit } from './domain/org/org.audit.js';
import { type DirectoryEntry, type EmulatorDeps, registerEmulator } from './emulator/index.js';
import { isAppError } from './errors.js';
import { createLarkClient, type LarkClient } from './feishu/client.js';
import { readCapped } from './feishu/download.js';
import { createMetrics, registerMetrics } from './feishu/metrics.js';
import { OutboxWorker } from './feishu/outbox.worker.js';
import { Router } from './feishu/router.js';
import type { Refusal } from './feishu/router.types.js';
import { storableText } from './feishu/storable.js';
import { registerWebhook } from './feishu/webhook.js';
import { randomIds } from './ids.js';
import { Scheduler } from './jobs/scheduler.js';
import { loggerOptions } from './logger.js';

/** Where start-up is: `seeding` while the demo county is written and accounts are bound (local mode). */
export type StartPhase = 'starting' | 'seeding' | 'ready';

export interface BotOptions {
  config: Config;
  db: Database;
  dbDriver: 'pglite' | 'postgres';
  clock?: Clock;
  lark?: LarkClient;
  /** Fastify logger: false in tests, or a destination stream for the redacting logger (tests that read the log). */
  logger?: false | { stream: NodeJS.WritableStream };
  capabilities?: Capability[];
  /** Card-action deadline override (tests). */
  ackDeadlineMs?: number;
  /** Outbox retry backoff multiplier (end-to-end tests; default 1). */
  outboxBackoffScale?: number;
  /** Emulator mode: the tenant directory, callback timeout and fault dice (tests). */
  emulator?: Partial<Pick<EmulatorDeps, 'directory' | 'callbackTimeoutMs' | 'random'>>;
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

/** Local mode's console clock: real time, or running from DEV_CLOCK_START. */
function localClock(config: Config): SettableClock {
  const clock = new SettableClock(systemClock);
  if (config.emulator.devClockStart) clock.set(config.emulator.devClockStart);
  return clock;
}

/** Builds the whole bot; never listens (main.ts does, tests use app.inject). */
export async function buildBot(opts: BotOptions): Promise<Bot> {
  const { config, db } = opts;
  const clock = opts.clock ?? (config.feishu.mode === 'emulator' ? localClock(config) : systemClock);
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : { ...loggerOptions(config.logLevel), ...(opts.logger?.stream ? { stream: opts.logger.stream } : {}) },
    bodyLimit: 30 * 1024 * 1024,
    // Per-request lines would drown the log (the console polls); failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
  });
  const lark = opts.lark ?? createLarkClient(config, app.log);
  const metrics = createMetrics({ db, clock });
  const outbox = new OutboxWorker({
    db,
    lark,
    log: app.log,
    clock,
    appRate: config.outbox.appRate,
    targetRate: config.outbox.targetRate,
    appPerMinute: config.outbox.appPerMinute,
    leaseMs: config.outbox.leaseSeconds * 1000,
    backoffScale: opts.outboxBackoffScale,
    metrics: metrics.transport,
    shared: config.outbox.shared
      ? {
          appPerSecond: config.outbox.appRate,
          appPerMinute: config.outbox.appPerMinute,
          targetPerSecond: config.outbox.targetRate,
        }
      : undefined,
  });
  const deps = createDeps({ db, clock, config, log: app.log, lark, outboxWake: () => outbox.wake() });
  const instance = `${hostname()}-${process.pid}-${randomIds.uuid().slice(0, 8)}`;
  const router = new Router({
    db,
    log: app.log,
    clock,
    outboxWake: deps.outboxWake,
    ackDeadlineMs: opts.ackDeadlineMs,
    onRefusal: (r) => auditRefusal(db, clock, r),
    metrics: metrics.transport,
    inbox: { instance, concurrency: config.inbox.concurrency, leaseMs: config.inbox.leaseSeconds * 1000 },
    download: async (messageId, fileKey, opts) => {
      const res = await lark.im.messageResource.get({
        path: { message_id: messageId, file_key: fileKey },
        params: { type: 'file' },
      });
      // With opts.maxBytes the stream is destroyed once the cap is passed: an oversize file is never fully fetched.
      return readCapped(res.getReadableStream(), opts);
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
      instance,
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

  // Liveness and readiness: 503 while the database does not answer (a load balancer stops sending events
  // that could not be stored); /readyz also until start() has finished and once shutdown has begun.
  // `phase` says why it is not ready yet: in local mode (SEED_DEMO=auto) start() writes the demo county and binds
  // the emulated accounts, and a message sent before that would meet "您尚未登记" (the console waits for it).
  let ready = false;
  const phase = (): StartPhase => (ready ? 'ready' : config.seedDemo === 'auto' ? 'seeding' : 'starting');
  const health = async (needReady: boolean, reply: FastifyReply) => {
    const database = await databaseUp(db);
    const ok = database && (!needReady || ready);
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      database: database ? 'ok' : 'down',
      ready,
      phase: phase(),
      driver: opts.dbDriver,
      feishuMode: config.feishu.mode,
    });
  };
  app.get('/healthz', (_req, reply) => health(false, reply));
  app.get('/readyz', (_req, reply) => health(true, reply));
  registerMetrics(app, metrics.registry);

  registerWebhook(app, { config, router, clock, log: app.log });
  for (const c of installed) {
    c.register?.(router, deps);
    c.routes?.(app, deps);
  }
  if (config.feishu.mode === 'emulator' && clock instanceof SettableClock) {
    const emu = registerEmulator(app, {
      config,
      log: app.log,
      clock,
      ...opts.emulator,
      directory: opts.emulator?.directory ?? demoCountyDirectory,
    });
    // The bot's local mode: time travel, jobs on demand, and settle (the emulator's pushes in flight, then ours).
    const settleAll = async () => {
      await emu.pusher.idle();
      await settle();
    };
    app.register(devRoutes({ clock, scheduler, settle: settleAll }), { prefix: '/dev' });
  }
  app.addHook('onClose', async () => {
    ready = false;
    await scheduler.stop();
    await router.inbox.stop();
    await router.idle();
    await outbox.stop();
  });
  const start = async () => {
    await seedDemoIfEmpty(installed, deps);
    for (const c of installed) await c.onStart?.(deps);
    ready = true;
  };
  return { app, router, deps, outbox, scheduler, settle, start };
}

/** `select 1` within 2 s; a hung pool counts as down. */
async function databaseUp(db: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2000);
  });
  const probe = db.execute(sql`select 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every refusal the router sees (forbidden, invalid or unknown payload, unregistered sender) goes to the audit log. */
function auditRefusal(db: Database, clock: Clock, r: Refusal): Promise<void> {
  return audit(db, clock.now(), {
    actorPersonId: r.actor?.personId || null,
    actorOpenId: r.openId ?? r.actor?.openId ?? null,
    action: `refused.${r.kind}`,
    entity: r.kind,
    entityId: r.key ? storableText(r.key) : null,
    eventId: storableText(r.eventId.slice(0, 200)),
    detail: { code: r.code, reason: storableText(r.reason) },
  });
}

/**
 * The emulated tenant's directory in local mode: the people of the demo county 示范县, from the org module's
 * deterministic generator (the same people `npm start` seeds into the bot's roster; mobiles and e-mails do not
 * depend on the seeding date, so ids derived from them stay stable across restarts). Handed to the emulator as data.
 */
export function demoCountyDirectory(): DirectoryEntry[] {
  return demoDirectory(generateDemoCounty({ scale: 1 }));
}
