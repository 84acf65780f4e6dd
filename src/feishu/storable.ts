import { createHash } from 'node:crypto';

/** Longest dedup key stored as is; PostgreSQL's btree refuses index rows over ~2.7 kB. */
const MAX_KEY = 200;

/**
 * A dedup key PostgreSQL can store and index: keys with NUL, lone surrogates or over MAX_KEY characters
 * become a hash of themselves (the same input always gives the same key, so duplicates still match).
 */
export function storableKey(key: string): string {
  if (key.length <= MAX_KEY && !BAD.test(key)) return key;
  const prefix = key.slice(0, key.indexOf(':') + 1);
  return `${prefix}#${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/**
 * A copy of a JSON value that PostgreSQL's jsonb accepts: no NUL (`\u0000`) and no lone surrogates in
 * strings or keys. Feishu never sends them; a forged or corrupted event must not fail the batch it came in.
 */
export function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[clean(k)] = storableJson(v);
    return out;
  }
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** NUL, or a surrogate half without its other half. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const BAD = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_ALL = new RegExp(BAD.source, 'g');

/** A string PostgreSQL's text accepts (NUL dropped, lone surrogates replaced). */
export function storableText(s: string): string {
  return clean(s);
}

function clean(s: string): string {
  return BAD.test(s) ? s.replace(BAD_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD')) : s;
}
