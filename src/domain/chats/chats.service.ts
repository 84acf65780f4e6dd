import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import type { Actor } from '../../feishu/router.js';
import { localDate } from '../../time.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import { joinedCard, leadersSetCard } from './chats.cards.js';
import { designateLeaders, findChat, markLeft, upsertJoined } from './chats.queries.js';

/** im.chat.member.bot.added_v1: remember the chat and greet it. */
export async function botJoined(
  deps: Deps,
  e: { eventId: string; chatId: string; name: string; openId: string | null },
): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await upsertJoined(tx, { chatId: e.chatId, name: e.name, openId: e.openId, at });
    await audit(tx, at, {
      actorOpenId: e.openId,
      action: 'chat.bot_added',
      entity: 'chat',
      entityId: e.chatId,
      eventId: e.eventId,
      detail: { name: e.name },
    });
    await enqueue(tx, { kind: 'send', to: { chatId: e.chatId }, card: joinedCard() });
  });
  deps.outboxWake();
}

/** im.chat.member.bot.deleted_v1: the bot can no longer post there. */
export async function botLeft(
  deps: Deps,
  e: { eventId: string; chatId: string; openId: string | null },
): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await markLeft(tx, e.chatId, at))) return;
    await audit(tx, at, {
      actorOpenId: e.openId,
      action: 'chat.bot_removed',
      entity: 'chat',
      entityId: e.chatId,
      eventId: e.eventId,
    });
  });
}

/** 「设为领导群」 by an org_admin inside the group; checked against the database now, not the message. */
export async function setLeadersChat(
  deps: Deps,
  c: { eventId: string; chatId: string; actor: Actor; messageId?: string },
): Promise<void> {
  const at = deps.clock.now();
  const actor = await loadActor(deps.db, c.actor.personId, localDate(at, deps.config.timezone));
  if (!hasRole(actor, 'org_admin')) throw forbidden('只有组织部门管理员可以设置领导群');
  await deps.db.transaction(async (tx) => {
    const known = await findChat(tx, c.chatId);
    await designateLeaders(tx, c.chatId, known?.name ?? '', at);
    await audit(tx, at, {
      actorPersonId: actor.personId,
      actorOpenId: c.actor.openId,
      action: 'chat.set_leaders',
      entity: 'chat',
      entityId: c.chatId,
      eventId: c.eventId,
    });
    const card = leadersSetCard(known?.name ?? '');
    if (c.messageId) await enqueue(tx, { kind: 'reply', messageId: c.messageId, to: { chatId: c.chatId }, card });
    else await enqueue(tx, { kind: 'send', to: { chatId: c.chatId }, card });
  });
  deps.outboxWake();
}
