/** A scheduled job as data. `run` receives the slot time it was fired for (or the manual run time). */
export interface Job {
  name: string;
  /** node-cron expression (with seconds optional), evaluated in the configured timezone. */
  cron: string;
  /** Chinese, shown in /dev/jobs, the console and README. */
  description: string;
  run(firedAt: Date): Promise<unknown>;
}
