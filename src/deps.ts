import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { LarkClient } from './feishu/client.js';
import { type Ids, randomIds } from './ids.js';

export type Logger = FastifyBaseLogger;

/** Everything a service, handler or job needs, passed in (never imported as singletons). */
export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
  log: Logger;
  ids: Ids;
  /** The real Feishu SDK client, for reads (contact lookups, message resources). Sends go through the outbox. */
  lark: LarkClient;
  /** Nudges the outbox worker after a commit so messages leave at once instead of at the next poll. */
  outboxWake: () => void;
}

/** The Deps every listener, job and CLI command receives: the bot (app.ts) and the CLI build them here. */
export function createDeps(d: Omit<Deps, 'ids'> & { ids?: Ids }): Deps {
  return { ...d, ids: d.ids ?? randomIds };
}
