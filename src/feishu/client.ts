import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';

export type LarkClient = lark.Client;

/** Routes the SDK's own log lines into pino instead of the console. */
export function sdkLogger(log: Logger) {
  const text = (msg: unknown) => (Array.isArray(msg) ? msg.map(String).join(' ') : String(msg));
  return {
    error: (msg: unknown) => log.error({ sdk: 'lark' }, text(msg)),
    warn: (msg: unknown) => log.warn({ sdk: 'lark' }, text(msg)),
    info: (msg: unknown) => log.info({ sdk: 'lark' }, text(msg)),
    debug: (msg: unknown) => log.debug({ sdk: 'lark' }, text(msg)),
    trace: (msg: unknown) => log.trace({ sdk: 'lark' }, text(msg)),
  };
}

const silent = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** The real SDK client; in emulator mode its `domain` points at the built-in emulator, nothing else differs. */
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
