import { createServer } from 'node:net';
import { and, eq, like, sql } from 'drizzle-orm';
import { type Bot, buildBot } from '../../src/app.js';
import type { Capability } from '../../src/capability.js';
import { SettableClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/transport.js';
import type { Faults } from '../../src/emulator/faults.js';
import type { DirectoryEntry } from '../../src/emulator/index.js';
import { createTestDb } from './db.js';
import { testBaseNow } from './now.js';

/**
 * End-to-end harness: the whole bot listening on 127.0.0.1 (a free port), its SDK pointed at the built-in
 * emulator, the outbox worker running, and a driver over the emulator's control API and /dev routes.
 * Everything goes through HTTP and the real @larksuiteoapi/node-sdk, as in production.
 */
export interface EmulatedOptions {
  /** The emulator's directory (Feishu's side). Seed the same people into the bot with `seed`. */
  users?: DirectoryEntry[];
  /** Initial bot time (the clock keeps running from there). Default: now. */
  now?: Date | string;
  env?: Record<string, string>;
  capabilities?: Capability[];
  /** Runs on the migrated database before the bot starts (seed roster, roles…). */
  seed?: (bot: Bot) => Promise<void>;
  /** Runs after the bot listens and before `bot.start()` (the start-up window: /healthz not ready yet). */
  beforeStart?: (bot: Bot, baseUrl: string) => Promise<void>;
  /** Card-callback timeout in the emulator (Feishu: 3000 ms). */
  callbackTimeoutMs?: number;
  /** The emulator's fault dice (default Math.random): seed it to make injected faults reproducible. */
  faultRandom?: () => number;
}

export interface EmulatedUser {
  open_id: string;
  user_id: string;
  name: string;
  unit: string;
  roles: string[];
  mobile: string | null;
  email: string | null;
}

export interface EmulatedMessage {
  message_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  sender: { type: 'app' | 'user'; id: string; name: string };
  msg_type: string;
  content: any;
  create_time: string;
  parent_id: string | null;
  uuid: string | null;
  mentions: unknown[];
  patches: { at: string; kind: string; viewer?: string; content: unknown }[];
}

export interface Emulated {
  bot: Bot;
  config: Config;
  handle: DbHandle;
  clock: SettableClock;
  baseUrl: string;
  users(): Promise<EmulatedUser[]>;
  addUsers(entries: DirectoryEntry[]): Promise<EmulatedUser[]>;
  /** A user sends a text (p2p unless chatId). `from`: open_id, mobile, email or unique name. */
  send(from: string, text: string, opts?: { chatId?: string }): Promise<{ event_id: string; message_id: string }>;
  sendFile(
    from: string,
    name: string,
    data: Buffer,
    opts?: { chatId?: string },
  ): Promise<{ event_id: string; message_id: string }>;
  /** A click (value) or a form submit (formValue); resolves to the bot's callback answer. */
  click(
    messageId: string,
    from: string,
    value?: Record<string, unknown>,
    formValue?: Record<string, unknown>,
    extra?: Record<string, unknown>,
  ): Promise<any>;
  /** Settles, then lists a chat (p2p of openId, or chatId), newest last, as `openId` (or `viewer`) sees it. */
  messages(where: { openId: string } | { chatId: string }, viewer?: string): Promise<EmulatedMessage[]>;
  /** Settles, then the newest card in the user's private chat (as they see it), or undefined. */
  lastCard(openId: string): Promise<EmulatedMessage | undefined>;
  leadersChatId(): Promise<string>;
  setClock(iso: string): Promise<void>;
  runJob(name: string): Promise<any>;
  faults(f: Partial<Faults>): Promise<void>;
  pushRaw(body: Record<string, unknown>): Promise<{ event_id: string | null; status: number | null; body: unknown }>;
  stats(): Promise<any>;
  /** Waits until the bot processed every accepted event and the outbox delivered what is due. */
  settle(): Promise<void>;
  /** Settles until no outbox row is pending, including rows backed off after 429/5xx (throws after timeoutMs). */
  deliverAll(timeoutMs?: number): Promise<void>;
  /** Any control-API or /dev call: throws with the server's message on non-2xx. */
  call(method: string, path: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function startEmulated(opts: EmulatedOptions = {}): Promise<Emulated> {
  const handle = await createTestDb();
  try {
    const started = await listenOnFreePort(handle, opts);
    return driver(started.bot, started.config, handle, started.clock);
  } catch (e) {
    await handle.close();
    throw e;
  }
}

async function listenOnFreePort(handle: DbHandle, opts: EmulatedOptions) {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      FEISHU_MODE: 'emulator',
      SEED_DEMO: 'never',
      EMULATOR_RETRY_SCALE: '0.001',
      LOG_LEVEL: 'silent',
      ...opts.env,
    });
    const clock = new SettableClock();
    clock.set(opts.now ? new Date(opts.now) : testBaseNow());
    const users = opts.users ?? [];
    const bot = await buildBot({
      config,
      db: handle.db,
      dbDriver: handle.driver,
      clock,
      logger: false,
      capabilities: opts.capabilities,
      // Retries after 5xx / network errors come in tens of milliseconds, not seconds (resets Feishu states still apply).
      outboxBackoffScale: 0.01,
      emulator: { directory: () => users, callbackTimeoutMs: opts.callbackTimeoutMs, random: opts.faultRandom },
    });
    try {
      if (opts.seed) await opts.seed(bot);
      await bot.app.listen({ port, host: '127.0.0.1' });
    } catch (e: any) {
      await bot.app.close();
      if (e?.code === 'EADDRINUSE' && attempt < 5) continue;
      throw e;
    }
    bot.outbox.start();
    try {
      await opts.beforeStart?.(bot, `http://127.0.0.1:${port}`);
    } catch (e) {
      await bot.app.close();
      throw e;
    }
    await bot.start();
    return { bot, config, clock };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function driver(bot: Bot, config: Config, handle: DbHandle, clock: SettableClock): Emulated {
  const baseUrl = `http://127.0.0.1:${config.port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok)
      throw Object.assign(new Error(`${method} ${path} → ${res.status}: ${data?.error ?? text}`), {
        status: res.status,
        data,
      });
    return data;
  };
  const settle = async () => {
    await call('POST', '/dev/settle');
  };
  /**
   * A row Feishu answered "too fast" (429) is still on its way: the user sees it a second later. Reads wait for
   * those (a loaded machine's jitter can trip the limit now and then), not for rows backed off after real errors.
   */
  const settleThrottled = async (timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await settle();
      const [row] = await handle.db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), like(outbox.lastError, 'HTTP 429%')));
      if (Number(row.n) === 0 || Date.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const messages = async (where: { openId: string } | { chatId: string }, viewer?: string) => {
    await settleThrottled();
    const q = new URLSearchParams('openId' in where ? { open_id: where.openId } : { chat_id: where.chatId });
    if (viewer) q.set('viewer', viewer);
    return (await call('GET', `/emulator/api/messages?${q}`)).messages as EmulatedMessage[];
  };
  return {
    bot,
    config,
    handle,
    clock,
    baseUrl,
    users: async () => (await call('GET', '/emulator/api/users')).users,
    addUsers: async (users) => (await call('POST', '/emulator/api/users', { users })).users,
    send: (from, text, o = {}) => call('POST', '/emulator/api/messages', { from, text, chat_id: o.chatId }),
    sendFile: (from, name, data, o = {}) =>
      call('POST', '/emulator/api/messages', {
        from,
        chat_id: o.chatId,
        file: { name, base64: data.toString('base64') },
      }),
    click: (messageId, from, value, formValue, extra = {}) =>
      call('POST', '/emulator/api/card-actions', {
        message_id: messageId,
        from,
        value,
        form_value: formValue,
        ...extra,
      }),
    messages,
    lastCard: async (openId) => (await messages({ openId })).filter((m) => m.msg_type === 'interactive').at(-1),
    leadersChatId: async () => (await call('GET', '/emulator/api/chats')).chats[0].chat_id,
    setClock: async (iso) => {
      await call('POST', '/dev/clock', { now: iso });
    },
    runJob: (name) => call('POST', `/dev/jobs/${encodeURIComponent(name)}/run`),
    faults: async (f) => {
      await call('POST', '/emulator/api/faults', f);
    },
    pushRaw: (body) => call('POST', '/emulator/api/events', body),
    stats: () => call('GET', '/emulator/api/stats'),
    settle,
    deliverAll: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await settle();
        const [row] = await handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(outbox)
          .where(eq(outbox.status, 'pending'));
        if (Number(row.n) === 0) return;
        if (Date.now() > deadline) throw new Error(`${row.n} outbox rows still pending after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    call,
    close: async () => {
      await bot.app.close();
      await handle.close();
    },
  };
}
