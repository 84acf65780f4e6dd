import type { FastifyInstance } from 'fastify';
import type { SettableClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import type { Scheduler } from '../jobs/scheduler.js';
import { consoleRoutes } from './console/console.routes.js';
import { controlApi } from './control/index.js';
import { devRoutes } from './dev.routes.js';
import { demoCountyDirectory } from './directory.js';
import { Emulator } from './emulator.js';
import { openApi } from './openapi/index.js';
import type { DirectoryEntry } from './tenant.js';
import { botAddedToLeadersChat } from './world.js';

export type { DirectoryEntry } from './tenant.js';

export interface EmulatorDeps {
  config: Config;
  log: Logger;
  /** The bot's clock, moved by POST /dev/clock. */
  clock: SettableClock;
  scheduler: Scheduler;
  /** Waits until the bot has processed every accepted event and flushed its outbox (tests, /dev routes). */
  settle(): Promise<void>;
  /** The tenant's people (default: the demo county's directory). Tests pass their own. */
  directory?: () => DirectoryEntry[] | Promise<DirectoryEntry[]>;
  /** Feishu gives card callbacks 3 s; tests on a loaded machine may allow more. */
  callbackTimeoutMs?: number;
  /** The dice of fault injection (default Math.random); tests seed it so a fault run is reproducible. */
  random?: () => number;
}

/** Mounts the local Feishu (fake Open API + event pusher), the control API, /dev routes and the web console. */
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
    directory: deps.directory ?? demoCountyDirectory,
    callbackTimeoutMs: deps.callbackTimeoutMs,
    random: deps.random,
  });
  const settle = async () => {
    await emu.pusher.idle();
    await deps.settle();
  };
  app.register(openApi(emu), { prefix: '/emulator/open-apis' });
  app.register(controlApi(emu), { prefix: '/emulator/api' });
  app.register(devRoutes({ clock: deps.clock, scheduler: deps.scheduler, settle }), { prefix: '/dev' });
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
