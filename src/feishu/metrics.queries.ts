import { count, eq, min, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { jobRuns, outbox } from '../db/schema/transport.js';

/** Pending outbox rows and the oldest one's id (the partial index on pending rows keeps this cheap). */
export async function outboxBacklog(db: Database): Promise<{ pending: number; oldestId: number | null }> {
  const [row] = await db
    .select({ pending: count(), oldestId: min(outbox.id) })
    .from(outbox)
    .where(eq(outbox.status, 'pending'));
  return { pending: Number(row?.pending ?? 0), oldestId: row?.oldestId == null ? null : Number(row.oldestId) };
}

export async function countJobRuns(db: Database): Promise<{ job: string; status: string; n: number }[]> {
  const rows = await db
    .select({ job: jobRuns.jobName, status: jobRuns.status, n: sql<number>`count(*)::int` })
    .from(jobRuns)
    .groupBy(jobRuns.jobName, jobRuns.status);
  return rows.map((r) => ({ job: r.job, status: r.status, n: Number(r.n) }));
}
