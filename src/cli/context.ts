import { hostname } from 'node:os';
import { capabilities as installed } from '../capabilities.js';
import type { Capability } from '../capability.js';
import { SettableClock } from '../clock.js';
import type { Config } from '../config.js';
import { type DbHandle, openDatabase } from '../db/client.js';
import { createDeps, type Logger } from '../deps.js';
import { createLarkClient, type LarkClient } from '../feishu/client.js';
import { createLogger } from '../logger.js';
import { type CliContext, failure } from './command.js';

export interface ContextOptions {
  /** An open, migrated database (tests); otherwise one is opened from the config and closed afterwards. */
  handle?: DbHandle;
  capabilities?: Capability[];
  /** The clock commands run on (tests freeze it); default real time. */
  clock?: SettableClock;
  lark?: LarkClient;
  log?: Logger;
  print(line: string): void;
}

/** A name for job_runs.instance that tells CLI runs apart from the bot's. */
export const cliInstance = () => `cli-${hostname()}-${process.pid}`;

/** Opens (and migrates) the database and builds the same Deps the bot uses. `close` releases what it opened. */
export async function createCliContext(
  config: Config,
  opts: ContextOptions,
): Promise<{ ctx: CliContext; close(): Promise<void> }> {
  const log = opts.log ?? createLogger(config.logLevel);
  const owned = !opts.handle;
  if (owned && !config.databaseUrl) await refuseIfBotHoldsPglite(config);
  const handle = opts.handle ?? openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (owned) await handle.migrate();
  } catch (err) {
    await handle.close().catch(() => {});
    const where = config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `PGlite（${config.dataDir}）`;
    throw new Error(`无法打开数据库 ${where}：${err instanceof Error ? err.message : String(err)}`);
  }
  const clock = opts.clock ?? new SettableClock();
  const lark = opts.lark ?? createLarkClient(config);
  // No outbox worker runs in the CLI: what a command enqueues is delivered by the running bot.
  const deps = createDeps({ db: handle.db, clock, config, log, lark, outboxWake: () => {} });
  const caps = opts.capabilities ?? installed;
  const ctx: CliContext = {
    config,
    db: handle.db,
    driver: handle.driver,
    clock,
    lark,
    log,
    deps,
    capabilities: caps,
    jobs: () => caps.flatMap((c) => c.jobs?.(deps) ?? []),
    print: (line = '') => {
      opts.print(line);
    },
  };
  return { ctx, close: async () => (owned ? handle.close() : undefined) };
}

/**
 * PGlite's folder can be opened by one process only (a second one corrupts it). A bot answering /healthz
 * on our port with the PGlite driver holds it: stop instead of opening the folder under it.
 */
async function refuseIfBotHoldsPglite(config: Config): Promise<void> {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  let driver: unknown;
  try {
    const res = await fetch(`http://${host}:${config.port}/healthz`, { signal: AbortSignal.timeout(800) });
    driver = ((await res.json()) as { driver?: unknown }).driver;
  } catch {
    return; // nothing listening (or not our bot): the folder is free
  }
  if (driver !== 'pglite') return;
  const dev =
    config.feishu.mode === 'emulator'
      ? `；本地模式下可用 POST http://localhost:${config.port}/dev/jobs/<任务名>/run 运行任务`
      : '';
  throw failure(
    `机器人正在运行（端口 ${config.port}）并占用内置数据库 ${config.dataDir}，同一数据目录不能同时被两个进程打开。请先停止机器人再运行命令${dev}。`,
  );
}
