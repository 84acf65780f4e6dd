import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { createRng } from '../../src/domain/org/demo/prng.js';
import { card, md, table } from '../../src/feishu/cards/atoms.js';
import { createLarkClient } from '../../src/feishu/client.js';
import { enqueue } from '../../src/feishu/outbox.js';
import { type Emulated, startEmulated } from '../helpers/emulated.js';
import { manyPeople, PEOPLE, showcase } from './fixtures.js';

describe('the outbox against the emulator’s Open API (real SDK)', () => {
  let emu: Emulated;
  const crowd = manyPeople(20);
  beforeAll(async () => {
    // Seeded dice: the injected faults fall the same way on every run (with Math.random, rate 0.4 gave ≤ 5
    // 429s now and then). This stream injects 13 before the 20 sends get through, the expected 20 × 0.4 / 0.6.
    emu = await startEmulated({
      users: [...PEOPLE, ...crowd],
      capabilities: [help, showcase],
      faultRandom: createRng(42).next,
    });
  });
  afterAll(async () => emu?.close());

  const openId = async (mobile: string) => (await emu.users()).find((u) => u.mobile === mobile)!.open_id;

  it('survives a 429 storm: slows down, delivers everything, nothing twice', { timeout: 120_000 }, async () => {
    await emu.faults({ rate429: 0.4 });
    try {
      for (const p of crowd) await emu.send(p.mobile!, '帮助');
      await emu.deliverAll(100_000);
    } finally {
      await emu.faults({ rate429: 0 });
    }
    const stats = await emu.stats();
    expect(stats.injected429).toBeGreaterThan(5);
    for (const p of crowd) {
      const bot = (await emu.messages({ openId: p.mobile! })).filter((m) => m.sender.type === 'app');
      expect(bot, p.name).toHaveLength(1);
    }
    const rows = await emu.handle.db.select().from(outbox);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(crowd.length);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });

  it('retries on injected 5xx until delivered', { timeout: 120_000 }, async () => {
    await emu.faults({ rate5xx: 0.5 });
    try {
      for (const p of crowd.slice(0, 5)) await emu.send(p.mobile!, '广播 第二条');
      await emu.deliverAll(100_000);
    } finally {
      await emu.faults({ rate5xx: 0 });
    }
    for (const p of crowd.slice(0, 5)) {
      const bot = (await emu.messages({ openId: p.mobile! })).filter((m) => m.sender.type === 'app');
      expect(bot.map((m) => m.content.header.title.content)).toEqual(['青苗 · 使用帮助', '广播']);
    }
  });

  it('sends a message once per uuid within the hour', async () => {
    const lark = createLarkClient(emu.config);
    const to = await openId('13900000003');
    const data = (uuid: string) => ({
      receive_id: to,
      msg_type: 'text',
      content: JSON.stringify({ text: '你好' }),
      uuid,
    });
    const a = await lark.im.message.create({ params: { receive_id_type: 'open_id' }, data: data('u-1') });
    const b = await lark.im.message.create({ params: { receive_id_type: 'open_id' }, data: data('u-1') });
    const c = await lark.im.message.create({ params: { receive_id_type: 'open_id' }, data: data('u-2') });
    expect(a.code).toBe(0);
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(c.data?.message_id).not.toBe(a.data?.message_id);
    expect((await emu.messages({ openId: to })).filter((m) => m.sender.type === 'app')).toHaveLength(2);
  });

  it('marks an invalid card as a failed outbox row with Feishu’s reason', async () => {
    const to = await openId('13900000004');
    const tables = Array.from({ length: 6 }, () => table([{ name: 'a', label: 'A' }], [{ a: 1 }]));
    const huge = card({ title: '太长' }, [md('字'.repeat(12_000))]);
    await enqueue(emu.bot.deps.db, {
      kind: 'send',
      to: { openId: to },
      card: card({ title: '六张表' }, tables),
      ref: 'bad:tables',
    });
    await enqueue(emu.bot.deps.db, { kind: 'send', to: { openId: to }, card: huge, ref: 'bad:huge' });
    emu.bot.deps.outboxWake();
    await emu.deliverAll();
    const [tablesRow] = await emu.handle.db.select().from(outbox).where(eq(outbox.ref, 'bad:tables'));
    const [hugeRow] = await emu.handle.db.select().from(outbox).where(eq(outbox.ref, 'bad:huge'));
    expect(tablesRow.status).toBe('failed');
    expect(tablesRow.lastError).toMatch(/230099.*11310.*table number over limit/);
    expect(hugeRow.status).toBe('failed');
    expect(hugeRow.lastError).toContain('230025');
    expect((await emu.messages({ openId: to })).filter((m) => m.sender.type === 'app')).toHaveLength(0);
  });

  it('sends a file: upload, then a file message the console can download', async () => {
    const to = await openId('13900000005');
    const data = Buffer.from('台账内容');
    await enqueue(emu.bot.deps.db, { kind: 'file', to: { openId: to }, fileName: '台账.xlsx', data });
    emu.bot.deps.outboxWake();
    const [msg] = (await emu.messages({ openId: to })).filter((m) => m.msg_type === 'file');
    expect(msg.content.file_name).toBe('台账.xlsx');
    const res = await fetch(`${emu.baseUrl}/emulator/api/files/${msg.content.file_key}`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('台账内容');
  });

  it('patches a card for everyone', async () => {
    const to = await openId('13900000001');
    await emu.send(to, '帮助');
    const sent = (await emu.lastCard(to))!;
    await enqueue(emu.bot.deps.db, {
      kind: 'patch',
      messageId: sent.message_id,
      card: card({ title: '已更新' }, [md('新内容')]),
    });
    emu.bot.deps.outboxWake();
    const after = (await emu.lastCard(to))!;
    expect(after.message_id).toBe(sent.message_id);
    expect(after.content.header.title.content).toBe('已更新');
    expect(after.patches.map((p) => p.kind)).toEqual(['patch']);
  });

  it('answers contact lookups: batch_get_id by mobile/email, user get', async () => {
    const lark = createLarkClient(emu.config);
    const res = await lark.contact.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { mobiles: ['+86 139-0000-0002', '13800000000'], emails: ['LINXIAOYAN@example.gov.cn'] },
    });
    expect(res.code).toBe(0);
    const list = res.data?.user_list ?? [];
    expect(list).toHaveLength(3);
    expect(list[0].user_id).toBe(await openId('13900000001'));
    expect(list[1].user_id).toBe(await openId('13900000002'));
    expect(list[2].user_id).toBeUndefined();
    const user = await lark.contact.user.get({
      path: { user_id: list[1].user_id! },
      params: { user_id_type: 'open_id' },
    });
    expect(user.data?.user?.name).toBe('赵建国');
  });
});
