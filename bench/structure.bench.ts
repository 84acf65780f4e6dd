/**
 * 班子结构 for the 100k-cadre demo (seedDemo scale 30, 30 counties × ~32 teams): the structure on a date,
 * the rule breaks within 12 months and the 12-month forecast of every county, with one set-based query per
 * county (teamsOn) against a per-team loop (one query per team), on the same data; both must agree.
 */
import type { Clock } from '../src/clock.js';
import { youngBound } from '../src/config.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';
import {
  countiesWithTownships,
  TEAM_KINDS,
  teamsOn,
  teamsOnPerTeam,
} from '../src/domain/use/structure/teams.queries.js';
import {
  addMonths,
  forecast,
  measure as measureTeam,
  ruleBreaks,
  structureRules,
  type Team,
} from '../src/domain/use/structure/teams.rules.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'structure-forecast-100k';

const SCALE = Number(process.env.BENCH_STRUCTURE_SCALE ?? 30);
const AS_OF = '2026-11-30';
const clock: Clock = { now: () => new Date(`${AS_OF}T09:00:00+08:00`) };
const BOUNDS = { young: youngBound(35, 'inclusive'), under30: youngBound(30, 'inclusive') };
const RULES = structureRules({ minYoungPerTownship: 1, youngSharePct: 30, under30SharePct: 0 });

/** Everything `班子` and `班子 预测` compute for one county, as one comparable string. */
function compute(teams: Team[]): string {
  const sorted = teams.map((t) => ({ ...t, members: [...t.members].sort((a, b) => a.personId - b.personId) }));
  const measures = sorted.map((t) => measureTeam(t.members, AS_OF, BOUNDS));
  const breaks = ruleBreaks(RULES, sorted, AS_OF, addMonths(AS_OF, 12), BOUNDS, '县');
  const points = forecast(sorted, AS_OF, 12, BOUNDS, 1);
  return JSON.stringify([measures, breaks.map((b) => [b.rule.id, b.unitId, b.date, b.member?.personId]), points]);
}

export async function run(): Promise<BenchResult> {
  const handle = await benchDatabase();
  try {
    const t0 = performance.now();
    const seeded = await seedDemo(handle.db, { scale: SCALE, clock });
    const setupS = (performance.now() - t0) / 1000;
    const counties = await countiesWithTownships(handle.db);
    const setBased: string[] = [];
    const looped: string[] = [];
    let members = 0;
    await teamsOn(handle.db, counties[0].id, AS_OF, TEAM_KINDS); // warm the cache once, as a running bot would be
    const candidate = await measure(`set-based: one query per county (${handle.driver})`, async () => {
      for (const c of counties) {
        const teams = await teamsOn(handle.db, c.id, AS_OF, TEAM_KINDS);
        members += teams.reduce((n, t) => n + t.members.length, 0);
        setBased.push(compute(teams));
      }
      return { ops: counties.length };
    });
    const baseline = await measure(`per-team loop: one query per team (${handle.driver})`, async () => {
      for (const c of counties) looped.push(compute(await teamsOnPerTeam(handle.db, c.id, AS_OF, TEAM_KINDS)));
      return { ops: counties.length };
    });
    if (setBased.join('\n') !== looped.join('\n')) throw new Error('the two methods disagree');
    return {
      baseline,
      candidate,
      limits: [{ metric: 'totalMs', bound: 3000, why: '100k 干部全部县的班子结构与 12 个月预测须在 3 秒内算出' }],
      notes: [
        `scale ${SCALE}: ${seeded.people} people, ${counties.length} counties, ${members} team members (setup ${setupS.toFixed(1)} s)`,
      ],
    };
  } finally {
    await handle.close();
  }
}
