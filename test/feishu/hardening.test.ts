import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildBot } from '../../src/app.js';
import { SettableClock } from '../../src/clock.js';
import { loadConfig, publicConsoleProblem } from '../../src/config.js';
import { auditLog } from '../../src/db/schema/org.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { forbidden } from '../../src/errors.js';
import { sdkLogger } from '../../src/feishu/client.js';
import { loggerOptions } from '../../src/logger.js';
import { createTestDb } from '../helpers/db.js';
import { cardAction, LOCAL_ENCRYPT_KEY, messageEvent, signedRequest } from '../helpers/feishu-events.js';

const ID = '360702199001010025';
const MOBILE = '13900000005';

/** Collects what a logger writes. */
function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => lines.join('') };
}

async function bot(stream?: Writable) {
  const handle = await createTestDb();
  const clock = new SettableClock();
  clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
  const b = await buildBot({
    config: loadConfig({ PORT: '3997', LOG_LEVEL: 'info' }),
    db: handle.db,
    dbDriver: handle.driver,
    clock,
    logger: stream ? { stream } : false,
    capabilities: [help],
  });
  return { b, handle, clock };
}

describe('logs without personal data (finding 4)', () => {
  const out = sink();
  let t: Awaited<ReturnType<typeof bot>>;
  beforeAll(async () => {
    t = await bot(out.stream);
    // A query failing with an ID number and a mobile among its parameters, and a NUL in a form value.
    t.b.router.command(['坏查询'], async () => {
      await t.handle.db.execute(sql`select ${ID}::int as id, ${MOBILE}::int as mobile`);
    });
    t.b.router.action('test.nul', z.object({ v: z.string() }), async (ctx) => {
      await t.handle.db.execute(sql`select ${`${ctx.value.v}\u0000`}::text, ${MOBILE}::text, ${ID}::text`);
    });
  });
  afterAll(async () => {
    await t.b.app.close();
    await t.handle.close();
  });

  it('never writes an ID number or a mobile from a failed query into the log', async () => {
    const now = t.clock.now();
    await t.b.app.inject(
      signedRequest({ encryptKey: LOCAL_ENCRYPT_KEY, body: messageEvent({ text: '坏查询' }), timestamp: now }),
    );
    const click = cardAction({ value: { a: 'test.nul' }, formValue: { v: MOBILE } });
    await t.b.app.inject(signedRequest({ encryptKey: LOCAL_ENCRYPT_KEY, body: click, timestamp: now }));
    await t.b.router.idle();
    t.b.app.log.info({ person: { mobile: MOBILE, idNumber: ID }, note: `拨打 ${MOBILE}` }, `查询 ${ID}`);
    const text = out.text();
    expect(text).toContain('message handling failed');
    expect(text).toContain('card action failed');
    expect(text).not.toContain(ID);
    expect(text).not.toContain(MOBILE);
    expect(text).not.toContain('params:');
  });
});

describe('refusals audited at the router (finding 9)', () => {
  let t: Awaited<ReturnType<typeof bot>>;
  beforeAll(async () => {
    t = await bot();
    t.b.router.action('test.guarded', z.object({ id: z.coerce.number({ message: '请选择干部' }) }), async () => {
      throw forbidden('您无权审核该推荐');
    });
    t.b.router.command(['禁区'], async () => {
      throw forbidden('只有组织部门可以使用此命令');
    });
  });
  afterAll(async () => {
    await t.b.app.close();
    await t.handle.close();
  });

  it('writes an audit row with the reason for a forbidden action, a forged payload, an unknown action and a forbidden command', async () => {
    const click = (value: Record<string, unknown>) =>
      t.b.router.handle({
        eventId: `r-${JSON.stringify(value)}`,
        type: 'card.action.trigger',
        event: { operator: { open_id: 'ou_x' }, action: { value } },
      });
    expect(await click({ a: 'test.guarded', id: 1 })).toEqual({
      toast: { type: 'error', content: '您无权审核该推荐' },
    });
    await click({ a: 'test.guarded', id: 'x' });
    await click({ a: 'pool.forged' });
    await t.b.router.handle({
      eventId: 'r-cmd',
      type: 'im.message.receive_v1',
      event: {
        sender: { sender_id: { open_id: 'ou_x' }, sender_type: 'user' },
        message: {
          message_id: 'om-r',
          chat_id: 'oc_r',
          chat_type: 'p2p',
          message_type: 'text',
          content: JSON.stringify({ text: '禁区' }),
        },
      },
    });
    await t.b.router.idle();
    const rows = await t.handle.db.select().from(auditLog);
    const seen = rows.map((r) => [r.action, r.entityId, (r.detail as { code: string }).code]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['refused.action', 'test.guarded', 'FORBIDDEN'],
        ['refused.action', 'test.guarded', 'INVALID'],
        ['refused.action', 'pool.forged', 'UNKNOWN'],
        ['refused.command', '禁区', 'FORBIDDEN'],
      ]),
    );
    expect(rows.every((r) => r.actorOpenId === 'ou_x')).toBe(true);
    expect(JSON.stringify(rows.map((r) => r.detail))).toContain('您无权审核该推荐');
  });
});

describe('health and local-mode exposure (finding 12)', () => {
  it('answers /healthz and /readyz 503 when the database is down', async () => {
    const t = await bot();
    expect((await t.b.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await t.b.app.inject({ url: '/healthz' })).json()).toMatchObject({ ready: false, phase: 'seeding' });
    expect((await t.b.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    await t.b.start();
    expect((await t.b.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    expect((await t.b.app.inject({ url: '/healthz' })).json()).toMatchObject({ ready: true, phase: 'ready' });
    await t.handle.close();
    const res = await t.b.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ database: 'down' });
    expect((await t.b.app.inject({ url: '/readyz' })).statusCode).toBe(503);
    await t.b.scheduler.stop();
    await t.b.outbox.stop();
  });

  it.each([
    [{ HOST: '127.0.0.1' }, null],
    [{ HOST: '::1' }, null],
    [{ HOST: '0.0.0.0' }, true],
    [{ HOST: '0.0.0.0', ALLOW_PUBLIC_CONSOLE: '1' }, false],
    [{ HOST: '0.0.0.0', FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 's', FEISHU_ENCRYPT_KEY: 'k' }, null],
  ])('local mode on %o: refuse = %s', (env, refuse) => {
    const problem = publicConsoleProblem(loadConfig(env));
    if (refuse === null) expect(problem).toBeNull();
    else expect(problem).toMatchObject({ refuse });
  });

  it('logs the SDK through an adapter: no [object Object], no request data', () => {
    const out = sink();
    const log = pino(loggerOptions('info'), out.stream);
    const axiosLike = Object.assign(new Error('Request failed with status code 400'), {
      config: { data: JSON.stringify({ mobiles: [MOBILE] }) },
      response: { status: 400, data: { code: 99991663, msg: 'invalid access token' } },
    });
    sdkLogger(log as never).error([{ code: 99991663, msg: 'invalid access token', config: { mobiles: [MOBILE] } }]);
    sdkLogger(log as never).error(['[http]', axiosLike]);
    const text = out.text();
    expect(text).not.toContain('[object Object]');
    expect(text).not.toContain(MOBILE);
    expect(text).toContain('99991663');
    expect(text).toContain('invalid access token');
  });
});
