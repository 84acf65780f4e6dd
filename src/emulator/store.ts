import { newFileKey, newMessageId } from './ids.js';
import type { Chat } from './tenant.js';

export interface Sender {
  sender_type: 'app' | 'user';
  /** app_id for the bot, open_id for a user. */
  id: string;
  name: string;
}

export interface PatchEntry {
  at: string;
  /** patch = im message patch (everyone); callback = a card returned by a card action (that viewer only). */
  kind: 'patch' | 'callback' | 'card_update';
  viewer?: string;
  content: unknown;
}

export interface StoredMessage {
  message_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  msg_type: string;
  /** Parsed content (a card object for interactive messages). */
  content: unknown;
  sender: Sender;
  create_time: number;
  parent_id?: string;
  uuid?: string;
  mentions?: unknown[];
  patches: PatchEntry[];
  /** Per-viewer card after a card action answered with a card (Feishu refreshes it for the clicker only). */
  views: Map<string, unknown>;
  /** 应用内加急 (urgent_app) received by these open_ids, with when. */
  urgent?: { openId: string; at: string }[];
}

export interface StoredFile {
  file_key: string;
  name: string;
  type: string;
  data: Buffer;
}

const UUID_TTL_MS = 60 * 60 * 1000;

/** Messages, files and send-once uuids of the emulated tenant (in memory). */
export class MessageStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly byChat = new Map<string, StoredMessage[]>();
  private readonly uuids = new Map<string, { messageId: string; at: number }>();
  private readonly files = new Map<string, StoredFile>();

  add(chat: Chat, m: Omit<StoredMessage, 'message_id' | 'chat_id' | 'chat_type' | 'patches' | 'views'>): StoredMessage {
    const msg: StoredMessage = {
      ...m,
      message_id: newMessageId(),
      chat_id: chat.chat_id,
      chat_type: chat.type,
      patches: [],
      views: new Map(),
    };
    this.messages.set(msg.message_id, msg);
    const list = this.byChat.get(chat.chat_id) ?? [];
    list.push(msg);
    this.byChat.set(chat.chat_id, list);
    if (m.uuid) this.uuids.set(m.uuid, { messageId: msg.message_id, at: m.create_time });
    return msg;
  }

  get(messageId: string): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  inChat(chatId: string): StoredMessage[] {
    return this.byChat.get(chatId) ?? [];
  }

  /** The message already sent with this uuid within the last hour, if any. */
  sentWithUuid(uuid: string, now: number): StoredMessage | undefined {
    const hit = this.uuids.get(uuid);
    if (!hit) return undefined;
    if (now - hit.at >= UUID_TTL_MS || now < hit.at - UUID_TTL_MS) {
      this.uuids.delete(uuid);
      return undefined;
    }
    return this.messages.get(hit.messageId);
  }

  /** Replaces the card for everyone (a patch also resets the per-viewer views). */
  patch(msg: StoredMessage, content: unknown, at: number, kind: PatchEntry['kind'] = 'patch'): void {
    msg.content = content;
    msg.views.clear();
    msg.patches.push({ at: new Date(at).toISOString(), kind, content });
  }

  /** Urgent (加急) messages received by `openId` so far. */
  urgentCount(openId: string): number {
    let n = 0;
    for (const m of this.messages.values()) n += m.urgent?.filter((u) => u.openId === openId).length ?? 0;
    return n;
  }

  /** A card-action answer's card, shown to the clicker only. */
  setView(msg: StoredMessage, viewer: string, content: unknown, at: number): void {
    msg.views.set(viewer, content);
    msg.patches.push({ at: new Date(at).toISOString(), kind: 'callback', viewer, content });
  }

  putFile(name: string, type: string, data: Buffer): StoredFile {
    const file = { file_key: newFileKey(), name, type, data };
    this.files.set(file.file_key, file);
    return file;
  }

  file(fileKey: string): StoredFile | undefined {
    return this.files.get(fileKey);
  }
}
