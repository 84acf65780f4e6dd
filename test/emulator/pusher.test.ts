import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/emulator/faults.js';
import { EventPusher, RETRY_DELAYS_MS } from '../../src/emulator/pusher.js';
import { decrypt, signatureMatches } from '../../src/feishu/crypto.js';

async function until(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Seen {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  at: number;
}

describe('EventPusher (like Feishu’s event delivery)', () => {
  let server: Server;
  let url = '';
  const seen: Seen[] = [];
  let statuses: number[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, raw: Buffer.concat(chunks).toString(), at: Date.now() });
        res.statusCode = statuses.shift() ?? 200;
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/feishu/events`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const pusher = (scale: number) =>
    new EventPusher({
      appId: 'cli_0000000000000000',
      tenantKey: 'tk',
      encryptKey: 'the key',
      verificationToken: 'the token',
      clock: { now: () => new Date('2026-11-30T01:00:00Z') },
      retryScale: scale,
      target: () => url,
      faults: new FaultInjector(),
      log: pino({ level: 'silent' }),
    });

  it('encrypts the schema 2.0 envelope and signs the exact body', async () => {
    seen.length = 0;
    const p = pusher(1);
    const d = await p.push(p.envelope('im.message.receive_v1', { hello: '世界' }, 'ev1'));
    expect(d).toMatchObject({ event_id: 'ev1', delivered: true, attempts: [{ status: 200 }] });
    const [req] = seen;
    const { encrypt } = JSON.parse(req.raw);
    const body = JSON.parse(decrypt('the key', encrypt));
    expect(body).toEqual({
      schema: '2.0',
      header: {
        event_id: 'ev1',
        token: 'the token',
        create_time: String(Date.parse('2026-11-30T01:00:00Z')),
        event_type: 'im.message.receive_v1',
        tenant_key: 'tk',
        app_id: 'cli_0000000000000000',
      },
      event: { hello: '世界' },
    });
    const timestamp = String(req.headers['x-lark-request-timestamp']);
    expect(timestamp).toBe(String(Date.parse('2026-11-30T01:00:00Z') / 1000));
    const nonce = String(req.headers['x-lark-request-nonce']);
    expect(
      signatureMatches(
        { timestamp, nonce, encryptKey: 'the key', rawBody: req.raw },
        String(req.headers['x-lark-signature']),
      ),
    ).toBe(true);
    p.close();
  });

  it('redelivers after 15 s, 5 min, 1 h, 6 h (scaled), then gives up', async () => {
    seen.length = 0;
    statuses = [500, 503, 500, 500, 500];
    const scale = 0.0002; // 3 ms, 60 ms, 720 ms, 4.3 s
    const p = pusher(scale);
    const d = await p.push(p.envelope('x', {}, 'ev2'));
    expect(d.delivered).toBe(false);
    await until(() => d.attempts.length === 5);
    await new Promise((r) => setTimeout(r, 100));
    expect(d.attempts.map((a) => a.status)).toEqual([500, 503, 500, 500, 500]);
    const gaps = seen.slice(1).map((s, i) => s.at - seen[i].at);
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) expect(gaps[i]).toBeGreaterThanOrEqual(delay * scale - 5);
    const ids = seen.map((s) => JSON.parse(decrypt('the key', JSON.parse(s.raw).encrypt)).header.event_id);
    expect(new Set(ids)).toEqual(new Set(['ev2']));
    p.close();
  });

  it('stops redelivering once answered 200', async () => {
    seen.length = 0;
    statuses = [500, 200];
    const p = pusher(0.0001);
    const d = await p.push(p.envelope('x', {}, 'ev3'));
    await until(() => d.delivered);
    await new Promise((r) => setTimeout(r, 100));
    expect(d.attempts.map((a) => a.status)).toEqual([500, 200]);
    expect(d.delivered).toBe(true);
    p.close();
  });
});
