import type { Capability } from '../../capability.js';
import { groupOnlyCard } from './chats.cards.js';
import { botJoined, botLeft, setLeadersChat } from './chats.service.js';

const openIdOf = (id: any): string | null => (typeof id?.open_id === 'string' ? id.open_id : null);

/** Group chats the bot is in, and which one is the leaders' group (领导群). */
export const chats: Capability = {
  name: 'chats',
  help: [{ command: '设为领导群', group: '通用', roles: ['org_admin'] }],
  register(router, deps) {
    router.event('im.chat.member.bot.added_v1', async ({ eventId, event }) => {
      if (typeof event?.chat_id !== 'string') return;
      const name = typeof event.name === 'string' ? event.name : '';
      await botJoined(deps, { eventId, chatId: event.chat_id, name, openId: openIdOf(event.operator_id) });
    });
    router.event('im.chat.member.bot.deleted_v1', async ({ eventId, event }) => {
      if (typeof event?.chat_id !== 'string') return;
      await botLeft(deps, { eventId, chatId: event.chat_id, openId: openIdOf(event.operator_id) });
    });
    router.command(
      ['设为领导群'],
      async (ctx) => {
        if (ctx.chatType !== 'group' || !ctx.chatId) return ctx.reply(groupOnlyCard());
        await setLeadersChat(deps, {
          eventId: ctx.eventId,
          chatId: ctx.chatId,
          actor: ctx.actor,
          messageId: ctx.messageId,
        });
      },
      '在群内 @青苗 发送，把该群设为领导群（组织部门）',
    );
  },
};
