import type { Deps } from '../../deps.js';
import type { Job } from '../../jobs/job.js';
import { leadersChatId } from '../chats/chats.queries.js';
import { type ChatResolver, runWeeklyDigest } from './talks.digest.js';
import { runDailyReminders } from './talks.reminders.js';

/** Scheduled talk jobs as data; both run every workday-candidate day and check the Chinese calendar themselves. */
export function talkJobs(deps: Deps, leadersChat: ChatResolver = leadersChatId): Job[] {
  const hour = deps.config.reminders.hour;
  return [
    {
      name: 'talks.reminders',
      cron: `0 ${hour} * * *`,
      description:
        '谈心谈话提醒：工作日向本期临近截止仍未谈话的领导发送提醒，逾期再提醒并报组织部门；12月检查次年节假日安排',
      run: (firedAt) => runDailyReminders(deps, firedAt),
    },
    {
      name: 'talks.digest',
      cron: `5 ${hour} * * 1-5`,
      description: '谈心谈话周报：每周第一个工作日向领导群发送各单位逾期未谈情况',
      run: (firedAt) => runWeeklyDigest(deps, firedAt, leadersChat),
    },
  ];
}
