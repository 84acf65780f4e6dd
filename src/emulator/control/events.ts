import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import type { Emulator } from '../emulator.js';
import { FaultsSchema } from '../faults.js';
import { botAddedToLeadersChat, userClicks } from '../world.js';
import { parse, resolveMessage, resolveUser } from './resolve.js';

const Click = z.object({
  message_id: z.string({ message: '请指定卡片消息 message_id' }),
  from: z.string({ message: '请指定点击人 from' }),
  value: z.record(z.string(), z.unknown()).optional(),
  name: z.string().optional(),
  form_value: z.record(z.string(), z.unknown()).optional(),
  tag: z.string().optional(),
  option: z.string().optional(),
  options: z.array(z.string()).optional(),
  input_value: z.string().optional(),
  checked: z.boolean().optional(),
});

const Raw = z
  .object({
    raw: z.string().optional(),
    envelope: z.unknown().optional(),
    event_type: z.string().optional(),
    event: z.record(z.string(), z.unknown()).optional(),
    event_id: z.string().optional(),
    /** Pushes an earlier event again, byte-identical in content (a duplicate delivery). */
    replay: z.string().optional(),
    /** A different Encrypt Key (e.g. a wrong one), or null to send plain and unsigned. */
    encrypt_key: z.string().nullable().optional(),
  })
  .refine((b) => b.raw !== undefined || b.envelope !== undefined || b.replay || (b.event_type && b.event), {
    message: '请提供 raw、envelope、replay，或 event_type 加 event',
  });

/** Card actions, raw event pushes, fault injection and counters. */
export function registerEventRoutes(scope: FastifyInstance, emu: Emulator): void {
  scope.post('/card-actions', async (req, reply) => {
    const { message_id, from, ...action } = parse(Click, req.body);
    const { answer, cardProblem } = await userClicks(
      emu,
      resolveUser(emu, from),
      resolveMessage(emu, message_id),
      action,
    );
    if (answer.status !== 200)
      return reply.status(502).send({
        code: 200340,
        error: `机器人未能在 3 秒内正确响应卡片回调（${answer.error ?? `HTTP ${answer.status}`}）`,
        answer: answer.body,
      });
    if (cardProblem)
      return reply.status(422).send({ ...cardProblem, error: '回调返回的卡片无效', answer: answer.body });
    return answer.body;
  });

  scope.post('/events', async (req) => {
    const b = parse(Raw, req.body);
    const replayed = b.replay ? emu.pusher.delivery(b.replay) : undefined;
    if (b.replay && !replayed) throw notFound(`没有推送过事件 ${b.replay}（只保留最近 500 个）`);
    const envelope =
      replayed?.envelope ??
      b.envelope ??
      (b.event_type ? emu.pusher.envelope(b.event_type, b.event!, b.event_id) : undefined);
    const res = await emu.pusher.raw({ raw: b.raw, envelope, encryptKey: b.encrypt_key });
    const eventId = (envelope as { header?: { event_id?: string } } | undefined)?.header?.event_id ?? null;
    return { event_id: eventId, status: res.status, body: res.body, error: res.error };
  });

  scope.get('/events', async () => ({
    deliveries: emu.pusher.deliveries().map(({ envelope, ...d }) => ({ ...d, event: envelope.event })),
  }));
  scope.post('/bot-added', async () => botAddedToLeadersChat(emu));

  scope.get('/faults', async () => emu.faults.current);
  scope.post('/faults', async (req) => emu.faults.set(parse(FaultsSchema.partial(), req.body)));

  scope.get('/stats', async () => emu.stats);
}
