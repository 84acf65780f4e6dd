import { and, inArray, or } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { people, units } from '../../../db/schema/org.js';
import { parseIdNumber, parseMobile } from '../roster/roster.cells.js';
import { cleanName } from '../roster/roster.validate.js';
import type { SheetRowCheck } from './structure.check.js';
import type { StructureSheet } from './structure.read.js';

/** A roster person a 组织架构 row may name. */
export interface KnownPerson {
  id: number;
  name: string;
  mobile: string | null;
  idNumber: string | null;
  isCountyLeader: boolean;
}

export interface PeopleIndex {
  byMobile: Map<string, KnownPerson[]>;
  byIdNumber: Map<string, KnownPerson>;
}

/** The columns naming one person in a sheet (the 分管干部 sheet names two). */
export interface PersonColumns {
  name: string;
  mobile: string;
  idNumber: string;
}

/** Mobiles and ID numbers written in the sheets (well-formed ones; the rest are reported by the row checks). */
export function writtenKeys(sheets: [StructureSheet | undefined, PersonColumns[]][]) {
  const mobiles = new Set<string>();
  const idNumbers = new Set<string>();
  for (const [sheet, columns] of sheets) {
    if (!sheet) continue;
    for (const row of sheet.rows) {
      for (const c of columns) {
        const m = parseMobile(row.cells.get(sheet.fields.get(c.mobile)?.col ?? -1));
        if (m.ok) mobiles.add(m.value);
        const id = parseIdNumber(row.cells.get(sheet.fields.get(c.idNumber)?.col ?? -1));
        if (id.ok) idNumbers.add(id.value);
      }
    }
  }
  return { mobiles: [...mobiles], idNumbers: [...idNumbers] };
}

const CHUNK = 5_000;

/** The roster people of `countyIds` (null: all) with one of the written mobiles or ID numbers. */
export async function loadPeople(
  db: Database,
  countyIds: number[] | null,
  keys: { mobiles: string[]; idNumbers: string[] },
): Promise<PeopleIndex> {
  const index: PeopleIndex = { byMobile: new Map(), byIdNumber: new Map() };
  const inScope = countyIds
    ? inArray(people.unitId, db.select({ id: units.id }).from(units).where(inArray(units.countyId, countyIds)))
    : undefined;
  const n = Math.max(keys.mobiles.length, keys.idNumbers.length);
  for (let i = 0; i < n; i += CHUNK) {
    const mobiles = keys.mobiles.slice(i, i + CHUNK);
    const ids = keys.idNumbers.slice(i, i + CHUNK);
    const asked = new Set(mobiles);
    const rows = await db
      .select({
        id: people.id,
        name: people.name,
        mobile: people.mobile,
        idNumber: people.idNumber,
        isCountyLeader: people.isCountyLeader,
      })
      .from(people)
      .where(
        and(
          or(
            mobiles.length ? inArray(people.mobile, mobiles) : undefined,
            ids.length ? inArray(people.idNumber, ids) : undefined,
          ),
          inScope,
        ),
      );
    for (const p of rows) {
      if (p.mobile && asked.has(p.mobile)) {
        const list = index.byMobile.get(p.mobile) ?? [];
        if (!list.some((q) => q.id === p.id)) index.byMobile.set(p.mobile, [...list, p]);
      }
      if (p.idNumber) index.byIdNumber.set(p.idNumber, p);
    }
  }
  return index;
}

const ORDER_HINT = '请先导入花名册（新县上线的顺序见“正式上线：导入组织架构与名册”）';

/** The roster person a row names by 手机号 and/or 身份证号, checked against 姓名. */
export function identify(r: SheetRowCheck, c: PersonColumns, index: PeopleIndex): KnownPerson | undefined {
  const before = r.errors.length;
  const name = r.takeText(c.name, true, 50);
  const mobile = r.take(c.mobile, parseMobile);
  const idNumber = r.take(c.idNumber, parseIdNumber);
  if (!name || r.errors.length > before) return undefined;
  if (!mobile && !idNumber) return r.fail(c.mobile, `请填写“${name}”的手机号或身份证号，以确定是花名册中的哪一位`);
  let person: KnownPerson | undefined;
  if (idNumber) {
    person = index.byIdNumber.get(idNumber);
    if (!person) return r.fail(c.idNumber, `花名册中没有身份证号为 ${idNumber} 的人员，${ORDER_HINT}`);
  }
  if (mobile) {
    const list = index.byMobile.get(mobile) ?? [];
    if (!person && list.length === 0) return r.fail(c.mobile, `花名册中没有手机号为 ${mobile} 的人员，${ORDER_HINT}`);
    if (!person && list.length > 1) return r.fail(c.mobile, `花名册中有多人使用手机号 ${mobile}，请改填身份证号`);
    if (person && list.length > 0 && !list.some((p) => p.id === person!.id))
      return r.fail(c.mobile, `手机号 ${mobile} 与身份证号不是同一人`);
    person ??= list[0];
  }
  if (cleanName(name) !== person!.name) {
    const by = idNumber ? `身份证号 ${idNumber}` : `手机号 ${mobile}`;
    return r.fail(c.name, `${by} 对应的是“${person!.name}”，与姓名“${name}”不一致`);
  }
  return person;
}
