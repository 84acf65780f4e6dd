import * as lark from '@larksuiteoapi/node-sdk';
// The pino-compatible logger type straight from fastify (Deps.log is the same type): importing it from
// deps.ts would close the cycle deps.ts → client.ts → deps.ts.
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Config } from '../config.js';

export type LarkClient = lark.Client;

type Level = 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Routes the SDK's own log lines into pino. The SDK calls each level with an array of arguments: strings,
 * errors (axios errors carrying the request, which may hold mobiles or emails) and plain objects. Strings form
 * the message, an error goes through the error serializer (status and Feishu code only), objects are summarised
 * by their Feishu code/msg — never `[object Object]`, never a request body.
 */
export function sdkLogger(log: Logger) {
  const write = (level: Level) => (args: unknown) => {
    const list = Array.isArray(args) ? args : [args];
    const words: string[] = [];
    let err: unknown;
    const extra: Record<string, unknown>[] = [];
    for (const a of list) {
      if (typeof a === 'string' || typeof a === 'number' || typeof a === 'boolean') words.push(String(a));
      else if (a instanceof Error) err ??= a;
      else if (a && typeof a === 'object') extra.push(summarise(a as Record<string, unknown>));
    }
    const fields: Record<string, unknown> = { sdk: 'lark' };
    if (err) fields.err = err;
    if (extra.length > 0) fields.details = extra;
    log[level](fields, words.join(' ') || (err instanceof Error ? err.message : 'lark sdk'));
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    trace: write('trace'),
  };
}

/** The harmless part of an object the SDK logs: Feishu's code and msg, an HTTP status. */
function summarise(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['code', 'msg', 'status', 'statusText', 'message']) {
    const v = o[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : { keys: Object.keys(o).slice(0, 10) };
}

const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/**
 * The real SDK client; in emulator mode its `domain` points at the built-in emulator, nothing else differs.
 * Its HTTP client (axios) honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY on its own (see proxy.ts and
 * docs/deploy.md); FEISHU_DOMAIN selects Feishu, Lark (https://open.larksuite.com) or a 私有化部署 host.
 */
export function createLarkClient(config: Config, log?: Logger): LarkClient {
  return new lark.Client({
    appId: config.feishu.appId,
    appSecret: config.feishu.appSecret,
    domain: config.feishu.domain,
    cache: new lark.DefaultCache(),
    // Failed sends are reported by the outbox with their reason; the SDK's own lines go to pino (or nowhere).
    logger: log ? sdkLogger(log) : silent,
    loggerLevel: lark.LoggerLevel.error,
  });
}
