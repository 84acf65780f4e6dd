import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns } from '../../src/db/schema/transport.js';
import { createTestBot, type TestBot } from '../helpers/bot.js';

describe('the bot’s scheduler', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot({ now: new Date('2026-11-30T09:00:00+08:00') });
  });
  afterAll(async () => bot.close());

  it('lists the installed capabilities’ jobs with the next run after the bot clock', () => {
    const prune = bot.scheduler.list().find((j) => j.name === 'system.prune');
    expect(prune).toMatchObject({ cron: '30 3 * * *', nextRun: '2026-11-30T19:30:00.000Z' });
  });

  it('runs a job now at the bot clock (the emulator’s time travel) and records it', async () => {
    bot.clock.freeze(new Date('2027-01-05T10:00:00+08:00'));
    expect(await bot.scheduler.runNow('system.prune')).toEqual({ processedEvents: 0, inboxEvents: 0, jobRuns: 0 });
    const [row] = await bot.handle.db.select().from(jobRuns);
    expect(row).toMatchObject({ jobName: 'system.prune', trigger: 'manual', status: 'ok' });
    expect(row.startedAt.toISOString()).toBe('2027-01-05T02:00:00.000Z');
  });
});
