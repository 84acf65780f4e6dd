import { and, lt, ne } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { jobRuns, processedEvents } from '../../db/schema/transport.js';

/** Deletes event dedup keys received before `before`; returns how many. */
export async function pruneProcessedEvents(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(processedEvents)
    .where(lt(processedEvents.receivedAt, before))
    .returning({ key: processedEvents.key });
  return rows.length;
}

/** Deletes finished job runs started before `before` (a run still marked running is left for inspection). */
export async function pruneJobRuns(db: Database, before: Date): Promise<number> {
  const rows = await db
    .delete(jobRuns)
    .where(and(lt(jobRuns.startedAt, before), ne(jobRuns.status, 'running')))
    .returning({ id: jobRuns.id });
  return rows.length;
}
