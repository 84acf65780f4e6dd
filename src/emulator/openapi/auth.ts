import type { FastifyInstance } from 'fastify';
import type { Emulator } from '../emulator.js';
import { Codes } from './errors.js';

/** POST /auth/v3/tenant_access_token/internal — the self-built app's token. */
export function registerAuth(scope: FastifyInstance, emu: Emulator): void {
  scope.post('/auth/v3/tenant_access_token/internal', async (req) => {
    const body = (req.body ?? {}) as { app_id?: string; app_secret?: string };
    if (body.app_id !== emu.opts.appId || body.app_secret !== emu.opts.appSecret) {
      emu.reject(Codes.appSecretInvalid);
      return { code: Codes.appSecretInvalid, msg: 'app secret invalid' };
    }
    const { token, expire } = emu.issueAccessToken();
    return { code: 0, msg: 'ok', tenant_access_token: token, expire };
  });
}
