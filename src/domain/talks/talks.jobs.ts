import type { Deps } from '../../deps.js';
import type { Job } from '../../jobs/job.js';
import { runDailyReminders } from './talks.reminders.js';

/**
 * Scheduled talk jobs as data (the weekly leaders' digest is the reports capability's county digest, to which
 * talks contributes `digest`); it runs every day and checks the Chinese calendar itself.
 */
export function talkJobs(deps: Deps): Job[] {
  const hour = deps.config.reminders.hour;
  return [
    {
      name: 'talks.reminders',
      cron: `0 ${hour} * * *`,
      description:
        '谈心谈话提醒：工作日向本期临近截止仍未谈话的领导发送提醒，逾期再提醒并报组织部门；12月检查次年节假日安排',
      run: (firedAt) => runDailyReminders(deps, firedAt),
    },
  ];
}
