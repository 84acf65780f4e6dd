import type { Sender } from './router.types.js';

/** Reads Feishu's `{ open_id, user_id, union_id }`; null when there is no open_id to answer to. */
export function toSender(id: any): Sender | null {
  if (!id || typeof id.open_id !== 'string' || !id.open_id) return null;
  return { openId: id.open_id, userId: id.user_id, unionId: id.union_id };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseContent(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string') return {};
  try {
    const v = JSON.parse(raw);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
}
