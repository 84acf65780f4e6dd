import type { Capability } from '../../capability.js';
import { enqueue } from '../../feishu/outbox.js';
import { helpCard, welcomeCard } from './help.cards.js';

/** 帮助 / help, the answer to unknown commands, and the welcome card when a user opens the private chat. */
export const help: Capability = {
  name: 'help',
  register(router, deps) {
    router.command(
      ['帮助', 'help', '?', '？'],
      async (ctx) => ctx.reply(helpCard(router.commandList())),
      '查看可用命令',
    );
    router.otherwise(async (ctx) => ctx.reply(helpCard(router.commandList(), ctx.text || undefined)));
    router.event('im.chat.access_event.bot_p2p_chat_entered_v1', async ({ event }) => {
      const openId = event?.operator_id?.open_id;
      if (typeof openId !== 'string') return;
      await enqueue(deps.db, { kind: 'send', to: { openId }, card: welcomeCard('', router.commandList()) });
      deps.outboxWake();
    });
  },
};
