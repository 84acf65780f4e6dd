import type { z } from 'zod';
import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import type { Card } from './cards/atoms.js';
import type { DownloadOptions } from './download.js';
import type { InboxOptions } from './inbox.js';
import type { TransportMetrics } from './metrics.js';

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

export interface BaseMessageCtx {
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
  /** The file's bytes; with `maxBytes` the download stops and throws an AppError (Chinese message) past the cap. */
  download(opts?: DownloadOptions): Promise<Buffer>;
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

export type CommandHandler = (ctx: CommandCtx) => Promise<void>;
export type FileHandler = (ctx: FileCtx) => Promise<boolean>;
export type EventHandler = (ctx: EventCtx) => Promise<void>;
export type ActorResolver = (sender: Sender, eventId: string) => Promise<Actor | null>;
export type Replier = (card: Card) => Promise<void>;
export type UnknownSenderHandler = (sender: Sender, reply: Replier) => Promise<void>;

export interface ActionEntry {
  schema: z.ZodType;
  handler: (ctx: ActionCtx<any>) => Promise<void>;
}

export interface CommandInfo {
  words: string[];
  help: string;
}

/** The Router's listeners, shared with the dispatch functions in router.messages.ts and router.actions.ts. */
export interface Registry {
  commands: Map<string, { handler: CommandHandler; info: CommandInfo }>;
  actions: Map<string, ActionEntry>;
  events: Map<string, EventHandler[]>;
  files: FileHandler[];
  fallback: CommandHandler | null;
  resolveActor: ActorResolver;
  unknownSender: UnknownSenderHandler;
}

/** A refused action, command or file: the router reports it so that it is audited (app.ts wires the hook). */
export interface Refusal {
  kind: 'action' | 'command' | 'file';
  /** The action key or command word. */
  key: string;
  /** FORBIDDEN from a handler; INVALID payload (zod); UNKNOWN action; UNREGISTERED sender. */
  code: 'FORBIDDEN' | 'INVALID' | 'UNKNOWN' | 'UNREGISTERED';
  reason: string;
  actor: Actor | null;
  openId?: string;
  eventId: string;
}

export interface RouterDeps {
  db: Database;
  log: Logger;
  clock: { now(): Date };
  outboxWake: () => void;
  download: (messageId: string, fileKey: string, opts?: DownloadOptions) => Promise<Buffer>;
  /** How long a card action may run before the router answers for it (Feishu allows 3 s). */
  ackDeadlineMs?: number;
  /** Audits a refusal (transport does not know the audit log; app.ts passes it in). */
  onRefusal?: (r: Refusal) => Promise<void>;
  /** The durable inbox's settings (instance name, concurrency, lease…); defaults in inbox.ts. */
  inbox?: Partial<InboxOptions>;
  /** Prometheus counters (events in, callback latency); none in tests that do not ask. */
  metrics?: TransportMetrics;
}
