import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outbox, processedEvents } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { encryptEvent, signRequest } from '../../src/feishu/crypto.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { cardAction, LOCAL_ENCRYPT_KEY, LOCAL_TOKEN, messageEvent, signedRequest } from '../helpers/feishu-events.js';

const key = LOCAL_ENCRYPT_KEY;

describe('webhook with an Encrypt Key', () => {
  let bot: TestBot;
  const slow = new AbortController();
  beforeAll(async () => {
    bot = await createTestBot({ capabilities: [help] });
    bot.router.action('test.slow', z.object({}), async () => {
      await sleep(10_000, undefined, { signal: slow.signal });
    });
    bot.router.action('test.fast', z.object({ n: z.coerce.number() }), async (ctx) => {
      ctx.ack({ toast: { type: 'success', content: `收到 ${ctx.value.n}` } });
    });
  });
  afterAll(async () => {
    slow.abort();
    await bot.close();
  });
  const now = () => bot.clock.now();
  const counts = async () => ({
    events: (await bot.handle.db.select().from(processedEvents)).length,
    outbox: (await bot.handle.db.select().from(outbox)).length,
  });

  it('answers the URL challenge, plain and encrypted', async () => {
    const plain = { type: 'url_verification', challenge: 'c-plain', token: LOCAL_TOKEN };
    const r1 = await bot.app.inject({ ...signedRequest({ body: plain, timestamp: now() }) });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toEqual({ challenge: 'c-plain' });
    const enc = { type: 'url_verification', challenge: 'c-enc', token: LOCAL_TOKEN };
    const r2 = await bot.app.inject(signedRequest({ encryptKey: key, body: enc, timestamp: now() }));
    expect(r2.json()).toEqual({ challenge: 'c-enc' });
    const unsigned = JSON.stringify(encryptEvent(key, enc));
    const r3 = await bot.app.inject({ method: 'POST', url: '/feishu/events', payload: unsigned });
    expect(r3.json()).toEqual({ challenge: 'c-enc' });
  });

  it('refuses a challenge with a wrong token', async () => {
    const body = { type: 'url_verification', challenge: 'c', token: 'wrong' };
    const res = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now() }));
    expect(res.statusCode).toBe(401);
  });

  it('processes a signed, encrypted message once even when delivered twice', async () => {
    const body = messageEvent({ eventId: 'ev-dup', messageId: 'om-dup', text: '帮助' });
    const first = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now() }));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({});
    const again = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now() }));
    expect(again.statusCode).toBe(200);
    // Feishu may also redeliver the same message under a new event_id.
    const renamed = messageEvent({ eventId: 'ev-dup-2', messageId: 'om-dup', text: '帮助' });
    await bot.app.inject(signedRequest({ encryptKey: key, body: renamed, timestamp: now() }));
    await bot.router.idle();
    const rows = await bot.handle.db.select().from(outbox);
    expect(rows.filter((r) => r.target === 'om-dup')).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'reply', target: 'om-dup', status: 'pending' });
  });

  it('accepts a signed plain (unencrypted) body', async () => {
    const body = messageEvent({ eventId: 'ev-plain', messageId: 'om-plain' });
    const res = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now(), encrypt: false }));
    expect(res.statusCode).toBe(200);
  });

  it('refuses a bad signature, a stale timestamp, a missing signature or a wrong token, processing nothing', async () => {
    await bot.router.idle();
    const before = await counts();
    const body = messageEvent({ eventId: 'ev-bad', messageId: 'om-bad' });
    const req = signedRequest({ encryptKey: key, body, timestamp: now() });
    const tampered = { ...req, headers: { ...req.headers, 'x-lark-signature': 'a'.repeat(64) } };
    expect((await bot.app.inject(tampered)).statusCode).toBe(401);
    const otherKey = signedRequest({ encryptKey: 'another key', body, timestamp: now() });
    expect((await bot.app.inject(otherKey)).statusCode).toBe(401);
    const window = bot.config.feishu.replayWindowSeconds;
    const stale = signedRequest({ encryptKey: key, body, timestamp: new Date(now().getTime() - (window + 5) * 1000) });
    expect((await bot.app.inject(stale)).statusCode).toBe(401);
    const future = signedRequest({ encryptKey: key, body, timestamp: new Date(now().getTime() + (window + 5) * 1000) });
    expect((await bot.app.inject(future)).statusCode).toBe(401);
    const unsigned = {
      method: 'POST' as const,
      url: '/feishu/events',
      payload: JSON.stringify(encryptEvent(key, body)),
    };
    expect((await bot.app.inject(unsigned)).statusCode).toBe(401);
    const wrongToken = messageEvent({ eventId: 'ev-bad', messageId: 'om-bad', token: 'not-the-token' });
    const r = await bot.app.inject(signedRequest({ encryptKey: key, body: wrongToken, timestamp: now() }));
    expect(r.statusCode).toBe(401);
    await bot.router.idle();
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an empty body', ''],
    ['a body that is not JSON', '{"schema":'],
    ['a JSON string', '"hello"'],
    ['a JSON array', '[1,2]'],
    ['an unknown object', '{"hello":"world"}'],
    ['undecryptable ciphertext', '{"encrypt":"bm90IGNpcGhlcnRleHQ="}'],
    ['a non-string encrypt', '{"encrypt":42}'],
    ['a header without event_id', JSON.stringify({ schema: '2.0', header: { event_type: 'x' }, event: {} })],
    ['an envelope without event', JSON.stringify({ schema: '2.0', header: { event_id: 'e', event_type: 'x' } })],
  ])('answers 400 to %s (signed), never 500', async (_name, payload) => {
    const headers = signRequest({ encryptKey: key, body: payload, timestamp: Math.floor(now().getTime() / 1000) });
    const res = await bot.app.inject({ method: 'POST', url: '/feishu/events', headers, payload });
    expect(res.statusCode).toBe(400);
  });

  it('reads the raw body whatever the content type says', async () => {
    const body = messageEvent({ eventId: 'ev-ct', messageId: 'om-ct' });
    const req = signedRequest({ encryptKey: key, body, timestamp: now() });
    const res = await bot.app.inject({ ...req, headers: { ...req.headers, 'content-type': 'text/plain' } });
    expect(res.statusCode).toBe(200);
  });

  it('returns the card action answer as the HTTP body', async () => {
    const body = cardAction({ value: { a: 'test.fast', n: '7' } });
    const res = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now() }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ toast: { type: 'success', content: '收到 7' } });
  });

  it('answers a card action inside 3 s while its handler takes 10 s', async () => {
    const body = cardAction({ value: { a: 'test.slow' } });
    const t0 = Date.now();
    const res = await bot.app.inject(signedRequest({ encryptKey: key, body, timestamp: now() }));
    const elapsed = Date.now() - t0;
    expect(res.statusCode).toBe(200);
    expect(elapsed).toBeLessThan(3000);
    expect(res.json()).toEqual({ toast: { type: 'info', content: '已收到，稍后在消息中告诉您结果' } });
  });
});

