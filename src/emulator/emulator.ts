import { systemClock } from '../clock.js';
import type { Logger } from '../deps.js';
import { FaultInjector } from './faults.js';
import { hashHex, newToken } from './ids.js';
import { EventPusher } from './pusher.js';
import { RateLimits } from './ratelimit.js';
import { MessageStore } from './store.js';
import { type DirectoryEntry, Tenant } from './tenant.js';

export interface EmulatorOptions {
  appId: string;
  appSecret: string;
  encryptKey: string | undefined;
  verificationToken: string | undefined;
  retryScale: number;
  clock: { now(): Date };
  log: Logger;
  /** Where the bot receives events. */
  eventsUrl: () => string;
  /** The tenant's people; loaded once, on first use. */
  directory: () => DirectoryEntry[] | Promise<DirectoryEntry[]>;
  callbackTimeoutMs?: number;
  random?: () => number;
}

export interface Stats {
  requests: Record<string, number>;
  rateLimited: number;
  injected429: number;
  injected5xx: number;
  uuidReplays: number;
  rejected: Record<string, number>;
}

/** A card-update token handed out with a card callback (valid 30 min, usable twice). */
interface CardToken {
  messageId: string;
  openId: string;
  expiresAt: number;
  uses: number;
}

/** The emulated Feishu: tenant directory, messages, event pusher, limits and faults. */
export class Emulator {
  readonly tenant: Tenant;
  readonly store = new MessageStore();
  readonly faults: FaultInjector;
  readonly limits = new RateLimits();
  readonly pusher: EventPusher;
  readonly tenantKey: string;
  readonly stats: Stats = {
    requests: {},
    rateLimited: 0,
    injected429: 0,
    injected5xx: 0,
    uuidReplays: 0,
    rejected: {},
  };
  private readonly accessTokens = new Map<string, number>();
  private readonly cardTokens = new Map<string, CardToken>();
  private loading: Promise<void> | null = null;

  constructor(readonly opts: EmulatorOptions) {
    this.tenant = new Tenant(opts.appId);
    this.tenantKey = hashHex(`tenant:${opts.appId}`, 16);
    this.faults = new FaultInjector(opts.random);
    this.pusher = new EventPusher({
      appId: opts.appId,
      tenantKey: this.tenantKey,
      encryptKey: opts.encryptKey,
      verificationToken: opts.verificationToken,
      clock: opts.clock,
      retryScale: opts.retryScale,
      target: opts.eventsUrl,
      faults: this.faults,
      log: opts.log,
      callbackTimeoutMs: opts.callbackTimeoutMs,
    });
  }

  /** World time (the bot's clock, so time travel moves Feishu too). */
  now(): number {
    return this.opts.clock.now().getTime();
  }

  /** Loads the directory once; every route awaits this. */
  ready(): Promise<void> {
    this.loading ??= (async () => {
      this.tenant.add(await this.opts.directory());
    })().catch((err) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }

  count(api: string): void {
    this.stats.requests[api] = (this.stats.requests[api] ?? 0) + 1;
  }

  reject(code: number): void {
    this.stats.rejected[code] = (this.stats.rejected[code] ?? 0) + 1;
  }

  issueAccessToken(): { token: string; expire: number } {
    const token = newToken('t');
    // Real time: tokens are the SDK's cache concern, not the bot's (time-travelled) clock.
    this.accessTokens.set(token, systemClock.now().getTime() + 7200_000);
    return { token, expire: 7200 };
  }

  validAccessToken(token: string | undefined): boolean {
    const exp = token ? this.accessTokens.get(token) : undefined;
    return exp !== undefined && exp > systemClock.now().getTime();
  }

  issueCardToken(messageId: string, openId: string): string {
    const token = newToken('c');
    this.cardTokens.set(token, { messageId, openId, expiresAt: this.now() + 30 * 60_000, uses: 0 });
    return token;
  }

  /** Spends one use of a card-update token; undefined when unknown, expired or used twice. */
  useCardToken(token: string): CardToken | undefined {
    const t = this.cardTokens.get(token);
    if (!t || t.expiresAt < this.now() || t.uses >= 2) return undefined;
    t.uses++;
    return t;
  }

  close(): void {
    this.pusher.close();
  }
}
