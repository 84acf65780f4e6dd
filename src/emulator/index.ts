import type { FastifyInstance } from 'fastify';
import type { SettableClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import type { Scheduler } from '../jobs/scheduler.js';

export interface EmulatorDeps {
  config: Config;
  log: Logger;
  /** The bot's clock, moved by POST /dev/clock. */
  clock: SettableClock;
  scheduler: Scheduler;
  /** Waits until the bot has processed every accepted event and flushed its outbox (tests, /dev routes). */
  settle(): Promise<void>;
}

/** Mounts the local Feishu (fake Open API + event pusher), the control API, /dev routes and the web console. */
export function registerEmulator(_app: FastifyInstance, _deps: EmulatorDeps): void {}
