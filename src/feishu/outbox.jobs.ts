import { and, eq, lt } from 'drizzle-orm';
import type { Capability } from '../capability.js';
import type { Database } from '../db/client.js';
import { outbox } from '../db/schema/transport.js';
import type { Deps } from '../deps.js';
import type { Job } from '../jobs/job.js';

/** Sent messages are kept this long (to find a card again for a patch, and for inspection). */
export const SENT_RETENTION_DAYS = 30;

/** Deletes sent outbox rows sent before `before`; pending and failed rows are never deleted here. */
export async function pruneSentOutbox(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(outbox)
    .where(and(eq(outbox.status, 'sent'), lt(outbox.sentAt, before)))
    .returning({ id: outbox.id });
  return rows.length;
}

export function outboxJobs(deps: Deps): Job[] {
  return [
    {
      name: 'outbox.prune',
      cron: '40 3 * * *',
      description: `每天 03:40 清理 ${SENT_RETENTION_DAYS} 天前已发送的消息记录（待发送和失败的消息保留）`,
      run: async (firedAt) => {
        const before = new Date(firedAt.getTime() - SENT_RETENTION_DAYS * 24 * 3_600_000);
        const deleted = await pruneSentOutbox(deps.db, before);
        deps.log.info({ deleted }, 'outbox.prune done');
        return { deleted };
      },
    },
  ];
}

/** Housekeeping of the outbox (event dedup keys are pruned by the system capability). */
export const outboxHousekeeping: Capability = { name: 'outbox', jobs: outboxJobs };
