import type { z } from 'zod';
import { DedupLedger, type Delivery, type InboxRecord } from './dedup.js';
import { INBOX_DEFAULTS, InboxWorker } from './inbox.js';
import { withOutboxSeed } from './outbox.scope.js';
import { handleAction, lateAnswer, withDeadline } from './router.actions.js';
import { handleMenu, handleMessage } from './router.messages.js';
import type {
  ActionCtx,
  ActorResolver,
  CommandHandler,
  CommandInfo,
  EventHandler,
  FileHandler,
  InboundEvent,
  Registry,
  RouterDeps,
  UnknownSenderHandler,
} from './router.types.js';

export { errorToast } from './router.actions.js';
export { stripMentions } from './router.messages.js';
export type {
  ActionCtx,
  ActionResponse,
  Actor,
  CommandCtx,
  CommandInfo,
  EventCtx,
  FileCtx,
  InboundEvent,
  Refusal,
  RouterDeps,
  Sender,
} from './router.types.js';

/** A Bolt-like registry of listeners; transports hand it normalised events. */
export class Router {
  private readonly reg: Registry = {
    commands: new Map(),
    actions: new Map(),
    events: new Map(),
    files: [],
    fallback: null,
    resolveActor: async (s) => ({ personId: 0, openId: s.openId, name: '' }),
    unknownSender: async () => {},
  };
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly dedup: DedupLedger;
  /** Stored events waiting for (or in) processing; recovery of a crashed process's events. */
  readonly inbox: InboxWorker;

  constructor(private readonly deps: RouterDeps) {
    this.dedup = new DedupLedger(deps);
    const instance = deps.inbox?.instance ?? `router-${process.pid}`;
    this.inbox = new InboxWorker(deps, { ...INBOX_DEFAULTS, ...deps.inbox, instance }, (e) => this.process(e));
  }

  command(words: string[], handler: CommandHandler, help = ''): void {
    const info = { words, help };
    for (const w of words) {
      if (this.reg.commands.has(w.toLowerCase())) throw new Error(`command ${w} registered twice`);
      this.reg.commands.set(w.toLowerCase(), { handler, info });
    }
  }

  action<S extends z.ZodType>(key: string, schema: S, handler: (ctx: ActionCtx<z.infer<S>>) => Promise<void>): void {
    if (this.reg.actions.has(key)) throw new Error(`action ${key} registered twice`);
    this.reg.actions.set(key, { schema, handler });
  }

  event(type: string, handler: EventHandler): void {
    const list = this.reg.events.get(type) ?? [];
    list.push(handler);
    this.reg.events.set(type, list);
  }

  /** A file sent to the bot; handlers are tried in order until one returns true. */
  file(handler: FileHandler): void {
    this.reg.files.push(handler);
  }

  /** Runs for a message that matches no command (the help card). */
  otherwise(handler: CommandHandler): void {
    this.reg.fallback = handler;
  }

  actorResolver(resolve: ActorResolver, onUnknown: UnknownSenderHandler): void {
    this.reg.resolveActor = resolve;
    this.reg.unknownSender = onUnknown;
  }

  /** Distinct registered commands, for the help card. */
  commandList(): CommandInfo[] {
    const seen = new Set<CommandInfo>();
    for (const { info } of this.reg.commands.values()) seen.add(info);
    return [...seen];
  }

  /** Resolves when every event accepted so far has been processed (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) {
      await Promise.allSettled([...this.inflight]);
      await this.inbox.idle();
    }
    await this.inbox.idle();
  }

  /**
   * Entry point for both transports. Card actions resolve to the callback answer (within the deadline);
   * other events are stored in the inbox with their dedup keys (one transaction) before this resolves, so the
   * 200 that follows is a promise kept even if the process dies: the inbox worker processes them afterwards.
   */
  async handle(e: InboundEvent): Promise<unknown> {
    this.deps.metrics?.eventIn(e.type);
    // Card callbacks get their deadline from arrival, so time spent in dedup and lookups counts too.
    if (e.type === 'card.action.trigger') {
      const started = performance.now();
      const answer = await withDeadline(
        this.deps,
        e.eventId,
        (answer) =>
          withOutboxSeed(e.eventId, async () => {
            if (!(await this.firstDelivery(e)).first) return answer({});
            await handleAction(this.reg, this.deps, e, answer);
          }),
        (running) => this.track(running),
        lateAnswer(this.deps, e),
      );
      this.deps.metrics?.callback((performance.now() - started) / 1000);
      return answer;
    }
    const lease = this.inbox.leaseForNew();
    const stored = await this.firstDelivery(e, {
      eventId: e.eventId,
      type: e.type,
      payload: e,
      orderKey: orderKey(e),
      ...lease,
    });
    if (stored.first && stored.inboxId !== undefined && lease.leasedBy) {
      this.inbox.accepted({ id: stored.inboxId, event: e, orderKey: orderKey(e), attempts: 1 });
    }
    return {};
  }

  private track(p: Promise<unknown>): void {
    const q = p.catch((err) => this.deps.log.error({ err }, 'event processing failed'));
    this.inflight.add(q);
    void q.finally(() => this.inflight.delete(q));
  }

  private async firstDelivery(e: InboundEvent, record?: InboxRecord): Promise<Delivery> {
    const keys = [`event:${e.eventId}`];
    const messageId = e.event?.message?.message_id;
    if (typeof messageId === 'string') keys.push(`message:${messageId}`);
    // A redelivery may come under a new event_id but the same message_id: any known key drops it.
    const d = await this.dedup.firstDelivery(keys, record);
    if (!d.first) this.deps.log.info({ eventId: e.eventId.slice(0, 100), type: e.type }, 'duplicate delivery ignored');
    return d;
  }

  private async process(e: InboundEvent): Promise<void> {
    if (e.type === 'im.message.receive_v1') return handleMessage(this.reg, this.deps, e);
    if (e.type === 'application.bot.menu_v6') return handleMenu(this.reg, this.deps, e);
    const handlers = this.reg.events.get(e.type);
    if (!handlers) {
      this.deps.log.debug({ type: e.type }, 'no listener for event');
      return;
    }
    for (const h of handlers) await h({ eventId: e.eventId, type: e.type, event: e.event });
  }
}

/** Events of one chat (or one user's menu clicks) are processed one after another, in arrival order. */
function orderKey(e: InboundEvent): string {
  const ev = e.event ?? {};
  const key = ev.message?.chat_id ?? ev.chat_id ?? ev.operator?.operator_id?.open_id ?? ev.operator_id?.open_id;
  return typeof key === 'string' && key ? `chat:${key}` : `event:${e.eventId}`;
}
