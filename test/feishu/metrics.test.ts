import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { parseEnvelope } from '../../src/feishu/envelope.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { cardAction, messageEvent } from '../helpers/feishu-events.js';

function event(body: unknown) {
  const e = parseEnvelope(body);
  if (e.kind !== 'event') throw new Error('not an event');
  return e.event;
}

/** The value of one sample line in the Prometheus text, or null when absent. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : null;
}

describe('GET /metrics (Prometheus)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // Emulator-mode config with nothing listening on its port: every send fails with a network error (a retry).
    bot = await createTestBot({ capabilities: [help] });
  });
  afterAll(async () => bot.close());

  it('counts events in, card callback latency, sends by result, the outbox backlog and job runs', async () => {
    await bot.router.handle(event(messageEvent({ text: '帮助', eventId: 'm-1' })));
    // A second user in their own private chat: a reply in the same chat would wait behind the first (one order).
    await bot.router.handle(event(messageEvent({ text: '帮助', eventId: 'm-2', chatId: 'oc_2', openId: 'ou_other' })));
    await bot.router.handle(event(cardAction({ eventId: 'c-1', value: { a: 'nothing.here' } })));
    await bot.router.idle();
    await bot.outbox.drain();
    await bot.handle.db.insert(jobRuns).values([
      {
        jobName: 'talks.reminders',
        slot: 's1',
        instance: 'i',
        trigger: 'cron',
        startedAt: bot.clock.now(),
        status: 'ok',
      },
      {
        jobName: 'talks.reminders',
        slot: 's2',
        instance: 'i',
        trigger: 'cron',
        startedAt: bot.clock.now(),
        status: 'ok',
      },
      {
        jobName: 'talks.reminders',
        slot: 's3',
        instance: 'i',
        trigger: 'cron',
        startedAt: bot.clock.now(),
        status: 'error',
      },
    ]);

    const res = await bot.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(sample(text, 'qingmiao_events_in_total{type="im.message.receive_v1"}')).toBe(2);
    expect(sample(text, 'qingmiao_events_in_total{type="card.action.trigger"}')).toBe(1);
    expect(sample(text, 'qingmiao_card_callback_seconds_count')).toBe(1);
    expect(sample(text, 'qingmiao_card_callback_seconds_bucket{le="3"}')).toBe(1);
    // Two replies, both failed to reach the (absent) API and wait for their retry.
    expect(sample(text, 'qingmiao_outbox_sends_total{kind="reply",result="retry"}')).toBe(2);
    expect(sample(text, 'qingmiao_outbox_pending')).toBe(2);
    expect(sample(text, 'qingmiao_outbox_oldest_pending_seconds')).toBe(0);
    expect(sample(text, 'qingmiao_job_runs{job="talks.reminders",status="ok"}')).toBe(2);
    expect(sample(text, 'qingmiao_job_runs{job="talks.reminders",status="error"}')).toBe(1);
    expect(sample(text, 'qingmiao_process_resident_memory_bytes')).toBeGreaterThan(0);

    // The oldest pending row ages with the clock.
    bot.clock.freeze(new Date(bot.clock.now().getTime() + 90_000));
    const later = (await bot.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(later, 'qingmiao_outbox_oldest_pending_seconds')).toBe(90);
  });
});
