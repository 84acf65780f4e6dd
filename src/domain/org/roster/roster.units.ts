import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { units } from '../../../db/schema/org.js';
import type { Parsed } from './roster.cells.js';
import { normText } from './roster.cells.js';
import type { UnitLookup } from './roster.validate.js';

/** What the 单位 resolver needs of a unit; `id` may be a placeholder for a unit not written yet. */
export interface UnitRef {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/**
 * Resolves a unit cell among `rows`: by unit code, by exact name, or by name without the county prefix
 * ("示范县青山镇" → 青山镇). A name shared by several units is an error asking for the code.
 */
export function unitResolver(rows: UnitRef[]): UnitLookup {
  const byCode = new Map(rows.map((u) => [normText(u.code).toUpperCase(), u.id]));
  const byName = new Map<string, number[]>();
  for (const u of rows) byName.set(normText(u.name), [...(byName.get(normText(u.name)) ?? []), u.id]);
  const countyNames = rows.filter((u) => u.kind === 'county').map((u) => normText(u.name));
  const kinds = new Map(rows.map((u) => [u.id, u.kind]));
  const lookup = (text: string): Parsed<number> => {
    const t = normText(text).replace(/\s+/g, '');
    const code = byCode.get(t.toUpperCase());
    if (code !== undefined) return { ok: true, value: code };
    const prefix = countyNames.find((c) => t.startsWith(c) && t.length > c.length);
    const ids = byName.get(t) ?? (prefix ? byName.get(t.slice(prefix.length)) : undefined) ?? [];
    if (ids.length === 1) return { ok: true, value: ids[0] };
    if (ids.length > 1) return { ok: false, message: `单位“${text}”在多个县重名，请改填单位代码` };
    return { ok: false, message: `单位“${text}”不存在，请核对名称，或先在系统中建立该单位` };
  };
  return Object.assign(lookup, { kindOf: (id: number) => kinds.get(id) });
}

/** The 单位 column of a roster: active units of `countyIds` (null: every county). */
export async function unitLookup(db: Database, countyIds: number[] | null): Promise<UnitLookup> {
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.active, true), countyIds ? inArray(units.countyId, countyIds) : undefined));
  return unitResolver(rows);
}
