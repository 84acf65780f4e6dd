import type { z } from 'zod';
import { invalid, notFound } from '../../errors.js';
import type { Emulator } from '../emulator.js';
import type { StoredMessage } from '../store.js';
import type { Chat, TenantUser } from '../tenant.js';

/** Parses a control API body with zod; the first problem becomes a Chinese 400. */
export function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const msg =
    i?.message && /[\u4e00-\u9fa5]/.test(i.message) ? i.message : `参数有误：${i?.path.join('.')} ${i?.message}`;
  throw invalid(msg);
}

/** `from` may be an open_id, user_id, mobile, email or a unique name. */
export function resolveUser(emu: Emulator, ref: string): TenantUser {
  const hit = emu.tenant.find(ref);
  if (!hit) throw notFound(`通讯录中没有「${ref}」`);
  if ('ambiguous' in hit)
    throw invalid(
      `「${ref}」有 ${hit.ambiguous.length} 人重名，请改用 open_id 或手机号：${hit.ambiguous.map((u) => u.open_id).join('、')}`,
    );
  return hit;
}

export function resolveChat(emu: Emulator, chatId: string): Chat {
  const chat = emu.tenant.chat(chatId);
  if (!chat) throw notFound(`没有会话 ${chatId}`);
  return chat;
}

export function resolveMessage(emu: Emulator, messageId: string): StoredMessage {
  const msg = emu.store.get(messageId);
  if (!msg) throw notFound(`没有消息 ${messageId}`);
  return msg;
}

export function userView(emu: Emulator, u: TenantUser) {
  return {
    open_id: u.open_id,
    user_id: u.user_id,
    union_id: u.union_id,
    name: u.name,
    unit: u.unit,
    roles: u.roles,
    mobile: u.mobile ?? null,
    email: u.email ?? null,
    note: u.note ?? null,
    in_leaders_chat: emu.tenant.leadersChat.members.has(u.open_id),
  };
}

/** A message as the control API shows it: parsed content as `viewer` sees it, and its update history. */
export function messageView(msg: StoredMessage, viewer?: string) {
  const personal = viewer ? msg.views.get(viewer) : undefined;
  return {
    message_id: msg.message_id,
    chat_id: msg.chat_id,
    chat_type: msg.chat_type,
    sender: { type: msg.sender.sender_type, id: msg.sender.id, name: msg.sender.name },
    msg_type: msg.msg_type,
    content: personal ?? msg.content,
    create_time: new Date(msg.create_time).toISOString(),
    parent_id: msg.parent_id ?? null,
    uuid: msg.uuid ?? null,
    mentions: msg.mentions ?? [],
    patches: msg.patches.filter((p) => p.kind !== 'callback' || !viewer || p.viewer === viewer),
    /** 应用内加急 for this viewer (any receiver when no viewer). */
    urgent: (msg.urgent ?? []).some((u) => !viewer || u.openId === viewer),
  };
}
