/** Upserts of dated rows (posts, links, supervisions): a row is found by its key, which includes its start date. */
import { rowError, type StructureError } from './structure.check.js';
import type { StructureSheet } from './structure.read.js';

export type Attrs = Record<string, string | undefined>;

/** A row of the file. `end` / an attribute undefined = the cell was empty: the stored value is kept. */
export interface DatedRecord<A extends Attrs> {
  row: number;
  key: string;
  start: string;
  end?: string;
  attrs: A;
}

export interface DatedStored {
  id: number;
  key: string;
  end: string | null;
  attrs: Record<string, string | null>;
}

export interface DatedPlan<A extends Attrs> {
  creates: DatedRecord<A>[];
  /** `endDate` set when the file gives a new end date (the row is ended from that day). */
  updates: { id: number; row: number; set: { endDate?: string } & Partial<A> }[];
  ended: number;
  unchanged: number;
}

/** Reports a second row with the same key (`what` names the key in Chinese); returns the first of each. */
export function uniqueRows<R extends DatedRecord<Attrs>>(
  sheet: StructureSheet | undefined,
  records: R[],
  what: string,
  errors: StructureError[],
  field: string,
): R[] {
  const seen = new Map<string, number>();
  return records.filter((r) => {
    const first = seen.get(r.key);
    if (first === undefined) {
      seen.set(r.key, r.row);
      return true;
    }
    errors.push(rowError(sheet!, r.row, field, `与第 ${first} 行重复（${what}相同）`));
    return false;
  });
}

/** New rows are created; stored rows get the end date and attributes the file changes; history is never deleted. */
export function planDated<A extends Attrs>(records: DatedRecord<A>[], stored: DatedStored[]): DatedPlan<A> {
  const byKey = new Map(stored.map((s) => [s.key, s]));
  const plan: DatedPlan<A> = { creates: [], updates: [], ended: 0, unchanged: 0 };
  for (const r of records) {
    const s = byKey.get(r.key);
    if (!s) {
      plan.creates.push(r);
      continue;
    }
    const set: Record<string, string> = {};
    if (r.end !== undefined && r.end !== s.end) set.endDate = r.end;
    for (const [k, v] of Object.entries(r.attrs)) if (v !== undefined && v !== s.attrs[k]) set[k] = v;
    if (Object.keys(set).length === 0) plan.unchanged++;
    else plan.updates.push({ id: s.id, row: r.row, set: set as DatedPlan<A>['updates'][number]['set'] });
    if (set.endDate) plan.ended++;
  }
  return plan;
}
