import { count, eq, min } from 'drizzle-orm';
import { people, units } from '../../db/schema/org.js';
import { recommendations } from '../../db/schema/recommendations.js';
import type { Deps } from '../../deps.js';
import { enqueue } from '../../feishu/outbox.js';
import type { Job } from '../../jobs/job.js';
import { localDate } from '../../time.js';
import { orgAdminsOf } from '../org/org.admins.js';
import { digestCard } from './recommendations.review.cards.js';

/**
 * The daily batch: for each county with at least `reviewDigestMin` pending recommendations, one digest
 * card to each of its org_admin staff (each new recommendation already went out as its own card).
 */
export async function sendReviewDigest(deps: Deps): Promise<{ counties: number; messages: number }> {
  const rows = await deps.db
    .select({
      countyId: units.countyId,
      list: recommendations.list,
      n: count(),
      oldest: min(recommendations.createdAt),
    })
    .from(recommendations)
    .innerJoin(people, eq(people.id, recommendations.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(recommendations.status, 'pending'))
    .groupBy(units.countyId, recommendations.list);
  const byCounty = new Map<number | null, { total: number; byList: Record<string, number>; oldest: Date | null }>();
  for (const r of rows) {
    const c = byCounty.get(r.countyId) ?? { total: 0, byList: {}, oldest: null };
    c.total += Number(r.n);
    c.byList[r.list] = Number(r.n);
    if (r.oldest && (!c.oldest || r.oldest < c.oldest)) c.oldest = r.oldest;
    byCounty.set(r.countyId, c);
  }
  let counties = 0;
  let messages = 0;
  for (const [countyId, c] of byCounty) {
    if (c.total < deps.config.selection.reviewDigestMin) continue;
    const admins = await orgAdminsOf(deps.db, countyId);
    const oldest = c.oldest ? localDate(c.oldest, deps.config.timezone) : null;
    const card = digestCard(c.total, c.byList, oldest);
    await enqueue(deps.db, ...admins.map((a) => ({ kind: 'send' as const, to: { openId: a.openId }, card })));
    counties += 1;
    messages += admins.length;
  }
  if (messages > 0) deps.outboxWake();
  return { counties, messages };
}

export function recommendationsJobs(deps: Deps): Job[] {
  return [
    {
      name: 'recommendations.review-digest',
      cron: deps.config.selection.reviewDigestCron,
      description: `推荐待审核达到${deps.config.selection.reviewDigestMin}条时，每日向组织部门推送汇总卡片`,
      run: () => sendReviewDigest(deps),
    },
  ];
}
