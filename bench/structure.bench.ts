/**
 * 班子结构 for the 100k-cadre demo (seedDemo scale 30, 30 counties × ~32 teams): the structure on a date, the
 * rule breaks within 12 months and the 12-month forecast of every county.
 * - candidate: set-based — one read of every county's teams and members (teamsOfCounties), then the measures
 *   with each date's cutoffs computed once (measureAt: string comparisons, no per-member date arithmetic);
 * - baseline: a per-team loop — one query per team, each member's age recomputed for every month;
 * - also timed (notes): the previous implementation — one query per county, ages recomputed every month.
 * All three must give the same answer.
 */
import type { Clock } from '../src/clock.js';
import { youngBound } from '../src/config.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';
import { ageOn, hasTownshipExperience, isPost90 } from '../src/domain/org/org.rules.js';
import {
  countiesWithTownships,
  TEAM_KINDS,
  teamsOfCounties,
  teamsOn,
  teamsOnPerTeam,
} from '../src/domain/use/structure/teams.queries.js';
import {
  type AgeBounds,
  addMeasures,
  addMonths,
  EMPTY_MEASURES,
  type ForecastPoint,
  forecast,
  type Measures,
  measureAt,
  ruleBreaks,
  structureRules,
  type Team,
  type TeamMember,
} from '../src/domain/use/structure/teams.rules.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'structure-forecast-100k';

const SCALE = Number(process.env.BENCH_STRUCTURE_SCALE ?? 30);
const AS_OF = '2026-11-30';
const MONTHS = 12;
const clock: Clock = { now: () => new Date(`${AS_OF}T09:00:00+08:00`) };
const BOUNDS = { young: youngBound(35, 'inclusive'), under30: youngBound(30, 'inclusive') };
const RULES = structureRules({ minYoungPerTownship: 1, youngSharePct: 30, under30SharePct: 0 });

/** The per-member computation the loop does: every member's age worked out again on every date. */
function naiveMeasure(members: readonly TeamMember[], on: string, bounds: AgeBounds): Measures {
  const m = { ...EMPTY_MEASURES };
  for (const p of members) {
    const age = ageOn(p.birthDate, on);
    m.size++;
    if (age < bounds.young) m.young++;
    if (age < bounds.under30) m.under30++;
    if (isPost90(p.birthDate)) m.post90++;
    if (hasTownshipExperience(p.townshipWorkStart, on)) m.townshipExperience++;
    if (p.gender === '女') m.women++;
    if (p.education === '研究生' || p.education === '大学') m.degree++;
    if (p.education === '研究生') m.postgraduate++;
  }
  return m;
}

function naiveForecast(teams: readonly Team[]): ForecastPoint[] {
  const towns = teams.filter((t) => t.kind === 'township');
  const points: ForecastPoint[] = [];
  for (let k = 0; k <= MONTHS; k++) {
    const date = addMonths(AS_OF, k);
    let total = { ...EMPTY_MEASURES };
    const below: string[] = [];
    for (const t of towns) {
      const m = naiveMeasure(t.members, date, BOUNDS);
      total = addMeasures(total, m);
      if (m.young < 1) below.push(t.unitName);
    }
    points.push({ date, measures: total, teamsBelowMin: below });
  }
  return points;
}

/** Everything `班子` and `班子 预测` compute for one county, as one comparable string. */
function compute(teams: Team[], naive: boolean): string {
  const measureOn = measureAt(AS_OF, BOUNDS);
  const measures = teams.map((t) => (naive ? naiveMeasure(t.members, AS_OF, BOUNDS) : measureOn(t.members)));
  const breaks = ruleBreaks(RULES, teams, AS_OF, addMonths(AS_OF, MONTHS), BOUNDS, '县');
  const points = naive ? naiveForecast(teams) : forecast(teams, AS_OF, MONTHS, BOUNDS, 1);
  return JSON.stringify([measures, breaks.map((b) => [b.rule.id, b.unitId, b.date, b.member?.personId]), points]);
}

/** Members in id order (the per-team query has no order of its own). */
const sorted = (teams: Team[]) =>
  teams.map((t) => ({ ...t, members: [...t.members].sort((a, b) => a.personId - b.personId) }));

export async function run(): Promise<BenchResult> {
  const handle = await benchDatabase();
  try {
    const t0 = performance.now();
    const seeded = await seedDemo(handle.db, { scale: SCALE, clock });
    const setupS = (performance.now() - t0) / 1000;
    const counties = await countiesWithTownships(handle.db);
    const ids = counties.map((c) => c.id);
    const setBased: string[] = [];
    const looped: string[] = [];
    const perCounty: string[] = [];
    let members = 0;
    await teamsOfCounties(handle.db, ids, AS_OF, TEAM_KINDS); // warm the cache once, as a running bot would be
    const candidate = await measure(`set-based: one read for all counties (${handle.driver})`, async () => {
      const all = await teamsOfCounties(handle.db, ids, AS_OF, TEAM_KINDS);
      for (const c of counties) {
        const teams = all.get(c.id) ?? [];
        members += teams.reduce((n, t) => n + t.members.length, 0);
        setBased.push(compute(teams, false));
      }
      return { ops: counties.length };
    });
    const baseline = await measure(`per-team loop: one query per team (${handle.driver})`, async () => {
      for (const c of counties)
        looped.push(compute(sorted(await teamsOnPerTeam(handle.db, c.id, AS_OF, TEAM_KINDS)), true));
      return { ops: counties.length };
    });
    const previous = await measure(`previous: one query per county (${handle.driver})`, async () => {
      for (const c of counties) perCounty.push(compute(await teamsOn(handle.db, c.id, AS_OF, TEAM_KINDS), true));
      return { ops: counties.length };
    });
    if (setBased.join('\n') !== looped.join('\n')) throw new Error('set-based and per-team loop disagree');
    if (perCounty.join('\n') !== looped.join('\n')) throw new Error('per-county and per-team loop disagree');
    return {
      baseline,
      candidate,
      limits: [{ metric: 'totalMs', bound: 3000, why: '100k 干部全部县的班子结构与 12 个月预测须在 3 秒内算出' }],
      notes: [
        `scale ${SCALE}: ${seeded.people} people, ${counties.length} counties, ${members} team members (setup ${setupS.toFixed(1)} s)`,
        `previous implementation (one query per county, ages recomputed every month): ${previous.totalMs.toFixed(0)} ms`,
      ],
    };
  } finally {
    await handle.close();
  }
}
