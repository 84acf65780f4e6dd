import type { FastifyInstance } from 'fastify';
import { validateCard } from '../card.validate.js';
import type { Emulator } from '../emulator.js';
import { parseContent } from './content.js';
import { Codes, FeishuError, fieldError, sendRateLimited } from './errors.js';

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
