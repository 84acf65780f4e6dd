/**
 * The township teams' history since the 换届 (term start, 2021-10-01 by default), generated after the
 * county's people so that no draw moves: the team as elected (243 members, 233 of them with 2+ years of
 * township work on that date — the seed's 新一届班子 figure) and the moves since, which the promotion history
 * (src/domain/use/use.demo.ts) records:
 *  - arrivals: every member under 30 and three more born in the 1990s (the 22 “90后” who entered township
 *    teams), and a new 镇长 in twelve townships (the 12 promoted to 党政正职), dated between a month after the
 *    换届 and the day the demo's other relations start (so the talk history and its figures do not move);
 *  - leavers: whoever held an arrival's slot until that day, and three more deputies whose posts were not
 *    filled again — department team members today (交流 out of the townships);
 *  - one member under 35 of a township with four is in fact 36 (the teams count 72 under 35 today, 30%).
 * Deterministic: choices by township and slot order, no random numbers.
 */
import { addDays, daysBetween } from '../../../time.js';
import { ageOn, isHighEducation, isPost90, TOWNSHIP_EXPERIENCE_YEARS, youngBirthCutoff } from '../org.rules.js';
import { TOWNSHIP_TEAM } from './catalog.js';
import type { DemoCounty, DemoPosition, DemoUnit } from './generate.js';
import type { DemoPerson, PersonFactory } from './people.js';
import { DEMO_PERSONAS } from './personas.js';

/** The last 换届 of the demo county (config TERM_START_DATE defaults to the same date). */
export const DEMO_TERM_START = '2021-10-01';

/** What the history is shaped to (per county). */
export const DEMO_TERM = {
  /** Arrivals born in the 1990s (all members under 30 among them). */
  post90Arrivals: 22,
  /** Townships whose 镇长 took the post after the 换届. */
  newChiefs: 12,
  /** Deputies who left without a successor (the teams had 243 members at the 换届, 240 now). */
  unfilled: 3,
  /** Members of the elected team with under 2 years of township work on the 换届 date. */
  inexperienced: 10,
} as const;

const CHIEF_SLOT = 1;
const personaMobiles = new Set<string>(Object.values(DEMO_PERSONAS).map((p) => p.mobile));

interface Team {
  t: number;
  unit: DemoUnit;
  members: DemoPerson[];
}

