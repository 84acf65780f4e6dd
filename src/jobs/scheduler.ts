import { randomUUID } from 'node:crypto';
import { createTask, type ScheduledTask, validateDetailed } from 'node-cron';
import type { Database } from '../db/client.js';
import type { Logger } from '../deps.js';
import { notFound } from '../errors.js';
import type { Job } from './job.js';
import { claimRun, finishRun } from './job-runs.queries.js';
import { cronMatcher, nextSlot } from './next-run.js';
import { PgRunCoordinator, slotKey } from './run-coordinator.js';

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
  /** ISO time of the next cron slot after the clock's now. */
  nextRun: string | null;
}

export type RunOutcome =
  | { runId: number; status: 'ok'; result: unknown }
  | { runId: number; status: 'error'; error: string; cause: unknown };

/**
 * Runs jobs on their cron in the configured timezone. Several instances on one database fire each slot
 * once: node-cron asks the PgRunCoordinator, which inserts the (job, slot) row; only the inserter runs it.
 */
export class Scheduler {
  private readonly jobs = new Map<string, { job: Job; match: (d: Date) => boolean }>();
  private readonly coordinator: PgRunCoordinator;
  private readonly inflight = new Set<Promise<unknown>>();
  private tasks: ScheduledTask[] = [];

  constructor(
    private readonly deps: SchedulerDeps,
    jobs: Job[],
  ) {
    for (const job of jobs) {
      if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is defined twice`);
      const check = validateDetailed(job.cron);
      if (!check.valid) throw new Error(`job ${job.name}: bad cron "${job.cron}": ${check.errors[0]?.message}`);
      this.jobs.set(job.name, { job, match: cronMatcher(job.cron, deps.timezone) });
    }
    this.coordinator = new PgRunCoordinator(deps);
  }

  start(): void {
    if (this.tasks.length > 0) return;
    for (const { job } of this.jobs.values()) {
      const task = createTask(job.cron, (ctx) => this.runClaimed(job, ctx.date), {
        name: job.name,
        timezone: this.deps.timezone,
        noOverlap: true,
        distributed: true,
        runCoordinator: this.coordinator,
        logger: cronLogger(this.deps.log, job.name),
      });
      void task.start();
      this.tasks.push(task);
    }
    this.deps.log.info({ jobs: this.tasks.length, instance: this.deps.instance }, 'scheduler started');
  }

  /** Stops firing and waits for the runs in progress to be recorded. */
  async stop(): Promise<void> {
    const tasks = this.tasks;
    this.tasks = [];
    for (const t of tasks) await t.destroy();
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  list(): JobInfo[] {
    const now = this.deps.clock.now();
    return [...this.jobs.values()].map(({ job, match }) => ({
      name: job.name,
      cron: job.cron,
      description: job.description,
      nextRun: nextSlot(match, job.cron, this.deps.timezone, now)?.toISOString() ?? null,
    }));
  }

  /**
   * Runs a job now (trigger 'manual', firedAt = the clock's now) and returns its result once recorded.
   * A failing job is recorded and its error rethrown to the caller; an unknown name is a NOT_FOUND AppError.
   */
  /** Runs a job now; `at` (e.g. `job run --at`) is the instant it fires at, exactly, whatever the clock does meanwhile. */
  async runNow(name: string, at?: Date): Promise<unknown> {
    const job = this.job(name);
    const firedAt = at ?? this.deps.clock.now();
    const runId = await claimRun(this.deps.db, {
      jobName: name,
      slot: `manual:${randomUUID()}`,
      instance: this.deps.instance,
      trigger: 'manual',
      startedAt: firedAt,
    });
    if (runId === null) throw new Error('manual run slot collided');
    const outcome = await this.track(this.execute(job, firedAt, runId));
    if (outcome.status === 'error') throw outcome.cause;
    return outcome.result;
  }

  /**
   * Fires one cron slot exactly as node-cron does (coordinator first, then the run), without waiting for
   * the wall clock: tests and tools use it. Returns null when another instance already owns the slot.
   */
  async fire(name: string, slot: Date): Promise<RunOutcome | null> {
    const job = this.job(name);
    const key = slotKey(name, slot);
    if (!(await this.coordinator.shouldRun(key))) return null;
    try {
      return await this.runClaimed(job, slot);
    } finally {
      this.coordinator.onComplete(key);
    }
  }

  private job(name: string): Job {
    const entry = this.jobs.get(name);
    if (!entry) throw notFound(`没有名为“${name}”的定时任务`);
    return entry.job;
  }

  /** Runs a slot this instance claimed through the coordinator (node-cron's task function). */
  private async runClaimed(job: Job, slot: Date): Promise<RunOutcome | null> {
    const runId = this.coordinator.take(slotKey(job.name, slot));
    if (runId === undefined) {
      this.deps.log.error({ job: job.name, slot }, 'cron slot ran without a claimed run row; skipped');
      return null;
    }
    return this.track(this.execute(job, slot, runId));
  }

  /** The per-job catch-all: a failing job is logged and recorded, never thrown into node-cron. */
  private async execute(job: Job, firedAt: Date, runId: number): Promise<RunOutcome> {
    let outcome: RunOutcome;
    try {
      outcome = { runId, status: 'ok', result: await job.run(firedAt) };
    } catch (err) {
      this.deps.log.error({ err, job: job.name, runId }, 'job failed');
      outcome = { runId, status: 'error', error: messageOf(err), cause: err };
    }
    await this.record(job.name, outcome);
    return outcome;
  }

  private async record(jobName: string, o: RunOutcome): Promise<void> {
    const finish = {
      finishedAt: this.deps.clock.now(),
      status: o.status,
      error: o.status === 'error' ? o.error : null,
      result: o.status === 'ok' ? toJson(o.result) : null,
    };
    try {
      await finishRun(this.deps.db, o.runId, finish);
    } catch (err) {
      this.deps.log.error({ err, job: jobName, runId: o.runId }, 'could not record the end of a job run');
    }
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => {});
    return p;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message || err.name : String(err);
}

/** A job's result as storable JSON (bigints as strings; anything unserialisable as its string form). */
export function toJson(value: unknown): unknown {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null');
  } catch {
    return String(value);
  }
}

function cronLogger(log: Logger, job: string) {
  const emit = (level: 'error' | 'debug', message: string | Error, err?: Error) =>
    message instanceof Error ? log[level]({ err: message, job }, 'node-cron') : log[level]({ err, job }, message);
  return {
    info: (message: string) => log.info({ job }, message),
    warn: (message: string) => log.warn({ job }, message),
    error: (message: string | Error, err?: Error) => emit('error', message, err),
    debug: (message: string | Error, err?: Error) => emit('debug', message, err),
  };
}
