import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import { isAppError } from '../errors.js';
import { type Card, notice } from './cards/atoms.js';
import { DedupLedger } from './dedup.js';
import { enqueue } from './outbox.js';

/** Who sent an event, as Feishu names them. */
export interface Sender {
  openId: string;
  userId?: string;
  unionId?: string;
}

/** A sender the org module recognised as a registered person. */
export interface Actor {
  personId: number;
  openId: string;
  name: string;
}

export interface InboundEvent {
  eventId: string;
  type: string;
  createTime?: string;
  event: any;
}

export interface ActionResponse {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: Card };
}

interface BaseMessageCtx {
  eventId: string;
  /** Absent when the message came from the bot menu rather than a chat message. */
  messageId?: string;
  chatId?: string;
  chatType: 'p2p' | 'group';
  sender: Sender;
  actor: Actor;
  /** Replies in the chat (or to the sender's private chat) through the outbox. */
  reply(card: Card): Promise<void>;
}

export interface CommandCtx extends BaseMessageCtx {
  command: string;
  /** The text after the command word, trimmed. */
  args: string;
  text: string;
}

export interface FileCtx extends BaseMessageCtx {
  fileKey: string;
  fileName: string;
  download(): Promise<Buffer>;
}

export interface ActionCtx<T> {
  eventId: string;
  /** Card-update token (valid 30 min, twice). */
  token?: string;
  operator: Sender;
  actor: Actor;
  value: T;
  messageId?: string;
  chatId?: string;
  /** Answers Feishu's callback (≤ 3 s). Later calls are ignored. */
  ack(resp?: ActionResponse): void;
}

export interface EventCtx {
  eventId: string;
  type: string;
  event: any;
}

type CommandHandler = (ctx: CommandCtx) => Promise<void>;
type FileHandler = (ctx: FileCtx) => Promise<boolean>;
type EventHandler = (ctx: EventCtx) => Promise<void>;
type ActorResolver = (sender: Sender, eventId: string) => Promise<Actor | null>;
type Replier = (card: Card) => Promise<void>;
type UnknownSenderHandler = (sender: Sender, reply: Replier) => Promise<void>;

interface ActionEntry {
  schema: z.ZodType;
  handler: (ctx: ActionCtx<any>) => Promise<void>;
}

export interface CommandInfo {
  words: string[];
  help: string;
}

export interface RouterDeps {
  db: Database;
  log: Logger;
  clock: { now(): Date };
  outboxWake: () => void;
  download: (messageId: string, fileKey: string) => Promise<Buffer>;
  /** How long a card action may run before the router answers for it (Feishu allows 3 s). */
  ackDeadlineMs?: number;
}

const FALLBACK_TOAST = '正在处理，请稍候…';
const ERROR_TOAST = '系统繁忙，请稍后再试';

/** A Bolt-like registry of listeners; transports hand it normalised events. */
export class Router {
  private readonly commands = new Map<string, { handler: CommandHandler; info: CommandInfo }>();
  private readonly actions = new Map<string, ActionEntry>();
  private readonly events = new Map<string, EventHandler[]>();
  private readonly files: FileHandler[] = [];
  private fallback: CommandHandler | null = null;
  private resolveActor: ActorResolver = async (s) => ({ personId: 0, openId: s.openId, name: '' });
  private unknownSender: UnknownSenderHandler = async () => {};
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly dedup: DedupLedger;

  constructor(private readonly deps: RouterDeps) {
    this.dedup = new DedupLedger(deps);
  }

  command(words: string[], handler: CommandHandler, help = ''): void {
    const info = { words, help };
    for (const w of words) {
      if (this.commands.has(w.toLowerCase())) throw new Error(`command ${w} registered twice`);
      this.commands.set(w.toLowerCase(), { handler, info });
    }
  }

  action<S extends z.ZodType>(key: string, schema: S, handler: (ctx: ActionCtx<z.infer<S>>) => Promise<void>): void {
    if (this.actions.has(key)) throw new Error(`action ${key} registered twice`);
    this.actions.set(key, { schema, handler });
  }

  event(type: string, handler: EventHandler): void {
    const list = this.events.get(type) ?? [];
    list.push(handler);
    this.events.set(type, list);
  }

  /** A file sent to the bot; handlers are tried in order until one returns true. */
  file(handler: FileHandler): void {
    this.files.push(handler);
  }

