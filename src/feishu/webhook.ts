import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Logger } from '../deps.js';
import { decrypt, NONCE_HEADER, SIGNATURE_HEADER, signatureMatches, TIMESTAMP_HEADER } from './crypto.js';
import { type Envelope, parseEnvelope } from './envelope.js';
import type { Router } from './router.js';

export interface WebhookDeps {
  config: Config;
  router: Router;
  clock: { now(): Date };
  log: Logger;
}

/** Feishu events are small; a card form submit is well under this. */
const BODY_LIMIT = 1024 * 1024;

type Headers = Record<string, string | string[] | undefined>;
type Outcome = { status: number; body: unknown };
type Checked = { ok: true; envelope: Envelope; signed: boolean } | { ok: false; outcome: Outcome };

const refuse = (status: number, error: string): Checked => ({ ok: false, outcome: { status, body: { error } } });

/** POST /feishu/events: URL verification, signature, decryption, token and replay checks, then the router. */
export function registerWebhook(app: FastifyInstance, deps: WebhookDeps): void {
  app.register(async (scope) => {
    // The signature covers the exact bytes Feishu sent: keep the raw body, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/feishu/events', async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await receive(deps, req.headers, raw);
      return reply.status(outcome.status).send(outcome.body);
    });
  });
}

/** The whole request handling, transport-agnostic: headers + raw bytes in, HTTP status + body out. */
export async function receive(deps: WebhookDeps, headers: Headers, raw: Buffer): Promise<Outcome> {
  const checked = authenticate(deps, headers, raw);
  if (!checked.ok) {
    deps.log.warn({ status: checked.outcome.status, reason: checked.outcome.body }, 'feishu request refused');
    return checked.outcome;
  }
  const { envelope } = checked;
  if (envelope.kind === 'challenge') return { status: 200, body: { challenge: envelope.challenge } };
  if (envelope.kind === 'invalid') return { status: 400, body: { error: envelope.reason } };
  // Card callbacks answer with the router's {toast, card}; events are recorded, answered {}, processed after.
  const answer = await deps.router.handle(envelope.event);
  return { status: 200, body: answer ?? {} };
}

function authenticate(deps: WebhookDeps, headers: Headers, raw: Buffer): Checked {
  const { encryptKey, verificationToken } = deps.config.feishu;
  if (!encryptKey && !verificationToken) return refuse(401, 'no Encrypt Key or Verification Token configured');
  const sig = header(headers, SIGNATURE_HEADER);
  const signed = Boolean(encryptKey && sig);
  if (signed) {
    const timestamp = header(headers, TIMESTAMP_HEADER) ?? '';
    const nonce = header(headers, NONCE_HEADER) ?? '';
    if (!signatureMatches({ timestamp, nonce, encryptKey: encryptKey!, rawBody: raw }, sig!)) {
      return refuse(401, 'bad signature');
    }
  }
  const stale = replayProblem(deps, header(headers, TIMESTAMP_HEADER));
  if (stale) return refuse(401, stale);
  const decoded = decode(raw, encryptKey);
  if ('error' in decoded) return refuse(400, decoded.error);
  const envelope = parseEnvelope(decoded.body);
  if (envelope.kind === 'invalid') return refuse(400, envelope.reason);
  // Feishu signs everything once an Encrypt Key is set; only a URL challenge may come unsigned.
  if (encryptKey && !signed && envelope.kind !== 'challenge') return refuse(401, 'missing signature');
  if (verificationToken && envelope.token !== verificationToken) return refuse(401, 'bad verification token');
  return { ok: true, envelope, signed };
}

/** A reason to refuse the request's timestamp, or null. Requests without one are judged by signature/token. */
function replayProblem(deps: WebhookDeps, timestamp: string | undefined): string | null {
  if (timestamp === undefined) return null;
  const seconds = Number(timestamp);
  if (!/^\d{1,13}$/.test(timestamp) || !Number.isFinite(seconds)) return 'bad timestamp';
  const skew = Math.abs(deps.clock.now().getTime() / 1000 - seconds);
  return skew > deps.config.feishu.replayWindowSeconds ? 'timestamp outside the replay window' : null;
}

/** The JSON body, decrypted when it is `{encrypt}`, or why it is malformed. */
function decode(raw: Buffer, encryptKey: string | undefined): { body: unknown } | { error: string } {
  const outer = parseJson(raw.toString('utf8'));
  if (outer === undefined) return { error: 'body is not JSON' };
  if (typeof outer !== 'object' || outer === null || !('encrypt' in outer)) return { body: outer };
  const encrypted = (outer as { encrypt: unknown }).encrypt;
  if (typeof encrypted !== 'string') return { error: 'encrypt is not a string' };
  if (!encryptKey) return { error: 'encrypted body but no Encrypt Key configured' };
  let plain: string;
  try {
    plain = decrypt(encryptKey, encrypted);
  } catch {
    return { error: 'cannot decrypt body' };
  }
  const inner = parseJson(plain);
  return inner === undefined ? { error: 'decrypted body is not JSON' } : { body: inner };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function header(headers: Headers, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
