import type { Database } from '../db/client.js';
import { notice } from './cards/atoms.js';
import { enqueue } from './outbox.js';
import type { CommandHandler } from './router.types.js';

export const PRIVATE_CHAT_HINT = '请私聊青苗';

/**
 * A command that opens personal data (谈话, 查询, 推荐, records…): in a group chat everyone would see the
 * answer, so the group only gets "请私聊青苗" and the card goes to the sender's private chat.
 */
export function personal(deps: { db: Database; outboxWake: () => void }, handler: CommandHandler): CommandHandler {
  return async (ctx) => {
    if (ctx.chatType !== 'group') return handler(ctx);
    await ctx.reply(
      notice(
        PRIVATE_CHAT_HINT,
        '该内容含个人信息，不在群聊中显示。已通过私聊发送给您，请在与青苗的私聊中查看。',
        'orange',
      ),
    );
    const privately = async (card: Parameters<typeof ctx.reply>[0]) => {
      await enqueue(deps.db, { kind: 'send', to: { openId: ctx.sender.openId }, card });
      deps.outboxWake();
    };
    await handler({ ...ctx, chatType: 'p2p', chatId: undefined, messageId: undefined, reply: privately });
  };
}
