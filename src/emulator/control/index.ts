import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { registerEventRoutes } from './events.js';
import { registerMessageRoutes } from './messages.js';
import { registerUsers } from './users.js';

/** The control API under /emulator/api (documented in docs/emulator.md; kept stable). */
export function controlApi(emu: Emulator) {
  return async (scope: FastifyInstance) => {
    scope.addHook('preHandler', async () => emu.ready());
    registerUsers(scope, emu);
    registerMessageRoutes(scope, emu);
    registerEventRoutes(scope, emu);
  };
}
