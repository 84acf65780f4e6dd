import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxEvents, outbox } from '../../src/db/schema/transport.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';
import { LOCAL_ENCRYPT_KEY, messageEvent, signedRequest } from '../helpers/feishu-events.js';
import { runFuzz } from '../helpers/fuzz.js';

// Bounded here (2,000 requests, fixed seed); `npm run fuzz` runs ≥ 20,000 with other seeds.
describe('webhook fuzz (issue 10 acceptance)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => bot.close());

  it('answers 2,000 mutated signed and unsigned requests without a 5xx, and stays healthy', async () => {
    const stats = await runFuzz({
      app: bot.app,
      now: () => bot.clock.now(),
      encryptKey: LOCAL_ENCRYPT_KEY,
      count: 2000,
      seed: 20261130,
    });
    await bot.router.idle();
    expect(stats.fiveXx).toEqual([]);
    expect(stats.requests).toBe(2000);
    // The mix reaches every outcome: accepted, malformed, refused.
    expect(stats.byStatus['200']).toBeGreaterThan(500);
    expect(stats.byStatus['400']).toBeGreaterThan(50);
    expect(stats.byStatus['401']).toBeGreaterThan(200);
    expect((await bot.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    // Every stored event finished: done, or failed with its reason (an id that cannot be answered to).
    const stuck = (await bot.handle.db.select().from(inboxEvents)).filter(
      (r) => r.status === 'pending' || (r.status === 'failed' && !r.lastError),
    );
    expect(stuck).toEqual([]);
    // A clean message afterwards is still answered.
    const body = messageEvent({ eventId: 'after-fuzz', messageId: 'om-after-fuzz', text: '帮助' });
    const res = await bot.app.inject(
      signedRequest({ encryptKey: LOCAL_ENCRYPT_KEY, body, timestamp: bot.clock.now() }),
    );
    expect(res.statusCode).toBe(200);
    await bot.router.idle();
    expect((await bot.handle.db.select().from(outbox)).filter((r) => r.target === 'om-after-fuzz')).toHaveLength(1);
  }, 180_000);
});
