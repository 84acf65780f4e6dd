import pino, { type LoggerOptions } from 'pino';

/**
 * Log setup shared by the bot and the CLI: no personal data in the log. Known personal fields are redacted,
 * errors are serialized from a short list of safe fields (query parameters, PostgreSQL's `detail`, HTTP request
 * configs are dropped), and ID and mobile numbers left in any message are masked.
 */

const CENSOR = '[已隐去]';
const PERSONAL = ['mobile', 'phone', 'idNumber', 'idCard', 'email', 'mobiles', 'emails', 'text', 'content'];
const PARAMS = ['params', 'parameters'];

/** Paths pino redacts: the personal keys and query parameters at the top level and one level down. */
export const REDACT_PATHS = [...PERSONAL, ...PARAMS].flatMap((k) => [k, `*.${k}`]);

/** 18-digit (and old 15-digit) ID numbers, mainland mobile numbers; the digits around must not be digits. */
const ID_NUMBER = /(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])/g;
const MOBILE = /(?<![0-9])(?:\+?86)?1[3-9][0-9]{9}(?![0-9])/g;

/** Masks ID and mobile numbers in free text. */
export function scrubText(s: string): string {
  return s.replace(ID_NUMBER, '[身份证号]').replace(MOBILE, '[手机号]');
}

/** Fields of an error that carry no data values (PostgreSQL, postgres.js, PGlite, drizzle, axios). */
const SAFE_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'routine', 'schema', 'status'];

/**
 * An error as a plain object without data values. drizzle's "Failed query: … params: …" message loses its
 * params; PostgreSQL's message and `detail` can quote a value, so messages are scrubbed and `detail` dropped.
 */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubText(String(err)).slice(0, 500) };
  const e = err as Error & Record<string, any>;
  const out: Record<string, unknown> = { type: e.name || e.constructor?.name || 'Error' };
  out.message = cleanMessage(e.message);
  for (const k of SAFE_FIELDS) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  // axios (the Feishu SDK): the HTTP status and Feishu's code/msg, never the request (it can hold mobiles).
  if (e.response && typeof e.response === 'object') {
    out.status = e.response.status;
    const data = e.response.data;
    if (data && typeof data === 'object') {
      out.feishuCode = data.code;
      if (typeof data.msg === 'string') out.feishuMsg = scrubText(data.msg);
    }
  }
  if (typeof e.stack === 'string') {
    // The stack's first lines repeat the message; keep only the frames.
    out.stack = e.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  }
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

function cleanMessage(message: string): string {
  const cut = message.indexOf('\nparams:');
  return scrubText(cut >= 0 ? message.slice(0, cut) : message).slice(0, 2000);
}

function scrubDeep(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return scrubText(v);
  if (depth > 4 || v === null || typeof v !== 'object' || v instanceof Error) return v;
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, depth + 1));
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubDeep(x, depth + 1);
  return out;
}

/** The pino options of every logger the bot makes (fastify's and the CLI's). */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { err: serializeError, error: serializeError },
    // Masks numbers in every string field (errors are left to their serializer).
    formatters: { log: (o) => scrubDeep(o, 0) as Record<string, unknown> },
    hooks: {
      // Masks numbers in the message string itself (`log.info(obj, msg)`).
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, scrubbed);
      },
    },
  };
}

/** A standalone logger (CLI, scripts), to stderr unless given a destination. */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(loggerOptions(level), destination ?? pino.destination({ fd: 2, sync: true }));
}
