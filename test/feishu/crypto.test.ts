import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, encryptEvent, signature, signatureMatches, signRequest } from '../../src/feishu/crypto.js';

describe('feishu crypto', () => {
  it('decrypts the acceptance vector of Feishu', () => {
    expect(decrypt('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('encrypts so that Feishu (and we) can decrypt, with a fresh IV each time', () => {
    const a = encrypt('test key', '{"x":"中文"}');
    const b = encrypt('test key', '{"x":"中文"}');
    expect(a).not.toBe(b);
    expect(decrypt('test key', a)).toBe('{"x":"中文"}');
    expect(JSON.parse(decrypt('k', encryptEvent('k', { a: 1 }).encrypt))).toEqual({ a: 1 });
  });

  it('reproduces the acceptance vector with its IV', () => {
    const iv = Buffer.from('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', 'base64').subarray(0, 16);
    expect(encrypt('test key', 'hello world', iv)).toBe('P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=');
  });

  it.each([
    ['a wrong key', 'other key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk='],
    ['a short payload', 'test key', 'AAAA'],
    ['a payload of a wrong length', 'test key', Buffer.alloc(40).toString('base64')],
  ])('refuses %s', (_name, key, payload) => {
    expect(() => decrypt(key, payload)).toThrow();
  });

  it('signs sha256(timestamp + nonce + key + body) and checks it in constant time', () => {
    const sig = signature('1700000000', 'n1', 'k', '{"a":1}');
    // Computed independently: python3 hashlib.sha256(b'1700000000n1k{"a":1}').hexdigest()
    expect(sig).toBe('260af7f5d58f5f6af3e9c39904d48433ee310e8c4df7989b5b950263274faac5');
    const ok = { timestamp: '1700000000', nonce: 'n1', encryptKey: 'k', rawBody: '{"a":1}' };
    expect(signatureMatches(ok, sig)).toBe(true);
    expect(signatureMatches({ ...ok, rawBody: '{"a": 1}' }, sig)).toBe(false);
    expect(signatureMatches(ok, 'zz')).toBe(false);
    const headers = signRequest({ encryptKey: 'k', body: '{"a":1}', timestamp: 1700000000, nonce: 'n1' });
    expect(headers['x-lark-signature']).toBe(sig);
    expect(headers['x-lark-request-timestamp']).toBe('1700000000');
  });
});