  /** Runs for a message that matches no command (the help card). */
  otherwise(handler: CommandHandler): void {
    this.fallback = handler;
  }

  actorResolver(resolve: ActorResolver, onUnknown: UnknownSenderHandler): void {
    this.resolveActor = resolve;
    this.unknownSender = onUnknown;
  }

  /** Distinct registered commands, for the help card. */
  commandList(): CommandInfo[] {
    const seen = new Set<CommandInfo>();
    for (const { info } of this.commands.values()) seen.add(info);
    return [...seen];
  }

  /** Resolves when every event accepted so far has been processed (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Entry point for both transports. Card actions resolve to the callback answer (within the deadline);
   * other events are recorded, acknowledged at once and processed afterwards.
   */
  async handle(e: InboundEvent): Promise<unknown> {
    // Card callbacks get their deadline from arrival, so time spent in dedup and lookups counts too.
    if (e.type === 'card.action.trigger') return this.withDeadline(e.eventId, (answer) => this.handleAction(e, answer));
    if (!(await this.firstDelivery(e))) return {};
    this.track(this.process(e));
    return {};
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch((err) => this.deps.log.error({ err }, 'event processing failed'));
    this.inflight.add(q);
    void q.finally(() => this.inflight.delete(q));
  }

  private async firstDelivery(e: InboundEvent): Promise<boolean> {
    const keys = [`event:${e.eventId}`];
    const messageId = e.event?.message?.message_id;
    if (typeof messageId === 'string') keys.push(`message:${messageId}`);
    // A redelivery may come under a new event_id but the same message_id: any known key drops it.
    const first = await this.dedup.firstDelivery(keys);
    if (!first) this.deps.log.info({ eventId: e.eventId, type: e.type }, 'duplicate delivery ignored');
    return first;
  }

  private async process(e: InboundEvent): Promise<void> {
    if (e.type === 'im.message.receive_v1') return this.handleMessage(e);
    if (e.type === 'application.bot.menu_v6') return this.handleMenu(e);
    const handlers = this.events.get(e.type);
    if (!handlers) {
      this.deps.log.debug({ type: e.type }, 'no listener for event');
      return;
    }
    for (const h of handlers) await h({ eventId: e.eventId, type: e.type, event: e.event });
  }

  private replier(target: { messageId?: string; openId: string }): Replier {
    return async (card: Card) => {
      if (target.messageId) await enqueue(this.deps.db, { kind: 'reply', messageId: target.messageId, card });
      else await enqueue(this.deps.db, { kind: 'send', to: { openId: target.openId }, card });
      this.deps.outboxWake();
    };
  }

  private async handleMessage(e: InboundEvent): Promise<void> {
    const msg = e.event.message ?? {};
    const sender = toSender(e.event.sender?.sender_id);
    if (!sender || e.event.sender?.sender_type === 'app') return;
    const chatType = msg.chat_type === 'group' ? 'group' : 'p2p';
    if (chatType === 'group' && !(Array.isArray(msg.mentions) && msg.mentions.length > 0)) return;
    const reply = this.replier({ messageId: msg.message_id, openId: sender.openId });
    await this.answering(e.eventId, reply, () => this.dispatchMessage(e, sender, chatType, reply));
  }

