import { inArray } from 'drizzle-orm';
import { today } from '../../clock.js';
import { units } from '../../db/schema/org.js';
import { TALK_RELATIONS, type TalkRelation } from '../../db/schema/talks.js';
import { type MentoringStats, mentoringStats } from '../mentoring/mentoring.queries.js';
import { type ActorContext, hasRole, loadActor, scopesOf } from '../org/org.access.js';
import { loadSpecContext } from './talks.context.js';
import { keyLabel } from './talks.periods.js';
import type { DateRange } from './talks.range.js';
import { RELATION_LABELS, specsBetween } from './talks.rules.js';
import type { TalkDeps } from './talks.service.js';
import {
  type CoverageTotals,
  coverage,
  type StatsScope,
  sumBy,
  type TalkCounts,
  talkCounts,
  talksByMonth,
} from './talks.stats.js';

export interface TalkStatsView {
  range: DateRange;
  scopeLabel: string;
  counts: TalkCounts;
  /** Per relation (县级领导…结对帮带) over the range: the grouped chart and its table. */
  relations: (CoverageTotals & { relation: TalkRelation })[];
  /** Per relation and period, the detail behind `relations`. */
  periods: (CoverageTotals & { title: string })[];
  units: (CoverageTotals & { unitName: string })[];
  months: { month: string; talks: number }[];
  mentoring: MentoringStats | null;
}

/** org_admin sees the county (or the deployment); everyone else sees the talks he held and owes. */
async function scopeOf(deps: TalkDeps, actor: ActorContext): Promise<{ scope: StatsScope; label: string } | null> {
  const admin = scopesOf(actor, 'org_admin');
  if (admin.length === 0) return null;
  if (admin.some((r) => r.unitId === null)) return { scope: {}, label: '全部单位' };
  const countyIds = (
    await deps.db
      .select({ c: units.countyId })
      .from(units)
      .where(
        inArray(
          units.id,
          admin.map((r) => r.unitId!),
        ),
      )
  ).map((r) => r.c ?? -1);
  const ids = await deps.db.select({ id: units.id }).from(units).where(inArray(units.countyId, countyIds));
  return { scope: { unitIds: ids.map((r) => r.id) }, label: '本县' };
}

export async function talkStatsFor(deps: TalkDeps, actorId: number, range: DateRange): Promise<TalkStatsView> {
  const day = today(deps);
  const actor = await loadActor(deps.db, actorId, day);
  const org = await scopeOf(deps, actor);
  const scope: StatsScope = org ? org.scope : { talkerId: actorId };
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  const specs = specsBetween(cadences, range.from, range.to, day, maxAge, grace);
  const filter = org ? { unitIds: scope.unitIds } : { leaderId: actorId };
  const [counts, rows, months] = await Promise.all([
    talkCounts(deps.db, range.from, range.to, scope),
    coverage(deps.db, specs, day, filter),
    talksByMonth(deps.db, range.from, range.to, scope),
  ]);
  const unitNames = new Map(
    (await deps.db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  );
  const periods = [...sumBy(rows, (r) => `${r.relation}|${r.periodKey}`)]
    .map(([k, t]) => ({
      ...t,
      title: `${RELATION_LABELS[k.split('|')[0] as keyof typeof RELATION_LABELS]} · ${keyLabel(k.split('|')[1])}`,
      key: k,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const relations = [...sumBy(rows, (r) => r.relation)]
    .map(([relation, t]) => ({ ...t, relation }))
    .sort((a, b) => TALK_RELATIONS.indexOf(a.relation) - TALK_RELATIONS.indexOf(b.relation));
  const byUnit = [...sumBy(rows, (r) => r.unitId)]
    .map(([id, t]) => ({ ...t, unitName: unitNames.get(id) ?? '' }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.unitName.localeCompare(b.unitName));
  const mentoring =
    org && hasRole(actor, 'org_admin') ? await mentoringStats(deps.db, day, deps.config.youngCadreMaxAge) : null;
  return { range, scopeLabel: org ? org.label : '本人', counts, relations, periods, units: byUnit, months, mentoring };
}
