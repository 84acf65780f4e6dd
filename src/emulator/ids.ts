import { createHash, randomBytes } from 'node:crypto';
import { systemClock } from '../clock.js';

/** Feishu-looking identifiers. Directory ids are derived from a hash, so a restart gives the same ids. */
export function hashHex(key: string, length = 32): string {
  return createHash('sha256').update(`qingmiao-emulator:${key}`).digest('hex').slice(0, length);
}

export const openIdFor = (key: string) => `ou_${hashHex(`open:${key}`)}`;
export const unionIdFor = (key: string) => `on_${hashHex(`union:${key}`)}`;
/** Tenants choose their own user_id; short hex like many real tenants. */
export const userIdFor = (key: string) => hashHex(`user:${key}`, 10);
export const chatIdFor = (key: string) => `oc_${hashHex(`chat:${key}`)}`;

const rand = (bytes: number) => randomBytes(bytes).toString('hex');
export const newMessageId = () => `om_${rand(16)}`;
export const newEventId = () => rand(16);
export const newFileKey = () => `file_v3_00${rand(3)}_${rand(4)}-${rand(2)}-${rand(2)}-${rand(2)}-${rand(6)}g`;
export const newToken = (prefix: string) => `${prefix}-${rand(20)}`;
export const newLogId = () => `${systemClock.now().getTime()}${rand(8).toUpperCase()}`;

/** 11-digit Chinese mobile without +86, spaces or dashes; other formats are kept digits-only. */
export function normalizeMobile(mobile: string): string {
  const digits = mobile.replace(/[^\d+]/g, '');
  const m = /^(?:\+?86)?(1\d{10})$/.exec(digits);
  return m ? m[1] : digits.replace(/^\+/, '');
}
