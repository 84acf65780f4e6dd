import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import type { Router } from './router.js';

export interface WebhookDeps {
  config: Config;
  router: Router;
  clock: { now(): Date };
  log: Logger;
}

/** POST /feishu/events: URL verification, signature, decryption, token and replay checks, then the router. */
export function registerWebhook(_app: FastifyInstance, _deps: WebhookDeps): void {
  // implemented by the transport work
}
