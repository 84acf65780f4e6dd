import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { type DbHandle, openDatabase } from '../../src/db/client.js';
import { inboxEvents } from '../../src/db/schema/transport.js';
import { FakeFeishu } from './fake-feishu.js';
import { messageEvent, signedRequest } from './feishu-events.js';

/**
 * The kill -9 drill: the real bot (src/main.ts) as a child process in webhook mode, its Open API a fake that
 * counts messages per uuid. Events are acknowledged, then the process is killed (SIGKILL) right after the
 * 200s and again in the middle of the outbox drain; the last start runs until every reply is delivered.
 */
const KEY = 'crash-encrypt-key';

export interface CrashReport {
  events: number;
  acknowledged: number;
  kills: number;
  /** Replies created at the fake (distinct uuids) per event message, and events with ≠ 1 of them. */
  delivered: number;
  missing: number;
  duplicated: number;
  /** Send requests the fake received (a resend of a uuid counts; Feishu makes one message of it). */
  sendRequests: number;
  inboxDone: number;
  inboxOther: number;
  secondsToRecover: number;
  driver: 'pglite' | 'postgres';
}

export async function crashDrill(opts: {
  events: number;
  serverUrl?: string;
  timeoutMs?: number;
}): Promise<CrashReport> {
  const fake = await FakeFeishu.start();
  // Slow sends a little so that a kill can land in the middle of the drain.
  fake.script = async () => {
    await new Promise((r) => setTimeout(r, 15));
    return undefined;
  };
  const db = await scratch(opts.serverUrl);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    FEISHU_MODE: 'webhook',
    FEISHU_APP_ID: 'cli_a000000000000001',
    FEISHU_APP_SECRET: 'fake-secret',
    FEISHU_ENCRYPT_KEY: KEY,
    FEISHU_DOMAIN: fake.url,
    LOG_LEVEL: 'error',
    SEED_DEMO: 'never',
    INBOX_LEASE_SECONDS: '1',
    OUTBOX_LEASE_SECONDS: '2',
    ...db.env,
  };
  const base = `http://127.0.0.1:${port}`;
  const ids = Array.from({ length: opts.events }, (_, i) => `om_crash_${i}`);
  let kills = 0;
  let acknowledged = 0;
  let child = await startBot(env, base);
  try {
    // 1. Every event acknowledged, then kill -9 at once: most are stored but not processed yet.
    for (let i = 0; i < ids.length; i += 25) {
      const slice = ids.slice(i, i + 25);
      const answers = await Promise.all(
        slice.map((m, j) =>
          post(
            base,
            messageEvent({
              messageId: m,
              eventId: `ev_crash_${i + j}`,
              chatId: `oc_crash_${(i + j) % 40}`,
              openId: `ou_crash_${(i + j) % 40}`,
              text: '帮助',
            }),
          ),
        ),
      );
      acknowledged += answers.filter((s) => s === 200).length;
    }
    child.kill('SIGKILL');
    kills++;
    await exited(child);
    // 2. Restart; kill -9 again once part of the replies went out (mid-drain).
    child = await startBot(env, base);
    const t0 = performance.now();
    await until(
      () => repliedTo(fake, ids).size >= Math.min(ids.length, Math.max(1, Math.floor(ids.length / 3))),
      60_000,
    );
    child.kill('SIGKILL');
    kills++;
    await exited(child);
    // 3. Restart and let it finish; Feishu's redelivery of a few events is answered as a duplicate.
    child = await startBot(env, base);
    for (const i of [0, 1, 2])
      await post(base, messageEvent({ messageId: ids[i], eventId: `ev_crash_${i}`, text: '帮助' }));
    await until(() => repliedTo(fake, ids).size >= ids.length, opts.timeoutMs ?? 90_000).catch(() => {});
    await new Promise((r) => setTimeout(r, 1500)); // anything late would show up as a duplicate
    const secondsToRecover = (performance.now() - t0) / 1000;
    child.kill('SIGTERM');
    await exited(child);
    const per = repliedTo(fake, ids);
    const handle = db.open();
    const rows = await handle.db.select().from(inboxEvents);
    await handle.close();
    return {
      events: ids.length,
      acknowledged,
      kills,
      delivered: [...per.values()].filter((n) => n === 1).length,
      missing: ids.filter((m) => !per.has(m)).length,
      duplicated: [...per.values()].filter((n) => n > 1).length,
      sendRequests: fake.sends().length,
      inboxDone: rows.filter((r) => r.status === 'done').length,
      inboxOther: rows.filter((r) => r.status !== 'done').length,
      secondsToRecover: Math.round(secondsToRecover * 10) / 10,
      driver: db.driver,
    };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake.close();
    await db.drop();
  }
}

/** Distinct uuids (messages Feishu would create) replying to each event message. */
function repliedTo(fake: FakeFeishu, ids: string[]): Map<string, number> {
  const wanted = new Set(ids);
  const uuids = new Map<string, Set<string>>();
  for (const r of fake.sends()) {
    const m = /\/messages\/([^/]+)\/reply$/.exec(r.path)?.[1];
    if (!m || !wanted.has(m)) continue;
    const set = uuids.get(m) ?? new Set<string>();
    set.add(r.body.uuid);
    uuids.set(m, set);
  }
  return new Map([...uuids].map(([k, v]) => [k, v.size]));
}

async function post(base: string, body: unknown): Promise<number> {
  const req = signedRequest({ encryptKey: KEY, body, timestamp: new Date() });
  const res = await fetch(`${base}${req.url}`, { method: 'POST', headers: req.headers, body: req.payload });
  await res.arrayBuffer();
  return res.status;
}

async function startBot(env: NodeJS.ProcessEnv, base: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}`);
    return fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
  }, 60_000);
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A database the child opens itself (PGlite directory or a new PostgreSQL database), and a way to read it after. */
async function scratch(serverUrl?: string) {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'qm-crash-'));
    return {
      driver: 'pglite' as const,
      env: { DATA_DIR: dir },
      open: (): DbHandle => openDatabase({ dataDir: dir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `qm_crash_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    driver: 'postgres' as const,
    env: { DATABASE_URL: u.toString() },
    open: (): DbHandle => openDatabase({ url: u.toString() }),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
