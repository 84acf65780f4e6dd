import type { DemoCounty } from './generate.js';
import { DEMO_PERSONAS } from './personas.js';

export interface DemoDirectoryEntry {
  name: string;
  mobile: string;
  email: string;
  unitName: string;
  roles: string[];
  /** For demo personas: what to try with them (Chinese). */
  note?: string;
}

/** The Feishu side of the demo county (for the emulator's tenant): personas first, then everyone else. */
export function demoDirectory(county: DemoCounty): DemoDirectoryEntry[] {
  const unitName = new Map(county.units.map((u) => [u.code, u.name]));
  const roles = new Map<string, Set<string>>();
  const add = (key: string, role: string) => roles.set(key, (roles.get(key) ?? new Set()).add(role));
  for (const g of county.grants) add(g.personKey, g.role);
  for (const p of county.positions)
    if (!p.endDate) add(p.personKey, p.role === 'main' ? 'unit_main_leader' : 'unit_deputy_leader');
  for (const p of county.people) if (p.isCountyLeader) add(p.key, 'county_leader');
  const notes = new Map<string, string>(Object.values(DEMO_PERSONAS).map((p) => [p.mobile, p.note]));
  const entries = county.people.map((p) => ({
    name: p.name,
    mobile: p.mobile,
    email: p.email,
    unitName: unitName.get(p.unitCode) ?? '',
    roles: [...(roles.get(p.key) ?? []), 'cadre'],
    ...(notes.has(p.mobile) ? { note: notes.get(p.mobile) } : {}),
  }));
  const order = [...notes.keys()];
  const rank = (e: DemoDirectoryEntry) => (notes.has(e.mobile) ? order.indexOf(e.mobile) : order.length);
  return entries.sort((a, b) => rank(a) - rank(b));
}
