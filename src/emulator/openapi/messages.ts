import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Emulator } from '../emulator.js';
import type { Chat } from '../tenant.js';
import { checkUuid, messageData, parseContent } from './content.js';
import { Codes, FeishuError, fieldError, sendRateLimited } from './errors.js';

const RECEIVE_ID_TYPES = ['open_id', 'user_id', 'union_id', 'email', 'chat_id'] as const;
type ReceiveIdType = (typeof RECEIVE_ID_TYPES)[number];

interface SendBody {
  receive_id?: string;
  msg_type?: string;
  content?: string;
  uuid?: string;
}

/** im/v1/messages create and reply. */
export function registerMessages(scope: FastifyInstance, emu: Emulator): void {
  scope.post('/im/v1/messages', async (req, reply) => {
    const { receive_id_type } = req.query as { receive_id_type?: string };
    const body = (req.body ?? {}) as SendBody;
    if (!RECEIVE_ID_TYPES.includes(receive_id_type as ReceiveIdType))
      throw fieldError('receive_id_type', receive_id_type, `receive_id_type options: [${RECEIVE_ID_TYPES.join(',')}]`);
    if (typeof body.receive_id !== 'string' || !body.receive_id)
      throw fieldError('receive_id', body.receive_id, 'receive_id is required');
    const chat = receiverChat(emu, receive_id_type as ReceiveIdType, body.receive_id);
    return send(emu, reply, chat, body);
  });

  scope.post('/im/v1/messages/:message_id/reply', async (req, reply) => {
    const { message_id } = req.params as { message_id: string };
    const parent = emu.store.get(message_id);
    if (!parent) throw new FeishuError(Codes.messageNotFound, 'The message is not found or has been recalled.');
    const chat = emu.tenant.chat(parent.chat_id)!;
    return send(emu, reply, chat, (req.body ?? {}) as SendBody, message_id);
  });
}

function receiverChat(emu: Emulator, type: ReceiveIdType, id: string): Chat {
  if (type === 'chat_id') {
    const chat = emu.tenant.chat(id);
    if (!chat) throw new FeishuError(Codes.botNotInChat, 'Bot/User can NOT be out of the chat.');
    return chat;
  }
  const user = emu.tenant.byId(type, id);
  if (!user) throw new FeishuError(Codes.noAvailability, 'Bot has NO availability to this user.');
  return emu.tenant.p2pChat(user);
}

async function send(emu: Emulator, reply: FastifyReply, chat: Chat, body: SendBody, parentId?: string) {
  const { msgType, content } = parseContent(emu, body.msg_type, body.content);
  const uuid = checkUuid(body.uuid);
  const verdict = emu.limits.check('send', chat.chat_id, performance.now());
  if (!verdict.ok) {
    emu.stats.rateLimited++;
    return sendRateLimited(reply, verdict.limit, verdict.resetSeconds);
  }
  const now = emu.now();
  const earlier = uuid ? emu.store.sentWithUuid(uuid, now) : undefined;
  if (earlier) {
    emu.stats.uuidReplays++;
    return { code: 0, msg: 'success', data: messageData(emu, earlier) };
  }
  const sender = { sender_type: 'app' as const, id: emu.opts.appId, name: emu.tenant.bot.name };
  const m = emu.store.add(chat, { msg_type: msgType, content, sender, create_time: now, parent_id: parentId, uuid });
  return { code: 0, msg: 'success', data: messageData(emu, m) };
}
