import type { FastifyInstance } from 'fastify';
import type { SettableClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import { consoleRoutes } from './console/console.routes.js';
import { controlApi } from './control/index.js';
import { Emulator } from './emulator.js';
import { openApi } from './openapi/index.js';
import type { DirectoryEntry } from './tenant.js';
import { botAddedToLeadersChat } from './world.js';

export type { DirectoryEntry } from './tenant.js';

export interface EmulatorDeps {
  config: Config;
  log: Logger;
  /** The bot's clock (the bot's /dev/clock moves it; the emulator stamps messages with it). */
  clock: SettableClock;
  /** The tenant's people, handed in as data (app.ts: the demo county's directory; tests pass their own). */
  directory: () => DirectoryEntry[] | Promise<DirectoryEntry[]>;
  /** Feishu gives card callbacks 3 s; tests on a loaded machine may allow more. */
  callbackTimeoutMs?: number;
  /** The dice of fault injection (default Math.random); tests seed it so a fault run is reproducible. */
  random?: () => number;
}

/** Mounts the local Feishu (fake Open API + event pusher), the control API and the web console. */
export function registerEmulator(app: FastifyInstance, deps: EmulatorDeps): Emulator {
  const { feishu, emulator } = deps.config;
  const emu = new Emulator({
    appId: feishu.appId,
    appSecret: feishu.appSecret,
    encryptKey: feishu.encryptKey,
    verificationToken: feishu.verificationToken,
    retryScale: emulator.retryScale,
    clock: deps.clock,
    log: deps.log,
    eventsUrl: () => `${listeningOrigin(app)}/feishu/events`,
    directory: deps.directory,
    callbackTimeoutMs: deps.callbackTimeoutMs,
    random: deps.random,
  });
  app.register(openApi(emu), { prefix: '/emulator/open-apis' });
  app.register(controlApi(emu), { prefix: '/emulator/api' });
  app.register(consoleRoutes(), { prefix: '/console' });
  app.get('/', async (_req, reply) => reply.redirect('/console'));
  // Like adding the bot to the leaders' group in the Feishu client: the bot learns the chat from the event.
  app.addHook('onListen', async () => {
    void emu
      .ready()
      .then(() => botAddedToLeadersChat(emu))
      .catch((err) => deps.log.error({ err }, 'emulator: could not load the directory'));
  });
  app.addHook('onClose', async () => emu.close());
  return emu;
}

/** The bot's own address, as Feishu would reach its request URL. */
function listeningOrigin(app: FastifyInstance): string {
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('the server is not listening');
  const host =
    addr.address === '0.0.0.0'
      ? '127.0.0.1'
      : addr.address === '::'
        ? '[::1]'
        : addr.family === 'IPv6'
          ? `[${addr.address}]`
          : addr.address;
  return `http://${host}:${addr.port}`;
}
