import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { enqueue, type OutboundMessage } from '../../src/feishu/outbox.js';
import { rateKey } from '../../src/feishu/outbox.send.js';
import { type Emulated, startEmulated } from '../helpers/emulated.js';
import { PEOPLE, showcase } from './fixtures.js';

const ADMIN = '13900000001';
const LEADER = '13900000002';

describe('emulator end to end (real SDK, signed + encrypted webhook, outbox)', () => {
  let emu: Emulated;
  let admin: string;
  beforeAll(async () => {
    emu = await startEmulated({ users: PEOPLE, capabilities: [help, showcase] });
    admin = (await emu.users()).find((u) => u.mobile === ADMIN)!.open_id;
  });
  afterAll(async () => emu?.close());

  it('answers 帮助 with the help card in the user’s private chat', async () => {
    const sent = await emu.send('林晓燕', '帮助');
    expect(sent.message_id).toMatch(/^om_/);
    const card = await emu.lastCard(ADMIN);
    expect(card?.sender.type).toBe('app');
    expect(card?.parent_id).toBe(sent.message_id);
    expect(card?.content.header.title.content).toContain('使用帮助');
    expect(card?.content.body.elements.some((e: any) => String(e.content).includes('帮助'))).toBe(true);
  });

  it('counts replies and sends into one private chat against one limit, and delivers them in order', async () => {
    const sent = await emu.send(ADMIN, '帮助');
    await emu.settle();
    const card = (await emu.lastCard(ADMIN))!.content;
    const burst: OutboundMessage[] = [];
    for (let i = 0; i < 6; i++)
      burst.push(
        { kind: 'reply', messageId: sent.message_id, to: { openId: admin }, card, ref: `burst:${2 * i}` },
        { kind: 'send', to: { openId: admin }, card, ref: `burst:${2 * i + 1}` },
      );
    await enqueue(emu.handle.db, ...burst);
    const rows = await emu.handle.db.select().from(outbox).where(like(outbox.ref, 'burst:%'));
    expect(new Set(rows.map(rateKey))).toEqual(new Set([`to:${admin}`]));
    emu.bot.outbox.wake();
    await emu.deliverAll();
    const delivered = await emu.handle.db.select().from(outbox).where(like(outbox.ref, 'burst:%'));
    expect(delivered.every((r) => r.status === 'sent')).toBe(true);
    const order = delivered.sort((x, y) => x.sentAt!.getTime() - y.sentAt!.getTime()).map((r) => r.ref);
    expect(order).toEqual(burst.map((m) => m.ref));
  });

  it('processes a duplicate delivery of the same event once', async () => {
    const sent = await emu.send(LEADER, '帮助');
    await emu.settle();
    for (let i = 0; i < 2; i++) {
      const again = await emu.pushRaw({ replay: sent.event_id });
      expect(again.status).toBe(200);
    }
    const msgs = await emu.messages({ openId: LEADER });
    expect(msgs.filter((m) => m.sender.type === 'app')).toHaveLength(1);
  });

  it('processes events pushed twice (duplicate_events fault) once', async () => {
    await emu.faults({ duplicate_events: 1 });
    try {
      await emu.send('周志远', '帮助');
      await emu.send('周志远', '组件演示');
    } finally {
      await emu.faults({ duplicate_events: 0 });
    }
    const bot = (await emu.messages({ openId: '周志远' })).filter((m) => m.sender.type === 'app');
    expect(bot.map((m) => m.content.header.title.content)).toEqual(['青苗 · 使用帮助', '组件演示']);
  });

  it('answers every message when events arrive out of order (reorder fault)', async () => {
    await emu.faults({ reorder_ms: 300 });
    let sent: { message_id: string; delivered?: boolean }[] = [];
    try {
      sent = await Promise.all(['帮助', '组件演示', 'help'].map((t) => emu.send('13900000005', t)));
    } finally {
      await emu.faults({ reorder_ms: 0 });
    }
    expect(sent.every((s) => s.delivered === false)).toBe(true);
    const msgs = await emu.messages({ openId: '13900000005' });
    const replies = msgs.filter((m) => m.sender.type === 'app');
    expect(replies.map((r) => r.parent_id).sort()).toEqual(sent.map((s) => s.message_id).sort());
  });

  it('reaches the bot in the leaders’ group only when it is @-mentioned', async () => {
    const chatId = await emu.leadersChatId();
    await emu.send(LEADER, '大家好', { chatId });
    await emu.send(LEADER, '@青苗 帮助', { chatId });
    const msgs = await emu.messages({ chatId }, admin);
    expect(msgs.map((m) => m.sender.type)).toEqual(['user', 'user', 'app']);
    expect(msgs[1].mentions).toHaveLength(1);
    expect(msgs[2].parent_id).toBe(msgs[1].message_id);
  });

  it('refuses a group message from someone outside the group', async () => {
    const chatId = await emu.leadersChatId();
    await expect(emu.send('陈雨桐', '@青苗 帮助', { chatId })).rejects.toThrow(/不是「领导群」的成员/);
  });

  it('round-trips a button click: the answer’s toast comes back and its card replaces the clicker’s view', async () => {
    await emu.send(ADMIN, '组件演示');
    const showcaseMsg = await emu.lastCard(ADMIN);
    expect(showcaseMsg?.content.header.title.content).toBe('组件演示');
    const answer = await emu.click(showcaseMsg!.message_id, ADMIN, { a: 'demo.ping', n: 3 });
    expect(answer.toast).toEqual({ type: 'success', content: '收到第 3 次点击' });
    const after = await emu.lastCard(ADMIN);
    expect(after?.content.header.title.content).toBe('已点击');
    expect(after?.patches.map((p) => p.kind)).toEqual(['callback']);
  });

  it('submits a form: form_value keyed by component names, validated by the bot', async () => {
    await emu.send(ADMIN, '组件演示');
    const msg = (await emu.lastCard(ADMIN))!;
    const bad = await emu.click(msg.message_id, ADMIN, { a: 'demo.submit' }, { title: ' ' }, { name: 'demo_submit' });
    expect(bad.toast).toEqual({ type: 'error', content: '请填写标题' });
    const ok = await emu.click(
      msg.message_id,
      ADMIN,
      { a: 'demo.submit' },
      { title: '季度谈话', kind: 'regular', topics: ['mind', 'work'], who: admin, day: '2026-12-01 +0800' },
      { name: 'demo_submit' },
    );
    expect(ok.toast.content).toBe('已提交');
    const after = (await emu.lastCard(ADMIN))!;
    expect(after.content.body.elements[0].content).toContain('话题：mind,work');
  });

  it('rejects an event signed and encrypted with a wrong key, and processes nothing', async () => {
    const before = (await emu.messages({ openId: '周志远' })).length;
    const res = await emu.pushRaw({
      event_type: 'im.message.receive_v1',
      event: {
        sender: {
          sender_id: { open_id: (await emu.users()).find((u) => u.name === '周志远')!.open_id },
          sender_type: 'user',
        },
        message: {
          message_id: 'om_forged',
          chat_id: 'oc_x',
          chat_type: 'p2p',
          message_type: 'text',
          content: '{"text":"帮助"}',
        },
      },
      encrypt_key: 'not-the-right-key',
    });
    expect(res.status).toBe(401);
    expect((await emu.messages({ openId: '周志远' })).length).toBe(before);
  });

  it('rejects an unsigned plain event and a malformed body', async () => {
    const plain = await emu.pushRaw({ event_type: 'im.message.receive_v1', event: { x: 1 }, encrypt_key: null });
    expect(plain.status).toBe(401);
    const garbage = await emu.pushRaw({ raw: '{"encrypt": "not base64 at all!"}' });
    expect(garbage.status).toBe(400);
  });

  it('delivers a user’s file to the bot, which downloads it through the SDK', async () => {
    const data = Buffer.from('姓名,单位\n张三,青山镇\n');
    const sent = await emu.sendFile(ADMIN, '花名册.csv', data);
    const msgs = await emu.messages({ openId: ADMIN });
    const mine = msgs.find((m) => m.message_id === sent.message_id)!;
    expect(mine.msg_type).toBe('file');
    const res = await emu.bot.deps.lark.im.messageResource.get({
      path: { message_id: sent.message_id, file_key: mine.content.file_key },
      params: { type: 'file' },
    });
    const chunks: Buffer[] = [];
    for await (const c of res.getReadableStream()) chunks.push(Buffer.from(c));
    expect(Buffer.concat(chunks).toString()).toBe(data.toString());
  });

  it('tells the bot when a user opens the private chat (welcome card)', async () => {
    const res = await emu.call('POST', '/emulator/api/enter-chat', { from: '王磊' }).catch((e) => e);
    expect(res.status).toBe(400);
    await emu.call('POST', '/emulator/api/enter-chat', { from: '13900000006' });
    const card = await emu.lastCard('13900000006');
    expect(card?.content.header.title.content).toContain('欢迎使用青苗');
  });
});
