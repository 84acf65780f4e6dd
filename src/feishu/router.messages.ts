import { isAppError } from '../errors.js';
import { type Card, notice } from './cards/atoms.js';
import { enqueue } from './outbox.js';
import { ERROR_TOAST } from './router.actions.js';
import { parseContent, toSender } from './router.payload.js';
import type {
  BaseMessageCtx,
  CommandCtx,
  InboundEvent,
  Registry,
  Replier,
  RouterDeps,
  Sender,
} from './router.types.js';

/** A chat message: in a group only when the bot is mentioned; never the bot's own messages. */
export async function handleMessage(reg: Registry, deps: RouterDeps, e: InboundEvent): Promise<void> {
  const msg = e.event.message ?? {};
  const sender = toSender(e.event.sender?.sender_id);
  if (!sender || e.event.sender?.sender_type === 'app') return;
  const chatType = msg.chat_type === 'group' ? 'group' : 'p2p';
  if (chatType === 'group' && !(Array.isArray(msg.mentions) && msg.mentions.length > 0)) return;
  const reply = replier(deps, { messageId: msg.message_id, openId: sender.openId });
  await answering(deps, e.eventId, reply, () => dispatchMessage(reg, deps, e, sender, chatType, reply));
}

/** A bot-menu click: its event_key runs as a command, answered in the sender's private chat. */
export async function handleMenu(reg: Registry, deps: RouterDeps, e: InboundEvent): Promise<void> {
  const sender = toSender(e.event.operator?.operator_id);
  if (!sender) return;
  const reply = replier(deps, { openId: sender.openId });
  await answering(deps, e.eventId, reply, async () => {
    const actor = await reg.resolveActor(sender, e.eventId);
    if (!actor) return reg.unknownSender(sender, reply);
    await runCommand(
      reg,
      { eventId: e.eventId, chatType: 'p2p', sender, actor, reply },
      String(e.event.event_key ?? ''),
    );
  });
}

function replier(deps: RouterDeps, target: { messageId?: string; openId: string }): Replier {
  return async (card: Card) => {
    if (target.messageId) await enqueue(deps.db, { kind: 'reply', messageId: target.messageId, card });
    else await enqueue(deps.db, { kind: 'send', to: { openId: target.openId }, card });
    deps.outboxWake();
  };
}

async function dispatchMessage(
  reg: Registry,
  deps: RouterDeps,
  e: InboundEvent,
  sender: Sender,
  chatType: 'p2p' | 'group',
  reply: Replier,
) {
  const msg = e.event.message ?? {};
  const actor = await reg.resolveActor(sender, e.eventId);
  if (!actor) return reg.unknownSender(sender, reply);
  const base = {
    eventId: e.eventId,
    messageId: msg.message_id,
    chatId: msg.chat_id,
    chatType,
    sender,
    actor,
    reply,
  } as const;
  const content = parseContent(msg.content);
  if (msg.message_type === 'file') {
    const fileKey = String(content.file_key ?? '');
    const fileName = String(content.file_name ?? '');
    const download = () => deps.download(msg.message_id, fileKey);
    for (const h of reg.files) if (await h({ ...base, fileKey, fileName, download })) return;
    return runFallback(reg, { ...base, command: '', args: '', text: '' });
  }
  const text = stripMentions(String(content.text ?? ''));
  await runCommand(reg, { ...base }, text);
}

/**
 * Runs a message's listeners so that the user always gets an answer: an AppError becomes an error card
 * with its Chinese message; anything else a short "busy" card, then the log. Never silence.
 */
async function answering(deps: RouterDeps, eventId: string, reply: Replier, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (isAppError(err)) return reply(notice('操作未完成', err.message, 'red'));
    try {
      await reply(notice('操作未完成', ERROR_TOAST, 'red'));
    } finally {
      deps.log.error({ err, eventId }, 'message handling failed');
    }
  }
}

async function runCommand(reg: Registry, base: BaseMessageCtx, text: string): Promise<void> {
  const [word = '', ...rest] = text.trim().split(/\s+/);
  let entry = reg.commands.get(word.toLowerCase());
  let args = rest.join(' ');
  if (!entry) {
    // "查询张三" without a space: longest registered prefix.
    const prefix = [...reg.commands.keys()]
      .filter((k) => word.toLowerCase().startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix) {
      entry = reg.commands.get(prefix);
      args = [word.slice(prefix.length), ...rest].join(' ').trim();
    }
  }
  const ctx: CommandCtx = { ...base, command: entry ? entry.info.words[0] : word, args, text };
  if (entry) await entry.handler(ctx);
  else await runFallback(reg, ctx);
}

async function runFallback(reg: Registry, ctx: CommandCtx): Promise<void> {
  if (reg.fallback) await reg.fallback(ctx);
}

/** Removes `@_user_1` placeholders that stand for mentions. */
export function stripMentions(text: string): string {
  return text
    .replace(/@_user_\d+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
