import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Emulator } from '../emulator.js';
import { parse, resolveChat, resolveUser, userView } from './resolve.js';

const Query = z.object({
  q: z.string().optional(),
  limit: z.coerce.number({ message: 'limit 须为数字' }).int().min(1).max(100_000).optional(),
  /** 1 → only the demo personas (people with a note). */
  featured: z.enum(['0', '1']).optional(),
});

const AddUsers = z.object({
  users: z
    .array(
      z.object({
        name: z.string({ message: '每个用户都需要姓名 name' }).trim().min(1, '每个用户都需要姓名 name'),
        mobile: z.string().optional(),
        email: z.string().optional(),
        unitName: z.string().optional(),
        roles: z.array(z.string()).optional(),
        note: z.string().optional(),
      }),
      { message: 'users 须为数组' },
    )
    .max(200_000),
});

/** GET/POST /emulator/api/users and the chats users are in. */
export function registerUsers(scope: FastifyInstance, emu: Emulator): void {
  scope.get('/users', async (req) => {
    const { q = '', limit, featured } = parse(Query, req.query);
    const found = featured === '1' ? emu.tenant.all().filter((u) => u.note) : emu.tenant.search(q, emu.tenant.size);
    const users = found.slice(0, limit ?? found.length);
    return { total: emu.tenant.size, users: users.map((u) => userView(emu, u)) };
  });

  scope.post('/users', async (req) => {
    const { users } = parse(AddUsers, req.body);
    return { users: emu.tenant.add(users).map((u) => userView(emu, u)) };
  });

  scope.get('/chats', async (req) => {
    const { user } = req.query as { user?: string };
    const chats = user ? emu.tenant.chatsOf(resolveUser(emu, user)) : [emu.tenant.leadersChat];
    return {
      chats: chats.map((c) => ({ chat_id: c.chat_id, type: c.type, name: c.name, member_count: c.members.size })),
    };
  });

  scope.get('/chats/:chat_id', async (req) => {
    const chat = resolveChat(emu, (req.params as { chat_id: string }).chat_id);
    const members = [...chat.members].map((id) => emu.tenant.byId('open_id', id)!).map((u) => userView(emu, u));
    return { chat_id: chat.chat_id, type: chat.type, name: chat.name, members };
  });
}
