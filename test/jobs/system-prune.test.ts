import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/client.js';
import { jobRuns, processedEvents } from '../../src/db/schema/transport.js';
import { createDeps } from '../../src/deps.js';
import { systemJobs } from '../../src/domain/system/system.jobs.js';
import { pruneCutoffs } from '../../src/domain/system/system.rules.js';
import { createLarkClient } from '../../src/feishu/client.js';
import { createTestDb } from '../helpers/db.js';

const AT = new Date('2026-12-01T03:30:00+08:00');
const hoursBefore = (h: number) => new Date(AT.getTime() - h * 3_600_000);

describe('pruneCutoffs', () => {
  it.each([
    ['processedEventsBefore', '2026-11-28T19:30:00.000Z'],
    ['jobRunsBefore', '2026-06-03T19:30:00.000Z'],
  ] as const)('%s is %s', (key, expected) => {
    expect(pruneCutoffs(AT)[key].toISOString()).toBe(expected);
  });
  it('keeps event keys longer than Feishu redelivers (about 7.1 h)', () => {
    expect(AT.getTime() - pruneCutoffs(AT).processedEventsBefore.getTime()).toBeGreaterThanOrEqual(8 * 3_600_000);
  });
});

describe('system.prune', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it('deletes old dedup keys and finished old runs, keeps the rest, and reports counts', async () => {
    await handle.db.insert(processedEvents).values([
      { key: 'event:old', receivedAt: hoursBefore(49) },
      { key: 'event:recent', receivedAt: hoursBefore(9) },
    ]);
    const run = (slot: string, hours: number, status: 'ok' | 'error' | 'running') => ({
      jobName: 'x',
      slot,
      instance: 'i',
      trigger: 'cron' as const,
      startedAt: hoursBefore(hours),
      status,
    });
    await handle.db
      .insert(jobRuns)
      .values([
        run('old-ok', 181 * 24, 'ok'),
        run('old-err', 181 * 24, 'error'),
        run('old-running', 181 * 24, 'running'),
        run('new', 24, 'ok'),
      ]);
    const config = loadConfig({ PORT: '3999' });
    const deps = createDeps({
      db: handle.db,
      clock: new SettableClock(),
      config,
      log: pino({ level: 'silent' }),
      lark: createLarkClient(config),
      outboxWake: () => {},
    });
    const [job] = systemJobs(deps);
    expect(job.name).toBe('system.prune');
    expect(await job.run(AT)).toEqual({ processedEvents: 1, jobRuns: 2, inboxEvents: 0 });
    expect((await handle.db.select().from(processedEvents)).map((r) => r.key)).toEqual(['event:recent']);
    expect((await handle.db.select().from(jobRuns)).map((r) => r.slot).sort()).toEqual(['new', 'old-running']);
  });
});
