import { randomUUID } from 'node:crypto';
import { encryptEvent, signRequest } from '../../src/feishu/crypto.js';

/**
 * Builders of real-shaped Feishu requests (schema 2.0 envelopes, signed and encrypted like Feishu),
 * for tests that go through POST /feishu/events with app.inject.
 */

/** The verification token / Encrypt Key the emulator-mode config uses when none is set. */
export const LOCAL_TOKEN = 'qingmiao-local-token';
export const LOCAL_ENCRYPT_KEY = 'qingmiao-local-encrypt-key';

export interface EnvelopeOpts {
  eventId?: string;
  token?: string;
  createTime?: Date;
  appId?: string;
}

/** A schema 2.0 envelope around any event. */
export function envelope(type: string, event: Record<string, unknown>, opts: EnvelopeOpts = {}) {
  return {
    schema: '2.0',
    header: {
      event_id: opts.eventId ?? randomUUID().replace(/-/g, ''),
      token: opts.token ?? LOCAL_TOKEN,
      create_time: String((opts.createTime ?? new Date()).getTime()),
      event_type: type,
      tenant_key: 'tenant_test',
      app_id: opts.appId ?? 'cli_0000000000000000',
    },
    event,
  };
}

export interface MessageOpts extends EnvelopeOpts {
  messageId?: string;
  openId?: string;
  text?: string;
  chatId?: string;
  chatType?: 'p2p' | 'group';
  /** Adds an @青苗 mention (needed for group messages to reach the bot). */
  mentionBot?: boolean;
  /** A file message instead of text. */
  file?: { fileKey: string; fileName: string };
}

/** im.message.receive_v1 as Feishu sends it; text messages with a mention start with `@_user_1`. */
export function messageEvent(opts: MessageOpts = {}) {
  const mention = opts.mentionBot ?? opts.chatType === 'group';
  const content = opts.file
    ? { file_key: opts.file.fileKey, file_name: opts.file.fileName }
    : { text: `${mention ? '@_user_1 ' : ''}${opts.text ?? '帮助'}` };
  const openId = opts.openId ?? 'ou_test_user';
  return envelope(
    'im.message.receive_v1',
    {
      sender: { sender_id: { open_id: openId, union_id: `on_${openId}`, user_id: `u_${openId}` }, sender_type: 'user' },
      message: {
        message_id: opts.messageId ?? `om_${randomUUID().replace(/-/g, '')}`,
        chat_id: opts.chatId ?? 'oc_test_p2p',
        chat_type: opts.chatType ?? 'p2p',
        message_type: opts.file ? 'file' : 'text',
        content: JSON.stringify(content),
        create_time: String((opts.createTime ?? new Date()).getTime()),
        mentions: mention
          ? [{ key: '@_user_1', id: { open_id: 'ou_bot' }, name: '青苗', tenant_key: 'tenant_test' }]
          : [],
      },
    },
    opts,
  );
}

export interface CardActionOpts extends EnvelopeOpts {
  openId?: string;
  /** The button's value, e.g. `{ a: 'talks.submit', id: 3 }`. */
  value?: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  name?: string;
  messageId?: string;
  chatId?: string;
  /** The card-update token. */
  cardToken?: string;
}

/** card.action.trigger (the card callback) as Feishu sends it. */
export function cardAction(opts: CardActionOpts = {}) {
  const openId = opts.openId ?? 'ou_test_user';
  const action: Record<string, unknown> = { tag: 'button', value: opts.value ?? {} };
  if (opts.formValue) action.form_value = opts.formValue;
  if (opts.name) action.name = opts.name;
  return envelope(
    'card.action.trigger',
    {
      operator: { tenant_key: 'tenant_test', open_id: openId, union_id: `on_${openId}`, user_id: `u_${openId}` },
      token: opts.cardToken ?? `c-${randomUUID()}`,
      action,
      host: 'im_message',
      context: { open_message_id: opts.messageId ?? 'om_card_message', open_chat_id: opts.chatId ?? 'oc_test_p2p' },
    },
    opts,
  );
}

/**
 * An app.inject request for POST /feishu/events. With `encryptKey` the body is encrypted (unless
 * `encrypt: false`) and signed over its exact bytes; without it the body is sent plain and unsigned.
 */
export function signedRequest(opts: {
  encryptKey?: string;
  body: unknown;
  /** The request time (X-Lark-Request-Timestamp), usually the bot's clock. */
  timestamp: Date | number;
  encrypt?: boolean;
  nonce?: string;
}) {
  const seconds = opts.timestamp instanceof Date ? Math.floor(opts.timestamp.getTime() / 1000) : opts.timestamp;
  const wire =
    opts.encryptKey && opts.encrypt !== false ? encryptEvent(opts.encryptKey, opts.body) : (opts.body as object);
  const payload = JSON.stringify(wire);
  const headers = opts.encryptKey
    ? signRequest({ encryptKey: opts.encryptKey, body: payload, timestamp: seconds, nonce: opts.nonce })
    : { 'content-type': 'application/json; charset=utf-8', 'x-lark-request-timestamp': String(seconds) };
  return { method: 'POST' as const, url: '/feishu/events', headers, payload };
}
