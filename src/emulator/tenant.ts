import { chatIdFor, normalizeMobile, openIdFor, unionIdFor, userIdFor } from './ids.js';

/** A person of the emulated tenant, as the org module's demo directory (or a test) describes them. */
export interface DirectoryEntry {
  name: string;
  mobile?: string;
  email?: string;
  unitName?: string;
  roles?: string[];
  /** Why this person is worth trying in the console (demo personas), shown as a hint. */
  note?: string;
}

export interface TenantUser {
  open_id: string;
  user_id: string;
  union_id: string;
  name: string;
  mobile?: string;
  email?: string;
  unit: string;
  roles: string[];
  note?: string;
}

export interface Chat {
  chat_id: string;
  type: 'p2p' | 'group';
  name: string;
  /** open_ids of the human members (the bot is in every chat here). */
  members: Set<string>;
}

export const BOT_NAME = '青苗';
export const LEADERS_CHAT_NAME = '领导群';
/** Roles whose holders sit in the leaders' group chat. */
const LEADER_ROLES = new Set(['county_leader', 'org_admin']);

export type IdType = 'open_id' | 'user_id' | 'union_id' | 'email' | 'mobile';

/** The emulated tenant's directory and chats (Feishu's side of the world, not the bot's roster). */
export class Tenant {
  readonly bot: { open_id: string; user_id: string; union_id: string; name: string };
  readonly leadersChat: Chat;
  private readonly users: TenantUser[] = [];
  private readonly index = new Map<string, TenantUser>();
  private readonly names = new Map<string, TenantUser[]>();
  private readonly p2p = new Map<string, Chat>();

  constructor(readonly appId: string) {
    this.bot = {
      open_id: openIdFor(`bot:${appId}`),
      user_id: '',
      union_id: unionIdFor(`bot:${appId}`),
      name: BOT_NAME,
    };
    this.leadersChat = {
      chat_id: chatIdFor(`group:${LEADERS_CHAT_NAME}`),
      type: 'group',
      name: LEADERS_CHAT_NAME,
      members: new Set(),
    };
  }

  get size(): number {
    return this.users.length;
  }

  /** Adds people (idempotent: the same mobile, email or name-without-contact is the same user). */
  add(entries: DirectoryEntry[]): TenantUser[] {
    return entries.map((e) => this.addOne(e));
  }

  private addOne(e: DirectoryEntry): TenantUser {
    const mobile = e.mobile ? normalizeMobile(e.mobile) : undefined;
    const email = e.email?.trim().toLowerCase() || undefined;
    const key = mobile ?? email ?? `name:${e.name}`;
    const existing = this.index.get(`key:${key}`);
    if (existing) return existing;
    const user: TenantUser = {
      open_id: openIdFor(key),
      user_id: userIdFor(key),
      union_id: unionIdFor(key),
      name: e.name.trim(),
      mobile,
      email,
      unit: e.unitName ?? '',
      roles: [...(e.roles ?? [])],
      note: e.note,
    };
    this.users.push(user);
    for (const k of [`key:${key}`, `open_id:${user.open_id}`, `user_id:${user.user_id}`, `union_id:${user.union_id}`])
      this.index.set(k, user);
    if (mobile) this.index.set(`mobile:${mobile}`, user);
    if (email) this.index.set(`email:${email}`, user);
    this.names.set(user.name, [...(this.names.get(user.name) ?? []), user]);
    if (user.roles.some((r) => LEADER_ROLES.has(r))) this.leadersChat.members.add(user.open_id);
    return user;
  }

  byId(type: IdType, id: string): TenantUser | undefined {
    if (type === 'mobile') return this.index.get(`mobile:${normalizeMobile(id)}`);
    if (type === 'email') return this.index.get(`email:${id.trim().toLowerCase()}`);
    return this.index.get(`${type}:${id}`);
  }

  /** A user named by open_id, user_id, mobile, email or (unique) name — the control API's convenience. */
  find(ref: string): TenantUser | { ambiguous: TenantUser[] } | undefined {
    const r = ref.trim();
    for (const type of ['open_id', 'user_id', 'union_id', 'email', 'mobile'] as const) {
      const u = this.byId(type, r);
      if (u) return u;
    }
    const named = this.names.get(r) ?? [];
    if (named.length > 1) return { ambiguous: named };
    return named[0];
  }

  all(): readonly TenantUser[] {
    return this.users;
  }

  /** Case-insensitive search over name, unit, roles, mobile and email. */
  search(q: string, limit: number): TenantUser[] {
    const needle = q.trim().toLowerCase();
    const hits = needle
      ? this.users.filter((u) =>
          [u.name, u.unit, ...u.roles, u.mobile ?? '', u.email ?? ''].some((f) => f.toLowerCase().includes(needle)),
        )
      : this.users;
    return hits.slice(0, limit);
  }

  /** The private chat between a user and the bot (created on first use, like Feishu). */
  p2pChat(user: TenantUser): Chat {
    let chat = this.p2p.get(user.open_id);
    if (!chat) {
      chat = {
        chat_id: chatIdFor(`p2p:${user.open_id}`),
        type: 'p2p',
        name: user.name,
        members: new Set([user.open_id]),
      };
      this.p2p.set(user.open_id, chat);
      this.index.set(`chat:${chat.chat_id}`, user);
    }
    return chat;
  }

  chat(chatId: string): Chat | undefined {
    if (chatId === this.leadersChat.chat_id) return this.leadersChat;
    const owner = this.index.get(`chat:${chatId}`);
    return owner ? this.p2pChat(owner) : undefined;
  }

  chatsOf(user: TenantUser): Chat[] {
    const chats = [this.p2pChat(user)];
    if (this.leadersChat.members.has(user.open_id)) chats.push(this.leadersChat);
    return chats;
  }

  /** The user a p2p chat belongs to. */
  ownerOf(chat: Chat): TenantUser | undefined {
    return chat.type === 'p2p' ? this.index.get(`chat:${chat.chat_id}`) : undefined;
  }
}
