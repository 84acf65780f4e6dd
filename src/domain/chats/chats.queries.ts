import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { chats } from '../../db/schema/chats.js';
import { pickLeadersChat } from './chats.rules.js';

export type ChatRow = typeof chats.$inferSelect;

export async function findChat(db: Database, chatId: string): Promise<ChatRow | null> {
  const [row] = await db.select().from(chats).where(eq(chats.chatId, chatId));
  return row ?? null;
}

/** The bot joined (or re-joined) a chat. */
export async function upsertJoined(
  db: Database,
  c: { chatId: string; name: string; openId: string | null; at: Date },
): Promise<void> {
  await db
    .insert(chats)
    .values({ chatId: c.chatId, name: c.name, addedByOpenId: c.openId, addedAt: c.at, active: true, ...stamps(c.at) })
    .onConflictDoUpdate({
      target: chats.chatId,
      set: {
        // Keep a known name when the event carries none.
        name: c.name ? c.name : sql`${chats.name}`,
        active: true,
        addedByOpenId: c.openId,
        addedAt: c.at,
        removedAt: null,
        updatedAt: c.at,
      },
    });
}

/** The bot left the chat: it can no longer post there, so it is no longer the leaders' group either. */
export async function markLeft(db: Database, chatId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(chats)
    .set({ active: false, isLeaders: false, removedAt: at, updatedAt: at })
    .where(eq(chats.chatId, chatId))
    .returning({ chatId: chats.chatId });
  return rows.length > 0;
}

/** Makes `chatId` the only leaders' group (creating the row for a chat joined before it was recorded). */
export async function designateLeaders(db: Database, chatId: string, name: string, at: Date): Promise<void> {
  await db.update(chats).set({ isLeaders: false, updatedAt: at }).where(eq(chats.isLeaders, true));
  await db
    .insert(chats)
    .values({ chatId, name, isLeaders: true, active: true, addedAt: at, ...stamps(at) })
    .onConflictDoUpdate({
      target: chats.chatId,
      set: { isLeaders: true, active: true, removedAt: null, updatedAt: at, name: name ? name : sql`${chats.name}` },
    });
}

/** The chat that receives the leaders' digests and reports, or null when there is none. */
export async function leadersChatId(db: Database): Promise<string | null> {
  const rows = await db
    .select({
      chatId: chats.chatId,
      name: chats.name,
      active: chats.active,
      isLeaders: chats.isLeaders,
      addedAt: chats.addedAt,
    })
    .from(chats)
    .where(eq(chats.active, true));
  return pickLeadersChat(rows);
}
