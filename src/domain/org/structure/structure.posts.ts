import type { UnitLookup } from '../roster/roster.validate.js';
import { eachRow, rowError, type StructureError } from './structure.check.js';
import type { DatedPlan, DatedRecord } from './structure.dated.js';
import { identify, type PeopleIndex } from './structure.people.js';
import type { StructureSheet } from './structure.read.js';
import { endsAfterStart, overlaps, type PostRole, parsePostRole } from './structure.rules.js';

export type PostAttrs = { title?: string };

export interface PostRecord extends DatedRecord<PostAttrs> {
  personId: number;
  personName: string;
  unitId: number;
  role: PostRole;
}

/** A stored post (leadership_positions row) with its holder's name. */
export interface StoredPost {
  id: number;
  personId: number;
  personName: string;
  unitId: number;
  role: PostRole;
  title: string | null;
  startDate: string;
  endDate: string | null;
}

export const postKey = (p: { personId: number; unitId: number; role: string }, start: string) =>
  `${p.personId}|${p.unitId}|${p.role}|${start}`;

/** The 领导班子 rows: a roster person, a unit (stored or new in this file), a role, dates. */
export function readPosts(
  sheet: StructureSheet | undefined,
  ctx: { resolve: UnitLookup; people: PeopleIndex },
  errors: StructureError[],
): PostRecord[] {
  return eachRow(sheet, errors, (r) => {
    const person = identify(r, { name: 'name', mobile: 'mobile', idNumber: 'idNumber' }, ctx.people);
    const unitId = r.take('unit', () => ctx.resolve(r.text('unit')), true);
    const role = r.take('role', () => parsePostRole(r.text('role')), true);
    const title = r.takeText('title');
    const start = r.takeDate('startDate', true);
    const end = r.takeDate('endDate');
    if (start && end && !endsAfterStart({ start, end })) r.fail('endDate', '免职日期应晚于任职日期');
    if (!person || unitId === undefined || !role || !start) return undefined;
    const p = { personId: person.id, personName: person.name, unitId, role };
    return { ...p, row: r.rowNumber, key: postKey(p, start), start, end, attrs: { title } };
  });
}

interface MainSpan {
  unitId: number;
  name: string;
  start: string;
  end: string | null;
  /** The file row that writes this span; undefined for a stored post the file leaves alone. */
  row?: number;
}

/**
 * One main leader (主要领导) per unit at any time: the stored main posts, as the plan leaves them, and the new
 * ones may not overlap. The file row that causes an overlap is reported (the later one when both are in it).
 */
export function checkMainLeaders(
  sheet: StructureSheet | undefined,
  records: PostRecord[],
  stored: StoredPost[],
  plan: DatedPlan<PostAttrs>,
  unitName: (id: number) => string,
  errors: StructureError[],
): void {
  const rowOfKey = new Map(records.map((r) => [r.key, r]));
  const ends = new Map(plan.updates.map((u) => [u.id, u.set.endDate]));
  const spans: MainSpan[] = stored
    .filter((s) => s.role === 'main')
    .map((s) => ({
      unitId: s.unitId,
      name: s.personName,
      start: s.startDate,
      end: ends.get(s.id) ?? s.endDate,
      row: rowOfKey.get(postKey(s, s.startDate))?.row,
    }));
  for (const c of plan.creates as PostRecord[]) {
    if (c.role === 'main')
      spans.push({ unitId: c.unitId, name: c.personName, start: c.start, end: c.end ?? null, row: c.row });
  }
  const byUnit = new Map<number, MainSpan[]>();
  for (const s of spans) byUnit.set(s.unitId, [...(byUnit.get(s.unitId) ?? []), s]);
  for (const [unitId, list] of byUnit) {
    list.sort((a, b) => a.start.localeCompare(b.start));
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        if (!overlaps(list[i], list[j])) continue;
        const [blamed, other] = list[j].row !== undefined ? [list[j], list[i]] : [list[i], list[j]];
        if (blamed.row === undefined) continue;
        const since = `${other.start} 起${other.end ? `至 ${other.end}` : '在任'}`;
        const message = `单位“${unitName(unitId)}”同一时间只能有一位主要领导，与${other.name}（${since}）重叠；如前任已免职，请填写其免职日期`;
        errors.push(rowError(sheet!, blamed.row, 'role', message));
        break;
      }
    }
  }
}
