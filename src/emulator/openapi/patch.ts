import type { FastifyInstance } from 'fastify';
import { validateCard } from '../card.validate.js';
import type { Emulator } from '../emulator.js';
import { parseContent } from './content.js';
import { Codes, FeishuError, fieldError, sendRateLimited } from './errors.js';

/** Feishu refuses urgent messages to a user with 200 unread ones. */
export const URGENT_UNREAD_LIMIT = 200;

/** PATCH im/v1/messages/:id (update a card for everyone) and the delayed update with a callback token. */
export function registerPatch(scope: FastifyInstance, emu: Emulator): void {
  scope.patch('/im/v1/messages/:message_id', async (req, reply) => {
    const { message_id } = req.params as { message_id: string };
    const body = (req.body ?? {}) as { content?: string };
    const msg = emu.store.get(message_id);
    if (!msg) throw new FeishuError(Codes.messageNotFound, 'The message is not found or has been recalled.');
    if (msg.msg_type !== 'interactive' || msg.sender.sender_type !== 'app')
      throw new FeishuError(Codes.notCard, 'Only cards sent by this bot can be updated.');
    const { content } = parseContent(emu, 'interactive', body.content);
    const verdict = emu.limits.check('patch', message_id, performance.now());
    if (!verdict.ok) {
      emu.stats.rateLimited++;
      return sendRateLimited(reply, verdict.limit, verdict.resetSeconds);
    }
    emu.store.patch(msg, content, emu.now());
    return { code: 0, msg: 'success', data: {} };
  });

  /**
   * PATCH im/v1/messages/:id/urgent_app: 应用内加急 of the bot's own message to members of its chat. A user with
   * URGENT_UNREAD_LIMIT urgent messages (Feishu: 200 unread; the emulator never marks one read) is refused with
   * 230023; a user who is not in the chat comes back in invalid_user_id_list.
   */
  scope.patch('/im/v1/messages/:message_id/urgent_app', async (req) => {
    const { message_id } = req.params as { message_id: string };
    const { user_id_type } = req.query as { user_id_type?: string };
    const body = (req.body ?? {}) as { user_id_list?: unknown };
    if (user_id_type !== 'open_id') throw fieldError('user_id_type', user_id_type, 'the emulator knows open_id only');
    const list = body.user_id_list;
    if (!Array.isArray(list) || list.length === 0 || list.some((u) => typeof u !== 'string'))
      throw fieldError('user_id_list', list, 'user_id_list must be a non-empty list of ids');
    const msg = emu.store.get(message_id);
    if (!msg) throw new FeishuError(Codes.messageNotFound, 'The message is not found or has been recalled.');
    if (msg.sender.sender_type !== 'app')
      throw new FeishuError(Codes.notMessageSender, 'Bot is NOT the sender of the message.');
    const chat = emu.tenant.chat(msg.chat_id);
    const invalid = (list as string[]).filter((u) => !chat?.members.has(u));
    const valid = (list as string[]).filter((u) => !invalid.includes(u));
    for (const u of valid) {
      if (emu.store.urgentCount(u) >= URGENT_UNREAD_LIMIT)
        throw new FeishuError(Codes.tooManyUrgent, 'The user has too many unread urgent messages.');
    }
    const at = new Date(emu.now()).toISOString();
    msg.urgent = [...(msg.urgent ?? []), ...valid.map((openId) => ({ openId, at }))];
    return { code: 0, msg: 'success', data: { invalid_user_id_list: invalid } };
  });

  scope.post('/interactive/v1/card/update', async (req) => {
    const body = (req.body ?? {}) as { token?: string; card?: unknown };
    if (typeof body.token !== 'string') throw fieldError('token', body.token, 'token is required');
    const problem = validateCard(body.card);
    if (problem) {
      emu.reject(problem.code);
      throw new FeishuError(problem.code, problem.msg);
    }
    const t = emu.useCardToken(body.token);
    const msg = t && emu.store.get(t.messageId);
    if (!msg) throw new FeishuError(Codes.cardTokenInvalid, 'card token is invalid, expired or used twice');
    emu.store.patch(msg, body.card, emu.now(), 'card_update');
    return { code: 0, msg: 'success' };
  });
}
