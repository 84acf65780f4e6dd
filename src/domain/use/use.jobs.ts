import type { Deps } from '../../deps.js';
import type { Job } from '../../jobs/job.js';
import { checkStructure } from './structure/teams.service.js';

export function useJobs(deps: Deps): Job[] {
  return [
    {
      name: 'use.structure-check',
      cron: deps.config.structure.checkCron,
      description: `检查乡镇班子结构规则（每个乡镇至少 ${deps.config.structure.minYoungPerTownship} 名${deps.config.youngCadreLabel}成员等），提前 ${deps.config.structure.warnMonths} 个月向组织部门预警`,
      run: (firedAt) => checkStructure(deps, firedAt),
    },
  ];
}
