import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema/transport.js';
import type { Deps } from '../../src/deps.js';
import { outboxJobs } from '../../src/feishu/outbox.jobs.js';
import { createTestDb } from '../helpers/db.js';
import { silentLog } from '../helpers/fake-feishu.js';

describe('outbox.prune', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it('deletes sent rows older than 30 days and keeps pending, failed and recent ones', async () => {
    const now = new Date('2026-11-30T03:40:00+08:00');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const row = (uuid: string, status: 'pending' | 'sent' | 'failed', sentAt: Date | null) => ({
      uuid,
      kind: 'send' as const,
      target: 'ou_1',
      receiveIdType: 'open_id' as const,
      content: {},
      status,
      sentAt,
    });
    await handle.db
      .insert(outbox)
      .values([
        row('old-sent', 'sent', daysAgo(31)),
        row('recent-sent', 'sent', daysAgo(29)),
        row('old-failed', 'failed', null),
        row('old-pending', 'pending', null),
      ]);
    const [job] = outboxJobs({ db: handle.db, log: silentLog } as Deps);
    expect(job.name).toBe('outbox.prune');
    expect(await job.run(now)).toEqual({ deleted: 1 });
    const left = (await handle.db.select().from(outbox)).map((r) => r.uuid).sort();
    expect(left).toEqual(['old-failed', 'old-pending', 'recent-sent']);
  });
});
