import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';

export type LarkClient = lark.Client;

/** The real SDK client; in emulator mode its `domain` points at the built-in emulator, nothing else differs. */
export function createLarkClient(config: Config): LarkClient {
  return new lark.Client({
    appId: config.feishu.appId,
    appSecret: config.feishu.appSecret,
    domain: config.feishu.domain,
    cache: new lark.DefaultCache(),
    loggerLevel: lark.LoggerLevel.error,
  });
}
