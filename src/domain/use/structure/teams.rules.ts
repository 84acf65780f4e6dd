/**
 * 班子结构 as pure functions: the measures of a leadership team on a date, the rules (declared as data),
 * when a rule will break if nothing changes (birthdays only), and the month-by-month forecast.
 * No clock, no database: dates are 'YYYY-MM-DD' strings passed in.
 */
import { ageOn, isPost90, TOWNSHIP_EXPERIENCE_YEARS, youngBirthCutoff } from '../../org/org.rules.js';
import type { StructureRuleId } from '../use.vocab.js';

/** One member of a team on the date asked (a leadership post in force on that date). */
export interface TeamMember {
  personId: number;
  name: string;
  unitId: number;
  birthDate: string;
  gender: string;
  education: string;
  townshipWorkStart: string | null;
}

export interface Team {
  unitId: number;
  unitName: string;
  kind: string;
  members: TeamMember[];
}

/** The age bounds as logic bounds (young ⇔ ageOn < bound), from config (youngBound). */
export interface AgeBounds {
  young: number;
  under30: number;
}

export interface Measures {
  size: number;
  young: number;
  under30: number;
  post90: number;
  townshipExperience: number;
  women: number;
  /** 大学 and above (研究生 + 大学). */
  degree: number;
  postgraduate: number;
}

export const EMPTY_MEASURES: Measures = {
  size: 0,
  young: 0,
  under30: 0,
  post90: 0,
  townshipExperience: 0,
  women: 0,
  degree: 0,
  postgraduate: 0,
};

export function measure(members: readonly TeamMember[], on: string, bounds: AgeBounds): Measures {
  return measureAt(on, bounds)(members);
}

/**
 * The measures on `on` as a function of a team, with the date's cutoffs computed once: young ⇔ born after
 * youngBirthCutoff(on, bound) (the same as ageOn < bound, leap days included), 2+ township years ⇔ started on
 * or before youngBirthCutoff(on, 2). String comparisons only, so a forecast over many teams and months is cheap.
 */
export function measureAt(on: string, bounds: AgeBounds): (members: readonly TeamMember[]) => Measures {
  const young = youngBirthCutoff(on, bounds.young);
  const under30 = youngBirthCutoff(on, bounds.under30);
  const experienced = youngBirthCutoff(on, TOWNSHIP_EXPERIENCE_YEARS);
  return (members) => {
    const m = { ...EMPTY_MEASURES };
    for (const p of members) {
      m.size++;
      if (p.birthDate > young) m.young++;
      if (p.birthDate > under30) m.under30++;
      if (isPost90(p.birthDate)) m.post90++;
      if (p.townshipWorkStart !== null && p.townshipWorkStart <= experienced) m.townshipExperience++;
      if (p.gender === '女') m.women++;
      if (p.education === '研究生' || p.education === '大学') m.degree++;
      if (p.education === '研究生') m.postgraduate++;
    }
    return m;
  };
}

export function addMeasures(a: Measures, b: Measures): Measures {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof Measures)[]) out[k] += b[k];
  return out;
}

/** Share in percent, one decimal (0 for an empty team). */
export const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

/**
 * The first day a cadre no longer counts under an age bound: the birthday on which they reach `bound`
 * full years (a 02-29 birthday counts from 03-01 in common years, as ageOn does).
 */
