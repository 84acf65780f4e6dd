import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Feishu's event crypto, as pure functions (no config, no clock): the webhook verifies and decrypts
 * with them, the emulator and the tests sign and encrypt with them exactly like Feishu does.
 *
 * - Encryption: AES-256-CBC, key = sha256(encryptKey), a random 16-byte IV prepended to the
 *   ciphertext, PKCS#7 padding, the whole base64-encoded.
 * - Signature: hex sha256(timestamp + nonce + encryptKey + rawBody), sent as X-Lark-Signature
 *   with X-Lark-Request-Timestamp (seconds) and X-Lark-Request-Nonce.
 */

export const SIGNATURE_HEADER = 'x-lark-signature';
export const TIMESTAMP_HEADER = 'x-lark-request-timestamp';
export const NONCE_HEADER = 'x-lark-request-nonce';

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Decrypts an `encrypt` field; throws on anything that is not valid ciphertext for this key. */
export function decrypt(encryptKey: string, encrypted: string): string {
  const buf = Buffer.from(encrypted, 'base64');
  if (buf.length < 32 || (buf.length - 16) % 16 !== 0) throw new Error('ciphertext has a wrong length');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
}

/** Encrypts like Feishu. `iv` is random unless given (tests pass one for a fixed output). */
export function encrypt(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  if (iv.length !== 16) throw new Error('iv must be 16 bytes');
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/** The body Feishu posts when an Encrypt Key is set: `{"encrypt":"…"}`. */
export function encryptEvent(encryptKey: string, json: unknown): { encrypt: string } {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return { encrypt: encrypt(encryptKey, text) };
}

/** hex sha256(timestamp + nonce + encryptKey + rawBody). */
export function signature(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Buffer): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(
  expected: { timestamp: string; nonce: string; encryptKey: string; rawBody: string | Buffer },
  received: string,
): boolean {
  const want = Buffer.from(signature(expected.timestamp, expected.nonce, expected.encryptKey, expected.rawBody), 'hex');
  const got = Buffer.from(received, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Headers Feishu sends with a request whose raw body is `body`.
 * `timestamp` is in seconds; `nonce` is random unless given.
 */
export function signRequest(opts: {
  encryptKey: string;
  body: string;
  timestamp: number | string;
  nonce?: string;
}): Record<string, string> {
  const timestamp = String(opts.timestamp);
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  return {
    'content-type': 'application/json; charset=utf-8',
    [TIMESTAMP_HEADER]: timestamp,
    [NONCE_HEADER]: nonce,
    [SIGNATURE_HEADER]: signature(timestamp, nonce, opts.encryptKey, opts.body),
  };
}
