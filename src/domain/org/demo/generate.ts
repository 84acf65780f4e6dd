import type { Role, UnitKind } from '../../../db/schema/org.js';
import { addDays } from '../../../time.js';
import {
  COUNTY_LEADERS,
  DEPARTMENT_DOMAINS,
  DEPARTMENT_TEAM,
  DEPARTMENTS,
  INSTITUTION_TEAM,
  INSTITUTIONS,
  TOWNSHIP_TEAM,
  TOWNSHIPS,
} from './catalog.js';
import { type DemoPerson, PersonFactory } from './people.js';
import { DEMO_PERSONAS, type DemoPersona } from './personas.js';
import { createRng, type Rng } from './prng.js';
import { buildUnitPeople } from './staffing.js';
import { DEMO_TERM_START, termHistory } from './term.js';

export type { DemoPerson } from './people.js';
export { DEMO_PERSONAS, type DemoPersona, type PersonaId } from './personas.js';
export { DEMO_TERM, DEMO_TERM_START } from './term.js';

/** The day the demo's relations other than the township teams' history start (supervisions, links). */
export const demoRelationsSince = (today: string) => addDays(today, -400);

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  countyCode: string;
  domain: string | null;
  domainDeptCode: string | null;
  sortOrder: number;
}
export interface DemoPosition {
  personKey: string;
  unitCode: string;
  role: 'main' | 'deputy';
  title: string;
  startDate: string;
  /** Exclusive; absent while in post. */
  endDate?: string;
}
export interface DemoSupervision {
  deputyKey: string;
  cadreKey: string;
  area: string;
  startDate: string;
}
export interface DemoLink {
  leaderKey: string;
  unitCode: string;
  kind: 'contact' | 'supervise';
  startDate: string;
}
export interface DemoGrant {
  personKey: string;
  role: Role;
  unitCode: string | null;
  domain: string | null;
}

export interface DemoCounty {
  seed: number;
  scale: number;
  today: string;
  /** The 换届 the township teams' history starts at. */
  termStart: string;
  units: DemoUnit[];
  people: DemoPerson[];
  positions: DemoPosition[];
  supervisions: DemoSupervision[];
  links: DemoLink[];
  grants: DemoGrant[];
}

export interface GenerateOptions {
  seed?: number;
  /** Number of counties of ~3,000 cadres each (30 ≈ 90,000 people). */
  scale?: number;
  /** Reference date for ages ('YYYY-MM-DD'); seeding passes the clock's date. */
  today?: string;
  /** The last 换届 ('YYYY-MM-DD'): the township teams' posts start then; seeding passes TERM_START_DATE. */
  termStart?: string;
}

export const DEFAULT_SEED = 20260101;
export const DEFAULT_TODAY = '2026-06-30';

/** The demo county 示范县 (and, with scale > 1, more counties 示范2县 …): deterministic for a seed and date. */
export function generateDemoCounty(opts: GenerateOptions = {}): DemoCounty {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = Math.max(1, Math.floor(opts.scale ?? 1));
  const today = opts.today ?? DEFAULT_TODAY;
  const out: DemoCounty = {
    seed,
    scale,
    today,
    termStart: opts.termStart ?? DEMO_TERM_START,
    units: [],
    people: [],
    positions: [],
    supervisions: [],
    links: [],
    grants: [],
  };
  const counter = { n: 0 };
  for (let c = 0; c < scale; c++) {
    const rng = createRng(seed + c * 7919);
    generateOne(out, rng, c, counter);
  }
  return out;
}

function countyUnits(c: number): DemoUnit[] {
  const prefix = c === 0 ? 'SFX' : `SFX${c + 1}`;
  const county: DemoUnit = {
    code: prefix,
    name: c === 0 ? '示范县' : `示范${c + 1}县`,
    kind: 'county',
    parentCode: null,
    countyCode: prefix,
    domain: null,
    domainDeptCode: null,
    sortOrder: 0,
  };
  const unit = (code: string, name: string, kind: UnitKind, sortOrder: number, domain: string | null = null) => ({
    code: `${prefix}-${code}`,
    name,
    kind,
    parentCode: prefix,
    countyCode: prefix,
    domain,
    domainDeptCode: null as string | null,
    sortOrder,
  });
  const pad = (i: number) => String(i + 1).padStart(2, '0');
  const townships = TOWNSHIPS.map((n, i) => unit(`T${pad(i)}`, n, 'township', 100 + i));
  const depts = DEPARTMENTS.map(([n, d], i) =>
    unit(`D${pad(i)}`, n, 'county_department', 200 + i, d ?? DEPARTMENT_DOMAINS[n] ?? null),
  );
  const insts = INSTITUTIONS.map(([n, d], i) => unit(`I${pad(i)}`, n, 'institution', 300 + i, d));
  const competent = new Map(
    DEPARTMENTS.filter(([, d]) => d).map(([n, d], _i) => [d as string, depts.find((u) => u.name === n)!.code]),
  );
  for (const u of [...depts, ...insts]) if (u.domain) u.domainDeptCode = competent.get(u.domain) ?? null;
  return [county, ...townships, ...depts, ...insts];
}

