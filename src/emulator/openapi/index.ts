import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Emulator } from '../emulator.js';
import { registerAuth } from './auth.js';
import { registerContact } from './contact.js';
import { Codes, FeishuError, sendFeishuError, sendRateLimited } from './errors.js';
import { registerFiles } from './files.js';
import { registerMessages } from './messages.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { registerPatch } from './patch.js';

const UPLOAD_LIMIT = 40 * 1024 * 1024;
const AUTH_PATH = '/auth/v3/tenant_access_token/internal';

/** The fake Open API, mounted under /emulator/open-apis. */
export function openApi(emu: Emulator) {
  return async (scope: FastifyInstance) => {
    scope.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
      (req, body, done) => {
        const boundary = boundaryOf(req.headers['content-type']);
        if (!boundary) return done(new FeishuError(Codes.invalidParam, 'multipart body without boundary'));
        done(null, parseMultipart(body as Buffer, boundary));
      },
    );
    scope.setErrorHandler((err: any, _req, reply) => {
      if (err instanceof FeishuError) return sendFeishuError(reply, err);
      if (typeof err.statusCode === 'number' && err.statusCode < 500)
        return sendFeishuError(reply, new FeishuError(Codes.fieldValidation, `bad request: ${err.message}`));
      emu.opts.log.error({ err }, 'emulator open api failed');
      return sendFeishuError(reply, new FeishuError(Codes.internal, 'Internal Error', 500));
    });
    scope.addHook('preHandler', async (req, reply) => {
      await emu.ready();
      emu.count(apiName(req));
      if (emu.faults.current.latency_ms > 0) await sleep(emu.faults.current.latency_ms);
      if (req.routeOptions.url?.endsWith(AUTH_PATH)) return;
      const fault = emu.faults.pick();
      if (fault === '429') {
        emu.stats.injected429++;
        return sendRateLimited(reply, 50, 1);
      }
      if (fault === '5xx') {
        emu.stats.injected5xx++;
        return sendFeishuError(reply, new FeishuError(Codes.internal, 'Internal Error (injected)', 500));
      }
      const auth = req.headers.authorization;
      if (!auth) throw new FeishuError(Codes.tokenMissing, 'Missing access token for authorization.');
      if (!emu.validAccessToken(/^Bearer\s+(.+)$/i.exec(auth)?.[1]))
        throw new FeishuError(Codes.tokenInvalid, 'Invalid access token for authorization.');
    });
    registerAuth(scope, emu);
    registerMessages(scope, emu);
    registerPatch(scope, emu);
    registerFiles(scope, emu);
    registerContact(scope, emu);
    scope.all('/*', async (req, reply) =>
      sendFeishuError(reply, new FeishuError(404, `emulator: ${req.method} ${req.url} is not emulated`, 404)),
    );
  };
}

function apiName(req: FastifyRequest): string {
  return `${req.method} ${req.routeOptions.url?.replace(/^.*\/open-apis/, '') ?? req.url}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
