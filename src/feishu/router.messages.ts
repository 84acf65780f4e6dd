import { isAppError } from '../errors.js';
import { type Card, notice } from './cards/atoms.js';
import type { DownloadOptions } from './download.js';
import { enqueue, type Receiver } from './outbox.js';
import { ERROR_TOAST, reportRefusal } from './router.actions.js';
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
  const to = chatType === 'group' && msg.chat_id ? { chatId: String(msg.chat_id) } : { openId: sender.openId };
  const reply = replier(deps, { messageId: msg.message_id, to });
  await answering(deps, e.eventId, reply, () => dispatchMessage(reg, deps, e, sender, chatType, reply));
}

/** A bot-menu click: its event_key runs as a command, answered in the sender's private chat. */
export async function handleMenu(reg: Registry, deps: RouterDeps, e: InboundEvent): Promise<void> {
  const sender = toSender(e.event.operator?.operator_id);
  if (!sender) return;
  const reply = replier(deps, { to: { openId: sender.openId } });
  await answering(deps, e.eventId, reply, async () => {
    const text = String(e.event.event_key ?? '');
    const actor = await reg.resolveActor(sender, e.eventId);
    if (!actor) return unregistered(reg, deps, e.eventId, sender, reply, text);
    await runCommand(reg, deps, { eventId: e.eventId, chatType: 'p2p', sender, actor, reply }, text);
  });
}

function replier(deps: RouterDeps, target: { messageId?: string; to: Receiver }): Replier {
  return async (card: Card) => {
    if (target.messageId) await enqueue(deps.db, { kind: 'reply', messageId: target.messageId, to: target.to, card });
    else await enqueue(deps.db, { kind: 'send', to: target.to, card });
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
  const content = parseContent(msg.content);
  const actor = await reg.resolveActor(sender, e.eventId);
  if (!actor)
    return unregistered(
      reg,
      deps,
      e.eventId,
      sender,
      reply,
      msg.message_type === 'file' ? '' : String(content.text ?? ''),
    );
  const base = {
    eventId: e.eventId,
    messageId: msg.message_id,
    chatId: msg.chat_id,
    chatType,
    sender,
    actor,
    reply,
  } as const;
  if (msg.message_type === 'file') {
    const fileKey = String(content.file_key ?? '');
    const fileName = String(content.file_name ?? '');
    const download = (opts?: DownloadOptions) => deps.download(msg.message_id, fileKey, opts);
    const refused = refusalReporter(deps, base, 'file', 'file');
    for (const h of reg.files) if (await refused(() => h({ ...base, fileKey, fileName, download }))) return;
    return runFallback(reg, { ...base, command: '', args: '', text: '' });
  }
  const text = stripMentions(String(content.text ?? ''));
  await runCommand(reg, deps, { ...base }, text);
}

/** A sender not in the roster: the "please contact the department" card, and the refusal audited. */
async function unregistered(
  reg: Registry,
  deps: RouterDeps,
  eventId: string,
  sender: Sender,
  reply: Replier,
  text: string,
) {
  const word = stripMentions(text).split(/\s+/)[0] ?? '';
  await reportRefusal(deps, {
    kind: 'command',
    key: word.slice(0, 20),
    code: 'UNREGISTERED',
    reason: 'sender not in the roster',
    actor: null,
    openId: sender.openId,
    eventId,
  });
  await reg.unknownSender(sender, reply);
}

/** Runs a listener; a FORBIDDEN it throws is reported for the audit log, then passed on to the user. */
function refusalReporter(deps: RouterDeps, base: BaseMessageCtx, kind: 'command' | 'file', key: string) {
  return async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (isAppError(err) && err.code === 'FORBIDDEN') {
        await reportRefusal(deps, {
          kind,
          key,
          code: 'FORBIDDEN',
          reason: err.message,
          actor: base.actor,
          openId: base.sender.openId,
          eventId: base.eventId,
        });
      }
      throw err;
    }
  };
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

async function runCommand(reg: Registry, deps: RouterDeps, base: BaseMessageCtx, text: string): Promise<void> {
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
  if (entry) await refusalReporter(deps, base, 'command', ctx.command)(() => entry.handler(ctx));
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