/** Rewrites the county's township posts into a history since `termStart`; see the module comment. */
export function termHistory(
  out: DemoCounty,
  units: readonly DemoUnit[],
  teamOf: (code: string) => DemoPerson[],
  factory: PersonFactory,
  opts: { termStart: string; since: string; today: string },
): void {
  const { termStart, since, today } = opts;
  const towns: Team[] = units
    .filter((u) => u.kind === 'township')
    .map((unit, t) => ({ t, unit, members: teamOf(unit.code) }));
  const age = (p: DemoPerson) => ageOn(p.birthDate, today);
  const persona = (p: DemoPerson) => personaMobiles.has(p.mobile);
  const young = (p: DemoPerson) => age(p) <= 35;

  // One member aged 31–34 who is no mentoring candidate (so no other demo figure moves) is 36 instead.
  for (const town of towns) {
    if (town.members.filter(young).length < 4) continue;
    const p = town.members.find(
      (m, i) =>
        i >= 3 &&
        age(m) >= 31 &&
        age(m) <= 34 &&
        !persona(m) &&
        !isHighEducation(m.education) &&
        !m.isXuandiao &&
        !m.isSecondee,
    );
    if (!p) continue;
    const old = factory.rebirth(p, addDays(youngBirthCutoff(today, 36), -40));
    renameKey(out, old, p.key);
    break;
  }

  // Arrivals: [team, slot] in township order.
  const arrivals: { town: Team; slot: number }[] = [];
  const isArrival = (town: Team, slot: number) => arrivals.some((a) => a.town === town && a.slot === slot);
  for (const town of towns)
    town.members.forEach((m, slot) => {
      if (age(m) <= 30 && isPost90(m.birthDate) && !persona(m)) arrivals.push({ town, slot });
    });
  for (const town of towns) {
    if (arrivals.length >= DEMO_TERM.post90Arrivals) break;
    if (town.members.filter(young).length < 3) continue;
    const slot = town.members.findIndex(
      (m, i) => young(m) && age(m) > 30 && isPost90(m.birthDate) && !persona(m) && !isArrival(town, i),
    );
    if (slot >= 0) arrivals.push({ town, slot });
  }
  let chiefs = 0;
  for (const town of [...towns].reverse()) {
    if (chiefs >= DEMO_TERM.newChiefs) break;
    const m = town.members[CHIEF_SLOT];
    if (m && m.birthDate < '1990-01-01' && !persona(m) && !isArrival(town, CHIEF_SLOT)) {
      arrivals.push({ town, slot: CHIEF_SLOT });
      chiefs++;
    }
  }
  arrivals.sort((a, b) => a.town.t - b.town.t || a.slot - b.slot);

  // Arrival dates spread from a month after the 换届 to the day before the other relations start.
  const first = addDays(termStart, 31);
  const last = addDays(since, -1);
  const span = Math.max(0, daysBetween(first, last));
  const n = arrivals.length + DEMO_TERM.unfilled;
  const dateOf = (i: number) => (span > 0 ? addDays(first, Math.floor((span * (i + 0.5)) / n)) : termStart);

  const townCodes = new Set(towns.map((x) => x.unit.code));
  const post = new Map<string, DemoPosition>();
  for (const p of out.positions) if (townCodes.has(p.unitCode) && !p.endDate) post.set(p.personKey, p);
  for (const town of towns) for (const m of town.members) post.get(m.key)!.startDate = termStart;

  // Leavers: department team members today, deputies first, older than the young line.
  const leavers = units
    .filter((u) => u.kind === 'county_department')
    .flatMap((u) => teamOf(u.code).map((p, slot) => ({ p, slot })))
    .filter(({ p }) => !persona(p) && age(p) >= 36)
    .sort((a, b) => Number(a.slot === 0) - Number(b.slot === 0))
    .map(({ p }) => p);
  const electedLeavers: DemoPerson[] = [];
  arrivals.forEach((a, i) => {
    const day = dateOf(i);
    const arrived = a.town.members[a.slot];
    post.get(arrived.key)!.startDate = day;
    const left = leavers[electedLeavers.length];
    if (!left) return;
    electedLeavers.push(left);
    const slot = TOWNSHIP_TEAM[a.slot];
    out.positions.push({
      personKey: left.key,
      unitCode: a.town.unit.code,
      role: slot.role,
      title: slot.title,
      startDate: termStart,
      endDate: day,
    });
  });
  for (let k = 0; k < DEMO_TERM.unfilled; k++) {
    const left = leavers[electedLeavers.length];
    if (!left) break;
    electedLeavers.push(left);
    const town = towns[(k * 7 + 2) % towns.length];
    out.positions.push({
      personKey: left.key,
      unitCode: town.unit.code,
      role: 'deputy',
      title: '副镇长',
      startDate: termStart,
      endDate: dateOf(arrivals.length + k),
    });
  }

  // Township work before the 换届: 2+ years for all the elected team but ten (one in every other township).
  const experienced = youngBirthCutoff(termStart, TOWNSHIP_EXPERIENCE_YEARS);
  const elected = [
    ...towns.flatMap((town) => town.members.filter((_, slot) => !isArrival(town, slot))),
    ...electedLeavers,
  ];
  const newcomers = new Set<DemoPerson>();
  for (const town of towns.filter((x) => x.t % 2 === 1)) {
    if (newcomers.size >= DEMO_TERM.inexperienced) break;
    const m = town.members.find((p, slot) => slot >= 6 && !isArrival(town, slot) && !persona(p));
    if (m) newcomers.add(m);
  }
  elected.forEach((p, i) => {
    if (newcomers.has(p)) p.townshipWorkStart = addDays(termStart, -(200 + ((i * 37) % 300)));
    else if (p.townshipWorkStart === null || p.townshipWorkStart > experienced)
      p.townshipWorkStart = addDays(experienced, -(30 + ((i * 53) % 700)));
  });
}

function renameKey(out: DemoCounty, from: string, to: string): void {
  for (const p of out.positions) if (p.personKey === from) p.personKey = to;
  for (const s of out.supervisions) {
    if (s.deputyKey === from) s.deputyKey = to;
    if (s.cadreKey === from) s.cadreKey = to;
  }
  for (const l of out.links) if (l.leaderKey === from) l.leaderKey = to;
  for (const g of out.grants) if (g.personKey === from) g.personKey = to;
}
