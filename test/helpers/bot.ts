import type { Bot } from '../../src/app.js';
import { buildBot } from '../../src/app.js';
import type { Capability } from '../../src/capability.js';
import { SettableClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/client.js';
import { createTestDb } from './db.js';

export interface TestBot extends Bot {
  handle: DbHandle;
  clock: SettableClock;
  config: Config;
  close(): Promise<void>;
}

/** A bot on a fresh database with a frozen clock and no logging; emulator-mode config unless env says otherwise. */
export async function createTestBot(
  opts: { env?: Record<string, string>; now?: Date; capabilities?: Capability[]; ackDeadlineMs?: number } = {},
): Promise<TestBot> {
  const handle = await createTestDb();
  const config = loadConfig({ PORT: '3999', ...opts.env });
  const clock = new SettableClock();
  clock.freeze(opts.now ?? new Date('2026-11-30T09:00:00+08:00'));
  const bot = await buildBot({
    config,
    db: handle.db,
    dbDriver: handle.driver,
    clock,
    logger: false,
    capabilities: opts.capabilities,
    ackDeadlineMs: opts.ackDeadlineMs,
  });
  return {
    ...bot,
    handle,
    clock,
    config,
    close: async () => {
      await bot.app.close();
      await handle.close();
    },
  };
}
