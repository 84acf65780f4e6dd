import { addDays } from '../../../time.js';
import { youngBirthCutoff } from '../org.rules.js';
import { STAFF, STAFF_POSITIONS, type TeamSlot } from './catalog.js';
import type { DemoUnit } from './generate.js';
import { teamOf } from './generate.js';
import type { DemoPerson, PersonFactory, PersonSpec } from './people.js';
import type { DemoPersona } from './personas.js';
import type { Rng } from './prng.js';

interface UnitInput {
  unit: DemoUnit;
  /** Position of the unit in its county's list (0 = the county itself, 1–20 townships, ...). */
  index: number;
  rng: Rng;
  factory: PersonFactory;
  personas: DemoPersona[];
  today: string;
}

type TeamPlan = Pick<PersonSpec, 'age' | 'birthDate' | 'townshipYears'>;

/**
 * Township teams follow the seed report's structure: about 30% under 35 and 8% under 30 county-wide,
 * at least one member under 35 per township (the last township's only one turns 36 within months).
 * Their history since the 换届 (who arrived, who left, township work before it) is termHistory's (term.ts).
 */
function townshipPlan(t: number, rng: Rng, today: string, reserved: Set<number>): TeamPlan[] {
  const plan: TeamPlan[] = TOWNSHIP_TEAM_AGES.map(([lo, hi]) => ({ age: rng.int(lo, hi) }));
  const candidates = [3, 4, 5, 6, 7, 8, 9, 10, 11].filter((s) => !reserved.has(s));
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  if (t === 19) {
    // 35 today, 36 in about five months: young under the inclusive rule (35周岁以下 includes 35) until then,
    // so the 12-month forecast warns that this township will have no member under 35.
    plan[candidates[0]] = { age: 34, birthDate: addDays(youngBirthCutoff(today, 36), 150) };
  } else {
    plan[candidates[0]] = { age: rng.int(27, 29) };
    const more = t % 4 === 3 ? 2 : 3;
    // 31–34: the 30岁以下 figure is the one 27–29-year-old per township (“30岁以下” counts 30 under the
    // inclusive rule), so a 30 drawn here is taken as 31 — the same draw, so nothing after it moves.
    for (let k = 1; k <= more; k++) plan[candidates[k]] = { age: Math.max(31, rng.int(30, 34)) };
  }
  for (const p of plan) p.townshipYears = p.age < 35 ? p.age - 23 : rng.int(5, Math.min(20, p.age - 23));
  if (t % 2 === 1) plan[6].townshipYears = 1;
  return plan;
}

const TOWNSHIP_TEAM_AGES: readonly (readonly [number, number])[] = [
  [42, 52],
  [36, 46],
  [45, 55],
  [36, 50],
  [38, 52],
  [36, 50],
  [36, 50],
  [36, 50],
  [36, 52],
  [36, 52],
  [36, 52],
  [36, 52],
];

function otherPlan(kind: DemoUnit['kind'], slots: readonly TeamSlot[], rng: Rng): TeamPlan[] {
  return slots.map((s, i) => {
    if (kind === 'county')
      return { age: s.level === '正处' ? rng.int(50, 57) : rng.int(44, 55), townshipYears: rng.int(3, 12) };
    if (i === 0) return { age: rng.int(45, 56), townshipYears: rng.chance(0.5) ? rng.int(3, 10) : null };
    return {
      age: rng.chance(0.15) ? rng.int(30, 34) : rng.int(35, 55),
      townshipYears: rng.chance(0.4) ? rng.int(2, 8) : null,
    };
  });
}

const YOUNG_SHARE = { county: 0, township: 0.36, county_department: 0.28, institution: 0.3 } as Record<string, number>;
const CADRE_TYPES: Record<string, readonly (readonly [DemoPerson['cadreType'], number])[]> = {
  township: [
    ['公务员', 60],
    ['参公', 10],
    ['事业', 25],
    ['村干部', 5],
  ],
  county_department: [
    ['公务员', 70],
    ['参公', 20],
    ['事业', 10],
  ],
  institution: [
    ['事业', 95],
    ['参公', 5],
  ],
};

function staffAge(rng: Rng, kind: string): number {
  return rng.chance(YOUNG_SHARE[kind] ?? 0.3) ? rng.int(23, 34) : rng.int(35, 59);
}

/** The leadership team (in slot order) and the staff of one unit, personas placed in their slots. */
export function buildUnitPeople(input: UnitInput): { team: DemoPerson[]; staff: DemoPerson[] } {
  const { unit, rng, factory, personas } = input;
  const slots = teamOf(unit.kind);
  const township = unit.kind === 'township';
  const teamPersonas = new Map(personas.flatMap((p) => ('team' in p.slot ? [[p.slot.team, p] as const] : [])));
  const plan = township
    ? townshipPlan(input.index - 1, rng, input.today, new Set(teamPersonas.keys()))
    : otherPlan(unit.kind, slots, rng);
  const team = slots.map((s, i) => {
    const persona = teamPersonas.get(i);
    const p = persona ? { age: persona.age, townshipYears: township ? persona.age - 26 : 6 } : plan[i];
    return factory.make({
      unitCode: unit.code,
      township,
      ...p,
      position: s.title,
      level: s.level,
      cadreType: unit.kind === 'institution' ? '事业' : '公务员',
      isCountyLeader: unit.kind === 'county',
      persona,
    });
  });
  const count = STAFF[unit.kind as keyof typeof STAFF] ?? 0;
  const staffPersonas = new Map(personas.flatMap((p) => ('staff' in p.slot ? [[p.slot.staff, p] as const] : [])));
  const staff: DemoPerson[] = [];
  for (let k = 0; k < count; k++) {
    const persona = staffPersonas.get(k);
    staff.push(
      factory.make({
        unitCode: unit.code,
        township,
        age: persona?.age ?? staffAge(rng, unit.kind),
        position: rng.pick(STAFF_POSITIONS[unit.kind as keyof typeof STAFF_POSITIONS]),
        level: '科员',
        cadreType: persona ? '公务员' : rng.weighted(CADRE_TYPES[unit.kind]),
        persona,
      }),
    );
  }
  return { team, staff };
}
