import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { fromDispatcherData, parseEnvelope } from '../../src/feishu/envelope.js';
import { buildDispatcher, SUBSCRIBED_EVENTS } from '../../src/feishu/ws.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { silentLog } from '../helpers/fake-feishu.js';
import { cardAction, envelope, messageEvent } from '../helpers/feishu-events.js';

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** What the SDK hands a listener for this envelope (its own flattening, not a re-implementation). */
async function flattenedBySdk(type: string, body: unknown): Promise<Record<string, any>> {
  let seen: Record<string, any> = {};
  const d = new lark.EventDispatcher({ logger: quiet }).register({
    [type]: async (data: any) => {
      seen = data;
    },
  } as any);
  await d.invoke(body, { needCheck: false });
  return seen;
}

const samples = [
  ['im.message.receive_v1', messageEvent({ eventId: 'e-msg', chatType: 'group', text: '推荐' })],
  ['card.action.trigger', cardAction({ eventId: 'e-card', value: { a: 'x.y', id: 3 }, formValue: { why: '好' } })],
  [
    'application.bot.menu_v6',
    envelope('application.bot.menu_v6', { operator: { operator_id: { open_id: 'ou_1' } }, event_key: '待办' }),
  ],
  [
    'im.chat.member.bot.added_v1',
    envelope('im.chat.member.bot.added_v1', { chat_id: 'oc_1', name: '县领导群', operator_id: { open_id: 'ou_1' } }),
  ],
  ['im.chat.member.bot.deleted_v1', envelope('im.chat.member.bot.deleted_v1', { chat_id: 'oc_1', name: 'x' })],
  [
    'im.chat.access_event.bot_p2p_chat_entered_v1',
    envelope('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_p', operator_id: { open_id: 'ou_1' } }),
  ],
] as const;

describe('long connection conversion', () => {
  it.each(samples)('restores %s exactly as the webhook reads it', async (type, body) => {
    const data = await flattenedBySdk(type, body);
    const fromWs = fromDispatcherData(type, data);
    const fromWebhook = parseEnvelope(body);
    expect(fromWebhook.kind).toBe('event');
    if (fromWebhook.kind !== 'event') return;
    expect(fromWs).toEqual(fromWebhook.event);
  });

  it('keeps the card-update token and drops the verification token', async () => {
    const body = cardAction({ eventId: 'e-t', cardToken: 'c-update', token: 'verify' });
    const ev = fromDispatcherData('card.action.trigger', await flattenedBySdk('card.action.trigger', body));
    expect(ev?.event.token).toBe('c-update');
    const msg = fromDispatcherData('im.message.receive_v1', { event_id: 'e', token: 'verify', message: {} });
    expect(msg?.event).toEqual({ message: {} });
  });

  it('returns null without an event id', () => {
    expect(fromDispatcherData('im.message.receive_v1', { message: {} })).toBeNull();
  });

  it('subscribes to every event the bot handles', () => {
    expect(SUBSCRIBED_EVENTS).toContain('card.action.trigger');
    expect(SUBSCRIBED_EVENTS).toContain('im.chat.member.bot.added_v1');
  });
});

describe('long connection dispatcher', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // Help only: no actor resolver, so the fixture's sender needs no roster entry.
    bot = await createTestBot({ capabilities: [help] });
    bot.router.action('test.ws', z.object({ n: z.coerce.number() }), async (ctx) => {
      ctx.ack({ toast: { type: 'success', content: `ws ${ctx.value.n}` } });
    });
  });
  afterAll(async () => bot.close());

  it('feeds the router like the webhook: one reply per message, card answers returned', async () => {
    const dispatcher = buildDispatcher({ config: bot.config, router: bot.router, log: silentLog });
    const msg = messageEvent({ eventId: 'ws-1', messageId: 'om-ws-1', text: '帮助' });
    // The WSClient calls invoke(frameData, { needCheck: false }) and sends the result back as the ACK.
    expect(await dispatcher.invoke(msg, { needCheck: false })).toEqual({});
    await dispatcher.invoke(msg, { needCheck: false });
    const answer = await dispatcher.invoke(cardAction({ value: { a: 'test.ws', n: '5' } }), { needCheck: false });
    expect(answer).toEqual({ toast: { type: 'success', content: 'ws 5' } });
    await bot.router.idle();
    const rows = await bot.handle.db.select().from(outbox);
    expect(rows.filter((r) => r.target === 'om-ws-1')).toHaveLength(1);
  });
});
