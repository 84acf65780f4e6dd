import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SettableClock } from './clock.js';
import { systemClock } from './clock.js';
import { invalid, notFound } from './errors.js';
import type { Scheduler } from './jobs/scheduler.js';

export interface DevDeps {
  clock: SettableClock;
  scheduler: Scheduler;
  /** Emulator pushes in flight, then the bot's own settle. */
  settle(): Promise<void>;
}

const SetClock = z.union([
  z.object({
    now: z
      .string({ message: '请提供时间 now（ISO 格式，如 2026-12-01T09:00:00+08:00）' })
      .refine((s) => !Number.isNaN(Date.parse(s)), {
        message: '时间格式无法识别，请用 ISO 格式，如 2026-12-01T09:00:00+08:00',
      }),
    freeze: z.boolean().optional(),
  }),
  z.object({ reset: z.literal(true) }),
]);

/**
 * The bot's local mode (FEISHU_MODE=emulator; app.ts mounts it beside the emulator): time travel, jobs on demand,
 * settle. These are the bot's own controls, not part of the fake Feishu.
 */
export function devRoutes(deps: DevDeps) {
  return async (scope: FastifyInstance) => {
    const clockView = () => ({ now: deps.clock.now().toISOString(), real: systemClock.now().toISOString() });
    scope.get('/clock', async () => clockView());
    scope.post('/clock', async (req) => {
      const body = parse(SetClock, req.body);
      if ('reset' in body) deps.clock.reset();
      else if (body.freeze) deps.clock.freeze(new Date(body.now));
      else deps.clock.set(new Date(body.now));
      return clockView();
    });

    scope.get('/jobs', async () => ({ jobs: deps.scheduler.list() }));
    scope.post('/jobs/:name/run', async (req, reply) => {
      const { name } = req.params as { name: string };
      if (!deps.scheduler.list().some((j) => j.name === name)) throw notFound(`没有名为「${name}」的任务`);
      const startedAt = deps.clock.now();
      const t0 = performance.now();
      try {
        const result = await deps.scheduler.runNow(name);
        await deps.settle();
        return { name, ok: true, result: result ?? null, startedAt, durationMs: Math.round(performance.now() - t0) };
      } catch (err: any) {
        return reply.status(500).send({ name, ok: false, error: String(err?.message ?? err), startedAt });
      }
    });

    scope.post('/settle', async () => {
      const t0 = performance.now();
      await deps.settle();
      return { ok: true, durationMs: Math.round(performance.now() - t0) };
    });
  };
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const msg =
    i?.message && /[\u4e00-\u9fa5]/.test(i.message) ? i.message : `参数有误：${i?.path.join('.')} ${i?.message}`;
  throw invalid(msg);
}
