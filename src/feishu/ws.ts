import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import { sdkLogger } from './client.js';
import { fromDispatcherData } from './envelope.js';
import { envProxyAgent, proxyConfigured } from './proxy.js';
import type { Router } from './router.js';

/** Every event and callback Qingmiao subscribes to (the same list the developer console needs). */
export const SUBSCRIBED_EVENTS = [
  'im.message.receive_v1',
  'card.action.trigger',
  'application.bot.menu_v6',
  'im.chat.member.bot.added_v1',
  'im.chat.member.bot.deleted_v1',
  'im.chat.access_event.bot_p2p_chat_entered_v1',
] as const;

export interface LongConnectionDeps {
  config: Config;
  router: Router;
  log: Logger;
}

export interface LongConnection {
  close(): void;
}

/** The SDK logs `(msg: unknown[])`; route it into our logger. */
/**
 * An EventDispatcher that turns the SDK's flattened data back into the router's InboundEvent.
 * Card callbacks resolve to the router's {toast, card}, which the SDK sends back as the answer.
 */
export function buildDispatcher(deps: LongConnectionDeps): lark.EventDispatcher {
  const { encryptKey, verificationToken } = deps.config.feishu;
  const dispatcher = new lark.EventDispatcher({
    encryptKey,
    verificationToken,
    logger: sdkLogger(deps.log),
    loggerLevel: lark.LoggerLevel.warn,
  });
  const handlers: Record<string, (data: any) => Promise<unknown>> = {};
  for (const type of SUBSCRIBED_EVENTS) {
    handlers[type] = async (data) => {
      const event = fromDispatcherData(type, data);
      if (!event) {
        deps.log.warn({ type }, 'long connection: event without event_id ignored');
        return {};
      }
      return deps.router.handle(event);
    };
  }
  return dispatcher.register(handlers as any);
}

/** FEISHU_MODE=ws: the SDK's WSClient (ping watchdog, auto-reconnect) feeding the same router. */
export async function startLongConnection(deps: LongConnectionDeps): Promise<LongConnection> {
  const { appId, appSecret, domain, wsPingTimeoutSeconds } = deps.config.feishu;
  // The SDK refuses other app ids silently; say it loudly instead.
  if (!/^cli_[0-9a-fA-F]{16}$/.test(appId)) {
    throw new Error(`FEISHU_APP_ID "${appId}" is not a self-built app id (cli_ + 16 hex digits)`);
  }
  const log = deps.log.child({ transport: 'ws' });
  // Endpoint discovery goes through the SDK's axios (which honours HTTPS_PROXY/NO_PROXY itself); the socket
  // itself needs an agent for the proxy.
  const agent = proxyConfigured() ? envProxyAgent() : undefined;
  if (agent) log.info('long connection through the configured proxy (HTTPS_PROXY / NO_PROXY)');
  const client = new lark.WSClient({
    appId,
    appSecret,
    domain,
    agent,
    autoReconnect: true,
    handshakeTimeoutMs: 15_000,
    wsConfig: { pingTimeout: wsPingTimeoutSeconds },
    logger: sdkLogger(log),
    loggerLevel: lark.LoggerLevel.info,
    onReady: () => log.info('long connection established (长连接已建立)'),
    onReconnecting: () => log.warn('long connection lost, reconnecting (长连接断开，正在重连)'),
    onReconnected: () => log.info('long connection re-established (长连接已恢复)'),
    onError: (err) => log.error({ err }, 'long connection gave up (长连接失败)'),
  });
  await client.start({ eventDispatcher: buildDispatcher(deps) });
  log.info({ events: SUBSCRIBED_EVENTS }, 'long connection starting');
  return {
    close: () => {
      client.close({ force: true });
      log.info('long connection closed');
    },
  };
}
