import { describe, expect, it } from 'vitest';
import { backoffMs, classify, FeishuApiError, MAX_ATTEMPTS, resetHeaderMs } from '../../src/feishu/outbox.errors.js';

/** The shape of an AxiosError the SDK throws on non-2xx. */
const http = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`Request failed with status code ${status}`), { response: { status, data, headers } });

describe('outbox error verdicts', () => {
  it.each([
    [
      '429 with reset header',
      http(429, { code: 99991400, msg: 'limit' }, { 'x-ogw-ratelimit-reset': '3' }),
      1,
      { kind: 'retry', delayMs: 3000, limited: 'app' },
    ],
    ['429 without header', http(429, { code: 99991400 }), 2, { kind: 'retry', delayMs: 4000, limited: 'app' }],
    [
      '400 with a rate-limit code (older APIs)',
      http(400, { code: 99991400 }, { 'x-ogw-ratelimit-reset': '1' }),
      1,
      { kind: 'retry', delayMs: 1000, limited: 'app' },
    ],
    [
      'per-chat frequency limit',
      http(400, { code: 230020, msg: 'frequency' }),
      1,
      { kind: 'retry', delayMs: 2000, limited: 'target' },
    ],
    [
      '200 with a per-chat limit code',
      new FeishuApiError(230020, 'frequency'),
      3,
      { kind: 'retry', delayMs: 8000, limited: 'target' },
    ],
    ['500', http(500, { code: 1, msg: 'internal' }), 1, { kind: 'retry', delayMs: 2000 }],
    ['503 without body', http(503, undefined), 4, { kind: 'retry', delayMs: 16000 }],
    ['expired token', http(400, { code: 99991663, msg: 'invalid token' }), 1, { kind: 'retry', delayMs: 2000 }],
    [
      'network error',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      1,
      { kind: 'retry', delayMs: 2000 },
    ],
    ['bot not in chat', http(400, { code: 230002, msg: 'Bot is not in the chat' }), 1, { kind: 'fail' }],
    ['200 with an error code', new FeishuApiError(230001, 'invalid content'), 1, { kind: 'fail' }],
    ['403 without a Feishu code', http(403, 'Forbidden'), 1, { kind: 'fail' }],
    ['404 with a code', http(404, { code: 230011, msg: 'message withdrawn' }), 1, { kind: 'fail' }],
  ])('%s', (_name, err, attempt, expected) => {
    expect(classify(err, attempt)).toMatchObject(expected);
  });

  it('takes a shorter backoff when given one (the e2e harness), but never shortens a reset Feishu states', () => {
    const fast = (n: number) => Math.ceil(backoffMs(n) * 0.01);
    expect(classify(http(500, {}), 3, fast)).toMatchObject({ kind: 'retry', delayMs: 80 });
    expect(classify(http(429, { code: 99991400 }), 2, fast)).toMatchObject({ kind: 'retry', delayMs: 40 });
    const reset = http(429, { code: 99991400 }, { 'x-ogw-ratelimit-reset': '1' });
    expect(classify(reset, 2, fast)).toMatchObject({ kind: 'retry', delayMs: 1000, limited: 'app' });
    expect(classify(http(503, {}), MAX_ATTEMPTS, fast).kind).toBe('fail');
  });

  it('keeps the Feishu code and message in the reason', () => {
    const v = classify(http(400, { code: 230002, msg: 'Bot is not in the chat' }), 1);
    expect(v.reason).toBe('HTTP 400 code 230002: Bot is not in the chat');
  });

  it('gives up on retryable errors after the last attempt', () => {
    const v = classify(http(503, {}), MAX_ATTEMPTS);
    expect(v.kind).toBe('fail');
    expect(v.reason).toMatch(/^gave up after 20 attempts: HTTP 503/);
  });

  it.each([
    [1, 2000],
    [2, 4000],
    [5, 32000],
    [9, 512000],
    [10, 600000],
    [30, 600000],
  ])('backs off attempt %s by %s ms', (attempt, ms) => {
    expect(backoffMs(attempt)).toBe(ms);
  });

  it('reads the reset header from plain objects and AxiosHeaders-like objects', () => {
    expect(resetHeaderMs({ 'x-ogw-ratelimit-reset': '2' })).toBe(2000);
    expect(resetHeaderMs({ get: (k: string) => (k === 'x-ogw-ratelimit-reset' ? '0.2' : undefined) })).toBe(1000);
    expect(resetHeaderMs({ 'x-ogw-ratelimit-reset': 'soon' })).toBeNull();
    expect(resetHeaderMs(undefined)).toBeNull();
  });
});
