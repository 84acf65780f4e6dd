/**
 * Card callbacks under load: N concurrent `card.action.trigger` requests, signed and encrypted like Feishu,
 * through POST /feishu/events of the real bot (signature, AES, replay window, dedup insert, zod, router,
 * a trivial handler that acks) — against a bare fastify route that only parses the same JSON bodies.
 * Feishu gives a callback 3 s; the candidate's p99 must stay far inside that.
 */
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildBot } from '../src/app.js';
import type { Capability } from '../src/capability.js';
import { loadConfig } from '../src/config.js';
import { processedEvents } from '../src/db/schema/transport.js';
import { encryptEvent, signRequest } from '../src/feishu/crypto.js';
import { benchDatabase } from './db.js';
import { type BenchResult, type Measurement, measure, type RunReport } from './lib.js';

export const name = 'card-callback';

const ACTIONS = Number(process.env.BENCH_CARD_ACTIONS ?? 2000);
const WARMUP = 200;
const ENCRYPT_KEY = 'bench-encrypt-key';
const TOKEN = 'bench-token';
const TOAST = { type: 'success', content: '已收到' } as const;

const benchCapability: Capability = {
  name: 'bench',
  register(router) {
    router.action('bench.ping', z.object({ n: z.coerce.number({ message: '编号应为数字' }) }), async (ctx) =>
      ctx.ack({ toast: TOAST }),
    );
  },
};

interface Request {
  headers: Record<string, string>;
  payload: string;
}

/** A card.action.trigger as Feishu posts it with an Encrypt Key: `{encrypt}` body, signed over its bytes. */
function cardActionRequest(n: number, now: Date): Request {
  const body = {
    schema: '2.0',
    header: {
      event_id: randomUUID().replace(/-/g, ''),
      token: TOKEN,
      create_time: String(now.getTime()),
      event_type: 'card.action.trigger',
      tenant_key: 'tenant_bench',
      app_id: 'cli_0000000000000000',
    },
    event: {
      operator: { tenant_key: 'tenant_bench', open_id: `ou_bench_${n % 50}`, user_id: `u_${n % 50}` },
      token: `c-${randomUUID()}`,
      action: { tag: 'button', value: { a: 'bench.ping', n } },
      host: 'im_message',
      context: { open_message_id: `om_bench_${n}`, open_chat_id: 'oc_bench' },
    },
  };
  const payload = JSON.stringify(encryptEvent(ENCRYPT_KEY, body));
  const headers = signRequest({ encryptKey: ENCRYPT_KEY, body: payload, timestamp: Math.floor(now.getTime() / 1000) });
  return { headers, payload };
}

/** Fires every request at once; each latency is from its inject call to its answer. */
async function burst(app: FastifyInstance, requests: Request[]): Promise<RunReport> {
  const latencies = await Promise.all(
    requests.map(async (r) => {
      const t0 = performance.now();
      const res = await app.inject({ method: 'POST', url: '/feishu/events', headers: r.headers, payload: r.payload });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200 || res.json().toast?.content !== TOAST.content)
        throw new Error(`unexpected answer ${res.statusCode} ${res.body}`);
      return ms;
    }),
  );
  return { ops: requests.length, latencies };
}

function bareApp(): FastifyInstance {
  const app = Fastify({ logger: false });
  app.post('/feishu/events', async (req) => {
    if (typeof (req.body as { encrypt?: unknown })?.encrypt !== 'string') throw new Error('not a Feishu body');
    return { toast: TOAST };
  });
  return app;
}

const rate = (m: Measurement) => Math.round((m.ops ?? 0) / (m.totalMs / 1000));

export async function run(): Promise<BenchResult> {
  const now = new Date();
  const requests = (k: number, from: number) => Array.from({ length: k }, (_, i) => cardActionRequest(from + i, now));
  const [warmA, warmB, load] = [requests(WARMUP, 0), requests(WARMUP, WARMUP), requests(ACTIONS, 2 * WARMUP)];

  const bare = bareApp();
  await bare.ready();
  await burst(bare, warmA);
  const baseline = await measure('bare fastify route, JSON parse only', () => burst(bare, load));
  await bare.close();

  const handle = await benchDatabase();
  const config = loadConfig({
    PORT: '3999',
    FEISHU_MODE: 'webhook',
    FEISHU_APP_ID: 'cli_0000000000000000',
    FEISHU_APP_SECRET: 'bench',
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
  });
  const bot = await buildBot({
    config,
    db: handle.db,
    dbDriver: handle.driver,
    logger: false,
    capabilities: [benchCapability],
  });
  try {
    await bot.app.ready();
    await burst(bot.app, warmB);
    const candidate = await measure(`bot webhook → router (${handle.driver})`, () => burst(bot.app, load));
    const [{ n }] = await handle.db.select({ n: count() }).from(processedEvents);
    if (n !== ACTIONS + WARMUP) throw new Error(`expected ${ACTIONS + WARMUP} dedup keys, found ${n}`);
    return {
      baseline,
      candidate,
      limits: [
        {
          metric: 'p99Ms',
          bound: 1500,
          why: 'p99 ≤ 1.5 s: half of Feishu’s 3 s callback limit, leaving room for the network',
        },
        { metric: 'maxMs', bound: 2500, why: 'no callback past the router’s own 2.5 s fallback answer' },
      ],
      notes: [
        `${ACTIONS} concurrent card actions after ${WARMUP} warm-up ones; app.inject (no sockets), database ${handle.driver}.`,
        'Every action was answered with the handler’s toast and recorded once for dedup.',
        `Throughput: candidate ${rate(candidate)} actions/s, baseline ${rate(baseline)} requests/s.`,
      ],
    };
  } finally {
    await bot.app.close();
    await handle.close();
  }
}
