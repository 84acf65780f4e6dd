import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

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
    bot.router.action('test.slow', z.object({ n: z.coerce.number({ message: '请输入数字' }) }), async () => {
      await new Promise((r) => setTimeout(r, 1000));
    });
  });
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

  it('answers a slow card action before the deadline', async () => {
    const t0 = Date.now();
    const res = await bot.router.handle({
      eventId: 'e3',
      type: 'card.action.trigger',
      event: { operator: { open_id: 'ou_a' }, action: { value: { a: 'test.slow', n: '1' } } },
    });
    expect(Date.now() - t0).toBeLessThan(900);
    expect(res).toEqual({ toast: { type: 'info', content: '正在处理，请稍候…' } });
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
