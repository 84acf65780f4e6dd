import type { Capability } from '../../capability.js';
import type { Deps } from '../../deps.js';
import { pruneInbox } from '../../feishu/inbox.queries.js';
import type { Job } from '../../jobs/job.js';
import { pruneJobRuns, pruneProcessedEvents } from './system.queries.js';
import { pruneCutoffs } from './system.rules.js';

/** Housekeeping of the transport tables, relative to the slot time (so a manual run at a moved clock agrees). */
export function systemJobs(deps: Deps): Job[] {
  return [
    {
      name: 'system.prune',
      cron: '30 3 * * *',
      description: '每天 03:30 清理过期的事件去重记录和已处理的收件箱事件（48 小时前）和任务运行记录（180 天前）',
      run: async (firedAt) => {
        const cut = pruneCutoffs(firedAt);
        const result = await deps.db.transaction(async (tx) => ({
          processedEvents: await pruneProcessedEvents(tx, cut.processedEventsBefore),
          jobRuns: await pruneJobRuns(tx, cut.jobRunsBefore),
          // Finished inbox rows go with their dedup keys; pending ones are never pruned.
          inboxEvents: await pruneInbox(tx, cut.processedEventsBefore),
        }));
        deps.log.info({ ...result }, 'system.prune done');
        return result;
      },
    },
  ];
}

/** Housekeeping jobs; no listeners. */
export const system: Capability = { name: 'system', jobs: systemJobs };
