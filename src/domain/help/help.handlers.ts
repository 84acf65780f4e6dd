import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import type { Role } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { forbidden, isAppError } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import type { Router } from '../../feishu/router.js';
import { loadActor } from '../org/org.access.js';
import { helpCard, welcomeCard } from './help.cards.js';
import { helpFor, mayPress } from './help.rules.js';
import { ANY_ROLE, type HelpEntry } from './help.types.js';

/** The roles a person holds today (grants and posts); none when they cannot be loaded (e.g. deactivated). */
async function rolesOf(deps: Deps, personId: number): Promise<Role[]> {
  try {
    return (await loadActor(deps.db, personId, today(deps))).roles.map((r) => r.role);
  } catch (err) {
    if (isAppError(err)) return [];
    throw err;
  }
}

/**
 * 帮助 / help, the answer to unknown commands, and the welcome card when a user opens the private chat.
 * The commands shown come from the router; who may use them from each capability's `help` entries.
 */
export function helpCapability(caps: () => readonly Capability[]): Capability {
  const entries = (): HelpEntry[] => caps().flatMap((c) => c.help ?? []);
  const view = async (router: Router, deps: Deps, personId: number) =>
    helpFor(await rolesOf(deps, personId), router.commandList(), entries());
  return {
    name: 'help',
    help: [{ command: '帮助', group: '通用', roles: ANY_ROLE }],
    register(router, deps) {
      router.command(
        ['帮助', 'help', '?', '？'],
        async (ctx) => ctx.reply(helpCard(await view(router, deps, ctx.actor.personId))),
        '查看可用命令',
      );
      router.otherwise(async (ctx) =>
        ctx.reply(helpCard(await view(router, deps, ctx.actor.personId), ctx.text || undefined)),
      );
      // A help button runs its command as the bot menu does: answered in the presser's private chat.
      router.action('help.run', z.object({ cmd: z.string().max(20) }), async (ctx) => {
        if (!mayPress(await rolesOf(deps, ctx.actor.personId), ctx.value.cmd, entries())) {
          throw forbidden('您无权使用该命令');
        }
        await router.handle({
          eventId: `help.run:${ctx.eventId}`,
          type: 'application.bot.menu_v6',
          event: { operator: { operator_id: { open_id: ctx.operator.openId } }, event_key: ctx.value.cmd },
        });
        ctx.ack({ toast: { type: 'info', content: `已发送「${ctx.value.cmd}」，请在与青苗的单聊中查看` } });
      });
      router.event('im.chat.access_event.bot_p2p_chat_entered_v1', async ({ event }) => {
        const openId = event?.operator_id?.open_id;
        if (typeof openId !== 'string') return;
        const everyone = helpFor(['cadre'], router.commandList(), entries()).sections.flatMap((s) => s.commands);
        await enqueue(deps.db, { kind: 'send', to: { openId }, card: welcomeCard('', everyone) });
        deps.outboxWake();
      });
    },
  };
}

/** Help on its own (tests and tools that install a few capabilities): every command shown. */
export const help: Capability = helpCapability(() => []);
