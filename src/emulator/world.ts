import { invalid } from '../errors.js';
import { type CardProblem, validateCard } from './card.validate.js';
import type { Emulator } from './emulator.js';
import type { Answer, Delivery } from './pusher.js';
import type { StoredMessage } from './store.js';
import { BOT_NAME, type Chat, type TenantUser } from './tenant.js';

/** What users do in the emulated Feishu; each action stores what Feishu would store and pushes the event. */

const senderId = (u: TenantUser) => ({ open_id: u.open_id, union_id: u.union_id, user_id: u.user_id });

export interface Sent {
  event_id: string;
  message_id: string;
  delivered: boolean;
}

export async function userSends(
  emu: Emulator,
  user: TenantUser,
  chat: Chat,
  what: { text: string } | { file: { name: string; data: Buffer } },
): Promise<Sent> {
  if (!chat.members.has(user.open_id)) throw invalid(`${user.name} 不是「${chat.name}」的成员`);
  const now = emu.now();
  let msgType = 'text';
  let content: Record<string, unknown>;
  let mentions: unknown[] | undefined;
  if ('file' in what) {
    const file = emu.store.putFile(what.file.name, 'stream', what.file.data);
    msgType = 'file';
    content = { file_key: file.file_key, file_name: file.name };
  } else {
    const mentioned = what.text.includes(`@${BOT_NAME}`);
    const text = mentioned ? what.text.replaceAll(`@${BOT_NAME}`, '@_user_1') : what.text;
    content = { text };
    if (mentioned) {
      const bot = emu.tenant.bot;
      mentions = [
        {
          key: '@_user_1',
          id: { open_id: bot.open_id, union_id: bot.union_id, user_id: '' },
          name: BOT_NAME,
          tenant_key: emu.tenantKey,
        },
      ];
    }
  }
  const sender = { sender_type: 'user' as const, id: user.open_id, name: user.name };
  const msg = emu.store.add(chat, { msg_type: msgType, content, sender, create_time: now, mentions });
  // Like Feishu with the default scope (im:message.group_at_msg): group messages reach the bot only when it is @-ed.
  if (chat.type === 'group' && !mentions) return { event_id: '', message_id: msg.message_id, delivered: false };
  const d = await emu.pusher.push(emu.pusher.envelope('im.message.receive_v1', receiveEvent(emu, user, msg)));
  return { event_id: d.event_id, message_id: msg.message_id, delivered: d.delivered };
}

function receiveEvent(emu: Emulator, user: TenantUser, msg: StoredMessage) {
  const message: Record<string, unknown> = {
    message_id: msg.message_id,
    root_id: '',
    parent_id: '',
    create_time: String(msg.create_time),
    update_time: String(msg.create_time),
    chat_id: msg.chat_id,
    chat_type: msg.chat_type,
    message_type: msg.msg_type,
    content: JSON.stringify(msg.content),
    user_agent: 'Qingmiao-Emulator',
  };
  if (msg.mentions) message.mentions = msg.mentions;
  return { sender: { sender_id: senderId(user), sender_type: 'user', tenant_key: emu.tenantKey }, message };
}

export interface ClickAction {
  value?: Record<string, unknown>;
  name?: string;
  form_value?: Record<string, unknown>;
  tag?: string;
  option?: string;
  options?: string[];
  input_value?: string;
  checked?: boolean;
}

export interface Clicked {
  answer: Answer;
  /** Set when the answer carried a card the emulator (like Feishu) refused to show. */
  cardProblem?: CardProblem;
}

/** A click or form submit: one synchronous callback; a returned card replaces the clicker's view. */
export async function userClicks(
  emu: Emulator,
  user: TenantUser,
  msg: StoredMessage,
  act: ClickAction,
): Promise<Clicked> {
  const chat = emu.tenant.chat(msg.chat_id);
  if (!chat?.members.has(user.open_id)) throw invalid(`${user.name} 看不到这条消息`);
  if (msg.msg_type !== 'interactive') throw invalid('这条消息不是卡片');
  const action: Record<string, unknown> = { tag: act.tag ?? 'button', timezone: 'Asia/Shanghai' };
  for (const k of ['value', 'name', 'form_value', 'option', 'options', 'input_value', 'checked'] as const)
    if (act[k] !== undefined) action[k] = act[k];
  const event = {
    operator: { tenant_key: emu.tenantKey, ...senderId(user) },
    token: emu.issueCardToken(msg.message_id, user.open_id),
    action,
    host: 'im_message',
    context: { open_message_id: msg.message_id, open_chat_id: msg.chat_id },
  };
  const answer = await emu.pusher.callback(emu.pusher.envelope('card.action.trigger', event));
  const card = (answer.body as { card?: { type?: string; data?: unknown } } | null)?.card;
  if (answer.status !== 200 || !card || card.type !== 'raw') return { answer };
  const cardProblem = validateCard(card.data) ?? undefined;
  if (!cardProblem) emu.store.setView(msg, user.open_id, card.data, emu.now());
  return { answer, cardProblem };
}

/** Tells the bot it sits in the leaders' group (Feishu sends this when someone adds the bot). */
export async function botAddedToLeadersChat(emu: Emulator): Promise<Delivery> {
  const chat = emu.tenant.leadersChat;
  const admin = emu.tenant.all().find((u) => u.roles.includes('org_admin')) ?? emu.tenant.all()[0];
  return emu.pusher.push(
    emu.pusher.envelope('im.chat.member.bot.added_v1', {
      chat_id: chat.chat_id,
      operator_id: admin ? senderId(admin) : {},
      external: false,
      operator_tenant_key: emu.tenantKey,
      name: chat.name,
      i18n_names: { zh_cn: chat.name },
    }),
  );
}

/** The user opens the private chat with the bot (the bot may greet with a welcome card). */
export async function userEntersP2p(emu: Emulator, user: TenantUser): Promise<Delivery> {
  const chat = emu.tenant.p2pChat(user);
  const last = emu.store.inChat(chat.chat_id).at(-1);
  return emu.pusher.push(
    emu.pusher.envelope('im.chat.access_event.bot_p2p_chat_entered_v1', {
      chat_id: chat.chat_id,
      operator_id: senderId(user),
      last_message_id: last?.message_id ?? '',
    }),
  );
}
