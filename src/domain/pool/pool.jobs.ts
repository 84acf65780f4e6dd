import { and, eq, lte, sql } from 'drizzle-orm';
import { people } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import type { Job } from '../../jobs/job.js';
import { localDate } from '../../time.js';
import { notifyProposals, raiseProposals } from './pool.proposals.js';
import { ageOutBirthCutoff, ageOutDate } from './pool.rules.js';

/**
 * Proposes an exit for every live pool entry whose cadre turns the young-cadre age within the lead
 * time (or already has). One proposal per entry, ever: a dismissed one is not raised again.
 */
export async function proposeAgeOuts(deps: Deps, firedAt: Date): Promise<{ proposed: number }> {
  const today = localDate(firedAt, deps.config.timezone);
  const { youngCadreMaxAge: maxAge } = deps.config;
  const cutoff = ageOutBirthCutoff(today, maxAge, deps.config.selection.ageOutLeadMonths);
  const due = await deps.db
    .select({ id: poolEntries.id, tier: poolEntries.tier, birthDate: people.birthDate })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .where(and(sql`${poolEntries.status} <> 'exited'`, lte(people.birthDate, cutoff)));
  if (due.length === 0) return { proposed: 0 };
  const ids = await deps.db.transaction(async (tx) => {
    const out: number[] = [];
    for (const e of due) {
      const on = ageOutDate(e.birthDate, maxAge);
      const reason =
        on <= today ? `已于${on}年满${maxAge}周岁，建议调出资源库` : `将于${on}年满${maxAge}周岁，建议调出资源库`;
      const draft = {
        ruleId: 'age_out',
        action: 'exit' as const,
        exitReason: 'over_age' as const,
        reason,
        dedupKey: `age_out:${e.id}`,
        basis: { birthDate: e.birthDate, turns: on },
      };
      out.push(...(await raiseProposals(tx, e, [draft], firedAt)));
    }
    await notifyProposals(tx, out);
    return out;
  });
  if (ids.length > 0) deps.outboxWake();
  return { proposed: ids.length };
}

export function poolJobs(deps: Deps): Job[] {
  return [
    {
      name: 'pool.age-out',
      cron: deps.config.selection.ageOutCron,
      description: `资源库干部年满${deps.config.youngCadreMaxAge}周岁前${deps.config.selection.ageOutLeadMonths}个月，向组织部门提出出库建议`,
      run: (firedAt) => proposeAgeOuts(deps, firedAt),
    },
  ];
}
