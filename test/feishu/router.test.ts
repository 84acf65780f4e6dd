import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { invalid } from '../../src/errors.js';
import { notice } from '../../src/feishu/cards/atoms.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

const file = (eventId: string, messageId: string, fileName: string) => ({
  eventId,
  type: 'im.message.receive_v1',
  event: {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: {
      message_id: messageId,
      chat_id: 'oc_1',
      chat_type: 'p2p',
      message_type: 'file',
      content: JSON.stringify({ file_key: `fk_${messageId}`, file_name: fileName }),
    },
  },
});

const message = (eventId: string, messageId: string, text: string) => ({
  eventId,
  type: 'im.message.receive_v1',
  event: {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: {
      message_id: messageId,
      chat_id: 'oc_1',
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text }),
    },
  },
});

describe('router', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // Only the help capability: no actor resolver, so any sender is accepted.
    bot = await createTestBot({ ackDeadlineMs: 300, capabilities: [help] });
    bot.router.action('test.slow', z.object({ n: z.coerce.number({ message: '请输入数字' }) }), async (ctx) => {
      await new Promise((r) => setTimeout(r, 1000));
      if (ctx.value.n === 2) ctx.ack({ toast: { type: 'success', content: '推荐已提交' } });
      if (ctx.value.n === 3) ctx.ack({ card: { type: 'raw', data: notice('已审核', '同意入库') } });
    });
    bot.router.command(['出错'], async () => {
      throw new Error('connection reset');
    });
    bot.router.command(['拒绝'], async () => {
      throw invalid('请先选择单位');
    });
    bot.router.file(async (ctx) => {
      if (ctx.fileName === 'bad.xlsx') throw invalid('文件中没有可识别的工作表');
      if (ctx.fileName === 'crash.xlsx') throw new Error('disk full');
      return false;
    });
  });

  /** The reply the bot queued to a message (it must answer every message, even when a listener throws). */
  const replyTo = async (messageId: string) => {
    await bot.router.idle();
    const rows = (await bot.handle.db.select().from(outbox)).filter((r) => r.target === messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe('reply');
    return JSON.stringify(rows[0].content);
  };
  afterAll(async () => bot.close());

  it('processes a duplicate delivery once', async () => {
    await bot.router.handle(message('e1', 'm1', '帮助'));
    await bot.router.handle(message('e1', 'm1', '帮助'));
    await bot.router.handle(message('e2', 'm1', '帮助'));
    await bot.router.idle();
    const rows = await bot.handle.db.select().from(outbox);
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe('reply');
    expect(JSON.stringify(rows[0].content)).toContain('使用帮助');
  });

  it('processes duplicates arriving in the same tick once', async () => {
    await Promise.all([
      bot.router.handle(message('e10', 'm10', '帮助')),
      bot.router.handle(message('e10', 'm10', '帮助')),
      bot.router.handle(message('e11', 'm10', '帮助')),
      bot.router.handle(message('e12', 'm12', '帮助')),
    ]);
    await bot.router.idle();
    const rows = await bot.handle.db.select().from(outbox);
    expect(rows.filter((r) => r.target === 'm10')).toHaveLength(1);
    expect(rows.filter((r) => r.target === 'm12')).toHaveLength(1);
  });

  it('lists each command once on the help card, with its aliases', () => {
    const help = bot.router.commandList().filter((c) => c.words.includes('帮助'));
    expect(help).toHaveLength(1);
    expect(help[0].words).toEqual(['帮助', 'help', '?', '？']);
  });

  it('refuses a command word registered twice', () => {
    expect(() => bot.router.command(['help'], async () => {})).toThrow(/twice/);
  });

  it('answers an AppError from a command with an error card', async () => {
    await bot.router.handle(message('e20', 'm20', '拒绝'));
    const reply = await replyTo('m20');
    expect(reply).toContain('操作未完成');
    expect(reply).toContain('请先选择单位');
  });

  it('answers an AppError from a file handler with an error card carrying its message', async () => {
    await bot.router.handle(file('e21', 'm21', 'bad.xlsx'));
    const reply = await replyTo('m21');
    expect(reply).toContain('操作未完成');
    expect(reply).toContain('文件中没有可识别的工作表');
  });

  it.each([
    ['a command', message('e22', 'm22', '出错')],
    ['a file handler', file('e23', 'm23', 'crash.xlsx')],
  ])('answers an unexpected error in %s with a short "busy" card, never silence', async (_what, event) => {
    await bot.router.handle(event);
    const reply = await replyTo(event.event.message.message_id);
    expect(reply).toContain('系统繁忙，请稍后再试');
    expect(reply).not.toMatch(/connection reset|disk full/);
  });

  it('answers a slow card action before the deadline', async () => {
    const t0 = Date.now();
    const res = await bot.router.handle({
      eventId: 'e3',
      type: 'card.action.trigger',
      event: { operator: { open_id: 'ou_a' }, action: { value: { a: 'test.slow', n: '1' } } },
    });
    expect(Date.now() - t0).toBeLessThan(900);
    expect(res).toEqual({ toast: { type: 'info', content: '已收到，稍后在消息中告诉您结果' } });
  });

  // Issue 18: past the deadline the handler's result is not dropped; it follows as a message or a card update.
  it.each([
    ['a late toast becomes a message to the operator', 2, 'send', 'ou_late2', '推荐已提交'],
    ['a late card becomes an update of the clicked card', 3, 'patch', 'om_late3', '同意入库'],
    ['a late finish without an answer is still reported', 1, 'send', 'ou_late1', '操作已完成'],
  ])('%s', async (_what, n, kind, target, text) => {
    const res = await bot.router.handle({
      eventId: `e-late-${n}`,
      type: 'card.action.trigger',
      event: {
        operator: { open_id: `ou_late${n}` },
        action: { value: { a: 'test.slow', n: String(n) } },
        context: { open_message_id: `om_late${n}` },
      },
    });
    expect(res).toEqual({ toast: { type: 'info', content: '已收到，稍后在消息中告诉您结果' } });
    await bot.router.idle();
    const rows = (await bot.handle.db.select().from(outbox)).filter((r) => r.target === target);
    expect(rows).toHaveLength(1);
    expect(rows[0].kind).toBe(kind);
    expect(JSON.stringify(rows[0].content)).toContain(text);
  });

  it('answers a bad payload with a Chinese error toast', async () => {
    const res = await bot.router.handle({
      eventId: 'e4',
      type: 'card.action.trigger',
      event: { operator: { open_id: 'ou_a' }, action: { value: { a: 'test.slow', n: 'x' } } },
    });
    expect(res).toEqual({ toast: { type: 'error', content: '请输入数字' } });
  });
});