function generateOne(out: DemoCounty, rng: Rng, c: number, counter: { n: number }): void {
  const units = countyUnits(c);
  out.units.push(...units);
  const factory = new PersonFactory(rng, out.today, `99${String(c + 1).padStart(2, '0')}01`, counter);
  const personas = c === 0 ? Object.values(DEMO_PERSONAS) : [];
  const personaFor = (unitName: string) => personas.filter((p: DemoPersona) => p.unit === unitName);
  const since = demoRelationsSince(out.today);
  const byUnit = new Map<string, { team: DemoPerson[]; staff: DemoPerson[] }>();
  units.forEach((u, index) => {
    const built = buildUnitPeople({ unit: u, index, rng, factory, personas: personaFor(u.name), today: out.today });
    byUnit.set(u.code, built);
    out.people.push(...built.team, ...built.staff);
    const slots = teamOf(u.kind);
    built.team.forEach((p, i) => {
      if (u.kind === 'county') return;
      out.positions.push({
        personKey: p.key,
        unitCode: u.code,
        role: slots[i].role,
        title: slots[i].title,
        startDate: since,
      });
    });
    const deputies = built.team.filter((_, i) => slots[i]?.role === 'deputy' && u.kind !== 'county');
    built.staff.forEach((s, k) => {
      if (deputies.length === 0) return;
      const d = k % deputies.length;
      const area = slots[built.team.indexOf(deputies[d])].area ?? '';
      out.supervisions.push({ deputyKey: deputies[d].key, cadreKey: s.key, area, startDate: since });
    });
  });
  addLinks(out, units, byUnit.get(units[0].code)!.team, since);
  termHistory(out, units, (code) => byUnit.get(code)!.team, factory, {
    termStart: out.termStart,
    since,
    today: out.today,
  });
  addGrants(out, units, byUnit);
}

export function teamOf(kind: UnitKind) {
  if (kind === 'county')
    return COUNTY_LEADERS.map(([title, level]) => ({ title, level, role: 'main' as const, area: undefined }));
  if (kind === 'township') return TOWNSHIP_TEAM;
  if (kind === 'institution') return INSTITUTION_TEAM;
  return DEPARTMENT_TEAM;
}

/** Township t is contacted by leader (t+4) mod 15; department j and its institutions are supervised by (j+11) mod 15. */
function addLinks(out: DemoCounty, units: DemoUnit[], leaders: DemoPerson[], since: string): void {
  const n = leaders.length;
  const link = (leader: number, unitCode: string, kind: DemoLink['kind']) =>
    out.links.push({ leaderKey: leaders[leader % n].key, unitCode, kind, startDate: since });
  const depts = units.filter((u) => u.kind === 'county_department');
  const townships = units.filter((u) => u.kind === 'township');
  for (const [t, u] of townships.entries()) link(t + 4, u.code, 'contact');
  for (const [j, u] of depts.entries()) link(j + 11, u.code, 'supervise');
  for (const u of units.filter((x) => x.kind === 'institution')) {
    link(depts.findIndex((d) => d.code === u.domainDeptCode) + 11, u.code, 'supervise');
  }
}

/** Grants for every role of SPEC §1 besides the derived ones (leaders, cadres). */
function addGrants(
  out: DemoCounty,
  units: DemoUnit[],
  byUnit: Map<string, { team: DemoPerson[]; staff: DemoPerson[] }>,
): void {
  const county = units[0];
  const staffOf = (name: string) => byUnit.get(units.find((u) => u.name === name)!.code)!.staff;
  const grant = (p: DemoPerson, role: Role, unitCode: string | null, domain: string | null = null) =>
    out.grants.push({ personKey: p.key, role, unitCode, domain });
  for (const p of staffOf('县委组织部').slice(1, 4)) grant(p, 'org_admin', county.code);
  for (const u of units.slice(1)) grant(byUnit.get(u.code)!.staff[0], 'unit_party_org', u.code);
  for (const [name, domain] of DEPARTMENTS) {
    if (domain) grant(staffOf(name)[1], 'domain_dept', units.find((u) => u.name === name)!.code, domain);
  }
  for (const p of staffOf('县纪委监委').slice(1, 3))
    grant(p, 'discipline_liaison', units.find((u) => u.name === '县纪委监委')!.code);
  grant(staffOf('县信访局')[1], 'discipline_liaison', units.find((u) => u.name === '县信访局')!.code);
}

export { type DemoDirectoryEntry, demoDirectory } from './directory.js';
