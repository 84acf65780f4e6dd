/** A group chat as the leaders'-group choice sees it. */
export interface ChatInfo {
  chatId: string;
  name: string;
  active: boolean;
  isLeaders: boolean;
  addedAt: Date | null;
}

/** The word that marks a leaders' group by name when none has been designated. */
export const LEADERS_NAME_HINT = '领导';

export function looksLikeLeadersChat(name: string): boolean {
  return name.includes(LEADERS_NAME_HINT);
}

/**
 * Which chat receives the leaders' digests: the designated one while the bot is still in it;
 * otherwise the earliest-joined active chat whose name contains 领导; otherwise none.
 */
export function pickLeadersChat(chats: ChatInfo[]): string | null {
  const active = chats.filter((c) => c.active);
  const designated = active.find((c) => c.isLeaders);
  if (designated) return designated.chatId;
  const byName = active
    .filter((c) => looksLikeLeadersChat(c.name))
    .sort((a, b) => (a.addedAt?.getTime() ?? 0) - (b.addedAt?.getTime() ?? 0) || a.chatId.localeCompare(b.chatId));
  return byName[0]?.chatId ?? null;
}
