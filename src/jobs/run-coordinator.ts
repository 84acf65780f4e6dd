import type { RunCoordinator } from 'node-cron';
import type { Database } from '../db/client.js';
import { claimRun } from './job-runs.queries.js';

export interface PgRunCoordinatorDeps {
  db: Database;
  clock: { now(): Date };
  instance: string;
}

/** node-cron builds coordinator keys as `${task name}:${slot.toISOString()}`; task names are job names. */
export const slotKey = (jobName: string, slot: Date): string => `${jobName}:${slot.toISOString()}`;

const KEY = /^(.+):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/;

/**
 * node-cron's RunCoordinator backed by the job_runs table: the instance whose insert of (job, slot)
 * lands runs the slot, the others skip it. The row stays as the run's record, so a slot is run once
 * for good (not only for a lease), even by instances that start later.
 */
export class PgRunCoordinator implements RunCoordinator {
  /** Run rows this instance claimed and has not run yet, by coordinator key. */
  private readonly claimed = new Map<string, number>();

  constructor(private readonly deps: PgRunCoordinatorDeps) {}

  async shouldRun(key: string): Promise<boolean> {
    const m = KEY.exec(key);
    if (!m) throw new Error(`unexpected run-coordinator key ${key}`);
    const id = await claimRun(this.deps.db, {
      jobName: m[1],
      slot: m[2],
      instance: this.deps.instance,
      trigger: 'cron',
      startedAt: this.deps.clock.now(),
    });
    if (id === null) return false;
    this.claimed.set(key, id);
    return true;
  }

  onComplete(key: string): void {
    this.claimed.delete(key);
  }

  /** The run row claimed for `key` by shouldRun, handed once to the code that runs the slot. */
  take(key: string): number | undefined {
    const id = this.claimed.get(key);
    this.claimed.delete(key);
    return id;
  }
}
