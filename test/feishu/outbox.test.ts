import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import type { DbHandle } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/transport.js';
import { notice } from '../../src/feishu/cards/atoms.js';
import { enqueue, type OutboundMessage } from '../../src/feishu/outbox.js';
import { claimDue, markSent } from '../../src/feishu/outbox.queries.js';
import { deliver } from '../../src/feishu/outbox.send.js';
import { OutboxWorker } from '../../src/feishu/outbox.worker.js';
import { createTestDb } from '../helpers/db.js';
import { FakeFeishu, silentLog } from '../helpers/fake-feishu.js';

const LEASE_MS = 60_000;
const card = notice('测试', '内容');

describe('outbox worker', () => {
  let handle: DbHandle;
  let feishu: FakeFeishu;
  let clock: SettableClock;
  const workers: OutboxWorker[] = [];

  const worker = (
    rates: { appRate: number; targetRate: number; batchSize?: number } = { appRate: 1000, targetRate: 100 },
  ) => {
    const w = new OutboxWorker({
      db: handle.db,
      lark: feishu.client(),
      log: silentLog,
      clock,
      leaseMs: LEASE_MS,
      ...rates,
    });
    workers.push(w);
    return w;
  };
  const rows = () => handle.db.select().from(outbox).orderBy(outbox.id);
  const send = (openId: string, i = 0): OutboundMessage => ({ kind: 'send', to: { openId }, card, ref: `t:${i}` });

  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    feishu = await FakeFeishu.start();
    clock = new SettableClock();
    clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
    await handle.db.delete(outbox);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await feishu.close();
  });

  it('delivers each kind through the SDK with the row uuid and records the message_id', async () => {
    await enqueue(
      handle.db,
      { kind: 'send', to: { openId: 'ou_1' }, card },
      { kind: 'send_text', to: { chatId: 'oc_1' }, text: '你好' },
      { kind: 'reply', messageId: 'om_src', to: { openId: 'ou_1' }, card },
      { kind: 'patch', messageId: 'om_old', card },
      { kind: 'file', to: { chatId: 'oc_1' }, fileName: '台账.xlsx', data: Buffer.from('PK-fake-xlsx') },
    );
    await worker().drain();
    const sent = await rows();
    expect(sent.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const [card1, text, reply, patch, file] = sent;
    const byUuid = (uuid: string) => feishu.requests.find((r) => r.body?.uuid === uuid)!;
    expect(byUuid(card1.uuid)).toMatchObject({ path: '/open-apis/im/v1/messages', body: { receive_id: 'ou_1' } });
    expect(byUuid(card1.uuid).query.get('receive_id_type')).toBe('open_id');
    expect(JSON.parse(byUuid(card1.uuid).body.content)).toEqual(card);
    expect(byUuid(text.uuid).query.get('receive_id_type')).toBe('chat_id');
    expect(byUuid(text.uuid).body).toMatchObject({ msg_type: 'text', content: '{"text":"你好"}' });
    expect(byUuid(reply.uuid).path).toBe('/open-apis/im/v1/messages/om_src/reply');
    const patchReq = feishu.requests.find((r) => r.method === 'PATCH')!;
    expect(patchReq.path).toBe('/open-apis/im/v1/messages/om_old');
    expect(patch.messageId).toBe('om_old');
    const upload = feishu.requests.find((r) => r.path === '/open-apis/im/v1/files')!;
    expect(upload.body).toContain('PK-fake-xlsx');
    expect(byUuid(file.uuid).body).toMatchObject({ msg_type: 'file', receive_id: 'oc_1' });
    for (const r of [card1, text, reply, file]) expect(r.messageId).toBe(feishu.messages.get(r.uuid));
    expect(card1.sentAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it('sends an urgent row, then makes it 应用内加急 for its receiver; group sends are never urgent', async () => {
    await enqueue(
      handle.db,
      { kind: 'send', to: { openId: 'ou_1' }, card, urgent: true },
      { kind: 'send', to: { chatId: 'oc_1' }, card, urgent: true },
      { kind: 'send', to: { openId: 'ou_2' }, card },
    );
    await worker().drain();
    const [urgent, group, plain] = await rows();
    expect([urgent.urgent, group.urgent, plain.urgent]).toEqual([true, false, false]);
    const calls = feishu.requests.filter((r) => r.path.endsWith('/urgent_app'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      path: `/open-apis/im/v1/messages/${urgent.messageId}/urgent_app`,
      body: { user_id_list: ['ou_1'] },
    });
    expect(calls[0].query.get('user_id_type')).toBe('open_id');
    // The urgent call comes after the send it urges.
    const order = feishu.requests.map((r) => (r.path.endsWith('/urgent_app') ? 'urgent' : r.body?.uuid));
    expect(order.indexOf('urgent')).toBeGreaterThan(order.indexOf(urgent.uuid));
  });

  it.each([
    [230023, 'The user has too many unread urgent messages.'],
    [230024, 'Reach the upper limit of urgent message.'],
  ])('an urgent call refused with %i leaves the message sent once, noted, not retried', async (code, msg) => {
    feishu.script = (r) =>
      r.path.endsWith('/urgent_app') ? { status: 400, body: { code, msg, error: { log_id: 'x' } } } : undefined;
    await enqueue(handle.db, { kind: 'send', to: { openId: 'ou_1' }, card, urgent: true });
    const w = worker();
    await w.drain();
    await w.drain();
    const [row] = await rows();
    expect(row.status).toBe('sent');
    expect(row.lastError).toBe(`urgent_app refused (${code})`);
    expect(feishu.sends()).toHaveLength(1);
    expect(feishu.requests.filter((r) => r.path.endsWith('/urgent_app'))).toHaveLength(1);
  });

  it('retries rows of a worker that crashed before sending, after the lease, once', async () => {
    await enqueue(handle.db, send('ou_1', 1), send('ou_2', 2), send('ou_3', 3));
    // The "crashed" instance claimed the rows and died.
    const crashed = await claimDue(handle.db, {
      now: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
      limit: 10,
      perTarget: 5,
    });
    expect(crashed).toHaveLength(3);
    const restarted = worker();
    await restarted.drain();
    expect(feishu.sends()).toHaveLength(0);
    clock.advance(LEASE_MS + 1);
    await restarted.drain();
    expect((await rows()).every((r) => r.status === 'sent')).toBe(true);
    expect([...feishu.uuidCounts().values()]).toEqual([1, 1, 1]);
  });

  it('does not create a second message when a worker crashed after Feishu accepted the row', async () => {
    await enqueue(handle.db, send('ou_1', 1));
    const [row] = await claimDue(handle.db, {
      now: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + LEASE_MS),
      limit: 10,
      perTarget: 5,
    });
    const firstId = await deliver(feishu.client(), row);
    // …and the process died before recording it. After the lease another instance resends the same uuid.
    clock.advance(LEASE_MS + 1);
    await worker().drain();
    const [after] = await rows();
    expect(after.status).toBe('sent');
    expect(after.messageId).toBe(firstId);
    expect(feishu.messages.size).toBe(1);
    // The stale claimant can no longer overwrite the row.
    expect(await markSent(handle.db, row, 'om_stale', clock.now())).toBe(false);
  });

  it('backs off on 429 until x-ogw-ratelimit-reset, then sends', async () => {
    let limited = 1;
    feishu.script = () =>
      limited-- > 0
        ? {
            status: 429,
            headers: { 'x-ogw-ratelimit-reset': '1', 'x-ogw-ratelimit-limit': '50' },
            body: { code: 99991400, msg: 'request trigger frequency limit' },
          }
        : undefined;
    await enqueue(handle.db, send('ou_1'));
    const w = worker();
    await w.drain();
    let [row] = await rows();
    expect(row.status).toBe('pending');
    expect(row.lastError).toContain('99991400');
    expect(row.nextAttemptAt!.getTime()).toBe(clock.now().getTime() + 1000);
    await w.drain();
    expect(feishu.sends()).toHaveLength(1);
    clock.advance(1000);
    await w.drain();
    [row] = await rows();
    expect(row.status).toBe('sent');
    expect(feishu.sends()).toHaveLength(2);
  });

  it('holds a receiver’s later messages, sends and replies alike, behind one that waits for its retry', async () => {
    let limited = 1;
    feishu.script = (req) =>
      req.body?.receive_id === 'ou_1' && limited-- > 0
        ? { status: 429, headers: { 'x-ogw-ratelimit-reset': '1' }, body: { code: 99991400, msg: 'too fast' } }
        : undefined;
    await enqueue(handle.db, send('ou_1', 0), send('ou_2', 1));
    const w = worker({ appRate: 1000, targetRate: 1000, batchSize: 1 });
    await w.drain();
    // Written after the first was refused: a reply in the same private chat, and a send to it.
    await enqueue(
      handle.db,
      { kind: 'reply', messageId: 'om_src', to: { openId: 'ou_1' }, card, ref: 'later-reply' },
      send('ou_1', 2),
    );
    await w.drain();
    const waiting = await rows();
    expect(waiting.map((r) => r.status)).toEqual(['pending', 'sent', 'pending', 'pending']);
    expect(waiting.slice(2).map((r) => r.attempts)).toEqual([0, 0]);
    clock.advance(1000);
    await w.drain();
    const all = await rows();
    expect(all.every((r) => r.status === 'sent')).toBe(true);
    const order = feishu.requests.filter((r) => r.body?.uuid).map((r) => r.body.uuid);
    expect(order.filter((u) => u !== all[1].uuid)).toEqual([all[0].uuid, all[0].uuid, all[2].uuid, all[3].uuid]);
  });

  it('retries 5xx and network errors with exponential backoff', async () => {
    feishu.script = () => ({ status: 503, body: { code: 503, msg: 'unavailable' } });
    await enqueue(handle.db, send('ou_1'));
    const w = worker();
    await w.drain();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(2000);
    clock.advance(2000);
    await w.drain();
    [row] = await rows();
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(4000);
    await feishu.close();
    clock.advance(4000);
    await w.drain();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 3 });
    expect(row.lastError).toMatch(/^network/);
    expect(row.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(8000);
    feishu = await FakeFeishu.start();
  });

  it('marks permanent errors failed with the reason, and keeps the receiver order', async () => {
    feishu.script = (req) => {
      if (req.body?.receive_id === 'oc_gone')
        return { status: 400, body: { code: 230002, msg: 'Bot is not in the chat' } };
      if (req.body?.receive_id === 'ou_bad') return { status: 200, body: { code: 230001, msg: 'invalid content' } };
      return undefined;
    };
    await enqueue(handle.db, { kind: 'send', to: { chatId: 'oc_gone' }, card }, send('ou_bad'), send('ou_ok'));
    await worker().drain();
    const [gone, bad, ok] = await rows();
    expect(gone).toMatchObject({ status: 'failed' });
    expect(gone.lastError).toContain('230002');
    expect(gone.lastError).toContain('Bot is not in the chat');
    expect(bad).toMatchObject({ status: 'failed', lastError: 'code 230001: invalid content' });
    expect(ok.status).toBe('sent');
  });

  it('never sends a row twice with two workers on one database', async () => {
    const messages = Array.from({ length: 120 }, (_, i) => send(`ou_${i % 30}`, i));
    await enqueue(handle.db, ...messages);
    const a = worker();
    const b = worker();
    a.start();
    b.start();
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    const all = await rows();
    expect(all.filter((r) => r.status !== 'sent')).toHaveLength(0);
    const counts = feishu.uuidCounts();
    expect(counts.size).toBe(120);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('drains batch after batch, sending a receiver its messages in the order they were written', async () => {
    await enqueue(handle.db, ...Array.from({ length: 12 }, (_, i) => send('ou_same', i)));
    await worker({ appRate: 1000, targetRate: 1000, batchSize: 4 }).drain();
    const order = feishu.sends().map((r) => r.body.uuid);
    const uuids = (await rows()).map((r) => r.uuid);
    expect(order).toEqual(uuids);
    const stored = await handle.db.select().from(outbox).where(eq(outbox.status, 'sent'));
    expect(stored).toHaveLength(12);
  });
});
