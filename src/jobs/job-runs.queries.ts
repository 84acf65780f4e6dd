import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { jobRuns } from '../db/schema/transport.js';

export type JobRun = typeof jobRuns.$inferSelect;

export interface ClaimArgs {
  jobName: string;
  slot: string;
  instance: string;
  trigger: 'cron' | 'manual';
  startedAt: Date;
}

/**
 * Inserts the run row for (job, slot) unless one exists. The instance whose insert lands owns the slot;
 * every other instance gets null. The unique key (job_name, slot) makes this safe across connections.
 */
export async function claimRun(db: Database, args: ClaimArgs): Promise<number | null> {
  const rows = await db
    .insert(jobRuns)
    .values({ ...args, status: 'running' })
    .onConflictDoNothing({ target: [jobRuns.jobName, jobRuns.slot] })
    .returning({ id: jobRuns.id });
  return rows[0]?.id ?? null;
}

export interface FinishArgs {
  finishedAt: Date;
  status: 'ok' | 'error';
  error?: string | null;
  result?: unknown;
}

export async function finishRun(db: Database, id: number, args: FinishArgs): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      finishedAt: args.finishedAt,
      status: args.status,
      error: args.error ?? null,
      result: args.result === undefined ? null : args.result,
    })
    .where(eq(jobRuns.id, id));
}

/** Newest runs first, of one job or of all. */
export async function recentRuns(db: Database, opts: { jobName?: string; limit?: number } = {}): Promise<JobRun[]> {
  return db
    .select()
    .from(jobRuns)
    .where(opts.jobName ? eq(jobRuns.jobName, opts.jobName) : undefined)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(opts.limit ?? 20);
}

/** The latest run of every job that has run at least once, keyed by job name. */
export async function lastRuns(db: Database): Promise<Map<string, JobRun>> {
  const rows = await db
    .selectDistinctOn([jobRuns.jobName])
    .from(jobRuns)
    .orderBy(jobRuns.jobName, desc(jobRuns.startedAt), desc(jobRuns.id));
  return new Map(rows.map((r) => [r.jobName, r]));
}