export function leavesOn(birthDate: string, bound: number): string {
  const [y, m, d] = birthDate.split('-').map(Number);
  const year = y + bound;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (m === 2 && d === 29 && !leap) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}${birthDate.slice(4)}`;
}

/** Adds calendar months, clamping the day to the month's end (2026-01-31 + 1 = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** A structure rule as data. `team` rules apply to every team of the kinds; `county` rules to their union. */
export interface StructureRule {
  id: StructureRuleId;
  scope: 'team' | 'county';
  kinds: string[];
  measure: 'young' | 'under30';
  /** At least this many members (team rules). */
  minCount?: number;
  /** At least this share of members, percent (county rules). */
  minSharePct?: number;
}

export interface RuleSettings {
  /** Every township team has at least this many young members (default 1). */
  minYoungPerTownship: number;
  /** County share targets over all township team members, percent; 0 switches the rule off. */
  youngSharePct: number;
  under30SharePct: number;
}

/** The rules in force, built from settings (config): data, not code paths. */
export function structureRules(s: RuleSettings): StructureRule[] {
  const rules: StructureRule[] = [];
  if (s.minYoungPerTownship > 0)
    rules.push({
      id: 'team_min_young',
      scope: 'team',
      kinds: ['township'],
      measure: 'young',
      minCount: s.minYoungPerTownship,
    });
  if (s.youngSharePct > 0)
    rules.push({
      id: 'county_young_share',
      scope: 'county',
      kinds: ['township'],
      measure: 'young',
      minSharePct: s.youngSharePct,
    });
  if (s.under30SharePct > 0)
    rules.push({
      id: 'county_under30_share',
      scope: 'county',
      kinds: ['township'],
      measure: 'under30',
      minSharePct: s.under30SharePct,
    });
  return rules;
}

const holds = (rule: StructureRule, count: number, size: number): boolean =>
  (rule.minCount === undefined || count >= rule.minCount) &&
  (rule.minSharePct === undefined || (size > 0 && (count / size) * 100 >= rule.minSharePct - 1e-9));

/** A rule that breaks on `date` (today when already broken) because `member` leaves the age range. */
export interface RuleBreak {
  rule: StructureRule;
  unitId: number | null;
  unitName: string;
  /** The first date the rule does not hold. */
  date: string;
  /** The member whose birthday breaks it (null when it does not hold already today for other reasons). */
  member: { personId: number; name: string; birthDate: string } | null;
  count: number;
  size: number;
}

/**
 * When `rule` first fails for `members` between `on` and `until` (inclusive) if nothing changes but
 * birthdays, or null when it holds throughout.
 */
export function firstBreak(
  rule: StructureRule,
  members: readonly TeamMember[],
  on: string,
  until: string,
  bounds: AgeBounds,
  where: { unitId: number | null; unitName: string },
): RuleBreak | null {
  const bound = bounds[rule.measure];
  const size = members.length;
  const inRange = members
    .filter((p) => ageOn(p.birthDate, on) < bound)
    .map((p) => ({ p, leaves: leavesOn(p.birthDate, bound) }))
    .sort((a, b) => (a.leaves < b.leaves ? -1 : a.leaves > b.leaves ? 1 : a.p.personId - b.p.personId));
  let count = inRange.length;
  if (!holds(rule, count, size)) return { rule, ...where, date: on, member: null, count, size };
  for (const { p, leaves } of inRange) {
    if (leaves > until) break;
    count--;
    if (!holds(rule, count, size))
      return {
        rule,
        ...where,
        date: leaves,
        member: { personId: p.personId, name: p.name, birthDate: p.birthDate },
        count,
        size,
      };
  }
  return null;
}

/** Every break of every rule within [on, until] for the teams (one county). */
export function ruleBreaks(
  rules: readonly StructureRule[],
  teams: readonly Team[],
  on: string,
  until: string,
  bounds: AgeBounds,
  countyName: string,
): RuleBreak[] {
  const out: RuleBreak[] = [];
  for (const rule of rules) {
    const covered = teams.filter((t) => rule.kinds.includes(t.kind));
    if (rule.scope === 'team') {
      for (const t of covered) {
        const b = firstBreak(rule, t.members, on, until, bounds, { unitId: t.unitId, unitName: t.unitName });
        if (b) out.push(b);
      }
    } else {
      const all = covered.flatMap((t) => t.members);
      const b = firstBreak(rule, all, on, until, bounds, { unitId: null, unitName: countyName });
      if (b) out.push(b);
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The month-by-month forecast: county measures of the township teams at today + k months, k = 0..months. */
export interface ForecastPoint {
  date: string;
  measures: Measures;
  /** Teams without enough young members on that date. */
  teamsBelowMin: string[];
}

export function forecast(
  teams: readonly Team[],
  on: string,
  months: number,
  bounds: AgeBounds,
  minYoung: number,
  kinds: readonly string[] = ['township'],
): ForecastPoint[] {
  const covered = teams.filter((t) => kinds.includes(t.kind));
  const points: ForecastPoint[] = [];
  for (let k = 0; k <= months; k++) {
    const date = addMonths(on, k);
    const measureOn = measureAt(date, bounds);
    let total = { ...EMPTY_MEASURES };
    const below: string[] = [];
    for (const t of covered) {
      const m = measureOn(t.members);
      total = addMeasures(total, m);
      if (m.young < minYoung) below.push(t.unitName);
    }
    points.push({ date, measures: total, teamsBelowMin: below });
  }
  return points;
}

/** Chinese sentence for a break, e.g. “青山镇：2027-03-05 起 35周岁以下成员少于 1 名（张三 届时超出年龄）”. */
export function breakText(b: RuleBreak, labels: { young: string; under30: string }, today: string): string {
  const label = labels[b.rule.measure];
  const what =
    b.rule.scope === 'team' ? `${label}成员少于 ${b.rule.minCount} 名` : `${label}成员占比低于 ${b.rule.minSharePct}%`;
  const when = b.date <= today ? '现已' : `${b.date} 起`;
  const who = b.member ? `（${b.member.name} ${b.date} 起超出年龄范围）` : '';
  return `${b.unitName}：${when}${what}${who}`;
}

/** Sort key that is stable across days for the same break. */
export const breakKey = (b: RuleBreak): string =>
  `${b.rule.id}:${b.unitId ?? 'county'}:${b.date}:${b.member?.personId ?? ''}`;

/** What-if: the team with `cadre` added (moved from wherever he is). */
export function withMember(teams: readonly Team[], unitId: number, cadre: TeamMember): Team[] {
  return teams.map((t) => {
    const rest = t.members.filter((m) => m.personId !== cadre.personId);
    return t.unitId === unitId ? { ...t, members: [...rest, { ...cadre, unitId }] } : { ...t, members: rest };
  });
}
