import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalid, notFound } from '../../errors.js';
import type { Emulator } from '../emulator.js';
import { userEntersP2p, userSends } from '../world.js';
import { messageView, parse, resolveChat, resolveUser } from './resolve.js';

const MAX_FILE_BYTES = 30 * 1024 * 1024;

const Send = z
  .object({
    from: z.string({ message: '请指定发送人 from（open_id、手机号或姓名）' }).min(1, '请指定发送人 from'),
    text: z.string().optional(),
    file: z
      .object({
        name: z.string({ message: '文件需要文件名 name' }).min(1, '文件需要文件名 name'),
        base64: z.string({ message: '文件内容 base64 缺失' }),
      })
      .optional(),
    chat_id: z.string().optional(),
  })
  .refine((b) => (b.text !== undefined) !== (b.file !== undefined), { message: '请提供 text 或 file（二选一）' });

const List = z
  .object({ chat_id: z.string().optional(), open_id: z.string().optional(), viewer: z.string().optional() })
  .refine((q) => Boolean(q.chat_id) !== Boolean(q.open_id), { message: '请提供 chat_id 或 open_id（二选一）' });

/** Users send messages and files; anyone reads what was said in a chat. */
export function registerMessageRoutes(scope: FastifyInstance, emu: Emulator): void {
  scope.post('/messages', { bodyLimit: 45 * 1024 * 1024 }, async (req) => {
    const body = parse(Send, req.body);
    const user = resolveUser(emu, body.from);
    const chat = body.chat_id ? resolveChat(emu, body.chat_id) : emu.tenant.p2pChat(user);
    if (body.text !== undefined) {
      if (!body.text.trim()) throw invalid('消息内容不能为空');
      return userSends(emu, user, chat, { text: body.text });
    }
    const data = Buffer.from(body.file!.base64, 'base64');
    if (data.length === 0) throw invalid('文件是空的');
    if (data.length > MAX_FILE_BYTES) throw invalid('文件超过 30 MB');
    return userSends(emu, user, chat, { file: { name: body.file!.name, data } });
  });

  scope.get('/messages', async (req) => {
    const q = parse(List, req.query);
    const owner = q.open_id ? resolveUser(emu, q.open_id) : undefined;
    const chat = owner ? emu.tenant.p2pChat(owner) : resolveChat(emu, q.chat_id!);
    const viewer = q.viewer ? resolveUser(emu, q.viewer).open_id : owner?.open_id;
    return { chat_id: chat.chat_id, messages: emu.store.inChat(chat.chat_id).map((m) => messageView(m, viewer)) };
  });

  scope.get('/files/:file_key', async (req, reply) => {
    const file = emu.store.file((req.params as { file_key: string }).file_key);
    if (!file) throw notFound('没有这个文件');
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .send(file.data);
  });

  scope.post('/enter-chat', async (req) => {
    const { from } = parse(z.object({ from: z.string({ message: '请指定用户 from' }) }), req.body);
    const d = await userEntersP2p(emu, resolveUser(emu, from));
    return { event_id: d.event_id, delivered: d.delivered };
  });
}