describe('webhook with only a Verification Token', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({
      env: {
        FEISHU_MODE: 'webhook',
        FEISHU_APP_ID: 'cli_a000000000000001',
        FEISHU_APP_SECRET: 'secret',
        FEISHU_VERIFICATION_TOKEN: 'v-token',
        FEISHU_DOMAIN: 'http://127.0.0.1:9',
      },
    });
  });
  afterAll(async () => bot.close());

  it('answers the schema 1.0 challenge and checks its token', async () => {
    const ok = { type: 'url_verification', challenge: 'c1', token: 'v-token' };
    expect((await bot.app.inject(signedRequest({ body: ok, timestamp: bot.clock.now() }))).json()).toEqual({
      challenge: 'c1',
    });
    const bad = { ...ok, token: 'nope' };
    expect((await bot.app.inject(signedRequest({ body: bad, timestamp: bot.clock.now() }))).statusCode).toBe(401);
  });

  it('accepts an event with the right header.token and refuses a wrong one', async () => {
    const good = messageEvent({ eventId: 'tok-1', token: 'v-token' });
    expect((await bot.app.inject(signedRequest({ body: good, timestamp: bot.clock.now() }))).statusCode).toBe(200);
    const bad = messageEvent({ eventId: 'tok-2', token: 'other' });
    expect((await bot.app.inject(signedRequest({ body: bad, timestamp: bot.clock.now() }))).statusCode).toBe(401);
    const encrypted = signedRequest({ body: encryptEvent('k', good), timestamp: bot.clock.now() });
    expect((await bot.app.inject(encrypted)).statusCode).toBe(400);
    await bot.router.idle();
    const keys = (await bot.handle.db.select().from(processedEvents)).map((r) => r.key);
    expect(keys).toContain('event:tok-1');
    expect(keys).not.toContain('event:tok-2');
  });

  it('accepts schema 1.0 events', async () => {
    const v1 = { uuid: 'v1-1', token: 'v-token', ts: '1700000000.1', type: 'event_callback', event: { type: 'x' } };
    expect((await bot.app.inject(signedRequest({ body: v1, timestamp: bot.clock.now() }))).statusCode).toBe(200);
  });
});