  private async dispatchMessage(e: InboundEvent, sender: Sender, chatType: 'p2p' | 'group', reply: Replier) {
    const msg = e.event.message ?? {};
    const actor = await this.resolveActor(sender, e.eventId);
    if (!actor) return this.unknownSender(sender, reply);
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
      const download = () => this.deps.download(msg.message_id, fileKey);
      for (const h of this.files) if (await h({ ...base, fileKey, fileName, download })) return;
      return this.runFallback({ ...base, command: '', args: '', text: '' });
    }
    const text = stripMentions(String(content.text ?? ''));
    await this.runCommand({ ...base }, text);
  }

  /**
   * Runs a message's listeners so that the user always gets an answer: an AppError becomes an error card
   * with its Chinese message; anything else a short "busy" card, then the log. Never silence.
   */
  private async answering(eventId: string, reply: Replier, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (isAppError(err)) return reply(notice('操作未完成', err.message, 'red'));
      try {
        await reply(notice('操作未完成', ERROR_TOAST, 'red'));
      } finally {
        this.deps.log.error({ err, eventId }, 'message handling failed');
      }
    }
  }

  private async handleMenu(e: InboundEvent): Promise<void> {
    const sender = toSender(e.event.operator?.operator_id);
    if (!sender) return;
    const reply = this.replier({ openId: sender.openId });
    await this.answering(e.eventId, reply, async () => {
      const actor = await this.resolveActor(sender, e.eventId);
      if (!actor) return this.unknownSender(sender, reply);
      await this.runCommand(
        { eventId: e.eventId, chatType: 'p2p', sender, actor, reply },
        String(e.event.event_key ?? ''),
      );
    });
  }

  private async runCommand(base: BaseMessageCtx, text: string): Promise<void> {
    const [word = '', ...rest] = text.trim().split(/\s+/);
    let entry = this.commands.get(word.toLowerCase());
    let args = rest.join(' ');
    if (!entry) {
      // "查询张三" without a space: longest registered prefix.
      const prefix = [...this.commands.keys()]
        .filter((k) => word.toLowerCase().startsWith(k))
        .sort((a, b) => b.length - a.length)[0];
      if (prefix) {
        entry = this.commands.get(prefix);
        args = [word.slice(prefix.length), ...rest].join(' ').trim();
      }
    }
    const ctx: CommandCtx = { ...base, command: entry ? entry.info.words[0] : word, args, text };
    if (entry) await entry.handler(ctx);
    else await this.runFallback(ctx);
  }

  private async runFallback(ctx: CommandCtx): Promise<void> {
    if (this.fallback) await this.fallback(ctx);
  }

  private async handleAction(e: InboundEvent, answer: (r: ActionResponse) => void): Promise<void> {
    if (!(await this.firstDelivery(e))) return answer({});
    const action = e.event.action ?? {};
    const value = {
      ...(isObject(action.value) ? action.value : {}),
      ...(isObject(action.form_value) ? action.form_value : {}),
    };
    const key =
      typeof value.a === 'string' ? value.a : typeof action.name === 'string' ? action.name.replace(/_/g, '.') : '';
    const entry = this.actions.get(key);
    const operator = toSender(e.event.operator);
    if (!entry || !operator) {
      this.deps.log.warn({ key }, 'unknown card action');
      return answer(errorToast('这个按钮已失效，请重新发起'));
    }
    const actor = await this.resolveActor(operator, e.eventId);
    if (!actor) return answer(errorToast('您尚未登记，请联系组织部门'));
    const parsed = entry.schema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const chinese = first?.message && /[\u4e00-\u9fa5]/.test(first.message);
      return answer(errorToast(chinese ? first.message : '提交的内容有误，请检查后重试'));
    }
    await entry.handler({
      eventId: e.eventId,
      token: e.event.token,
      operator,
      actor,
      value: parsed.data,
      messageId: e.event.context?.open_message_id,
      chatId: e.event.context?.open_chat_id,
      ack: (r = {}) => answer(r),
    });
    answer({});
  }

  /** Resolves with the first answer: the work's, or the fallback at the deadline; the work may go on after. */
  private withDeadline(eventId: string, work: (answer: (r: ActionResponse) => void) => Promise<void>) {
    const deadline = this.deps.ackDeadlineMs ?? 2500;
    return new Promise<ActionResponse>((resolve) => {
      let answered = false;
      const answer = (r: ActionResponse) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.deps.log.warn({ eventId }, 'card action still running at deadline; answered for it');
        answer({ toast: { type: 'info', content: FALLBACK_TOAST } });
      }, deadline);
      const running = work(answer).catch((err) => {
        if (isAppError(err)) return answer(errorToast(err.message));
        this.deps.log.error({ err, eventId }, 'card action failed');
        answer(errorToast(ERROR_TOAST));
      });
      this.track(running);
    });
  }
}

export function errorToast(content: string): ActionResponse {
  return { toast: { type: 'error', content } };
}

function toSender(id: any): Sender | null {
  if (!id || typeof id.open_id !== 'string' || !id.open_id) return null;
  return { openId: id.open_id, userId: id.user_id, unionId: id.union_id };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseContent(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {};
  try {
    const v = JSON.parse(raw);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}

/** Removes `@_user_1` placeholders that stand for mentions. */
export function stripMentions(text: string): string {
  return text
    .replace(/@_user_\d+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
