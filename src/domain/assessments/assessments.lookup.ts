/** Who each row of an assessment sheet is about: by ID number, else by name (+ unit) within the importer's counties. */
import { eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { cellText } from '../org/roster/roster.cells.js';
import type { PersonLookup } from './assessments.validate.js';
import type { AssessmentSheet } from './assessments.xlsx.js';

/** Bulk-loads the people the sheet names and answers each row's lookup from memory. */
export async function personLookup(
  db: Database,
  sheet: AssessmentSheet,
  countyIds: number[] | null,
): Promise<PersonLookup> {
  const names = [...new Set(sheet.rows.map((r) => cellText(r.cells.get('name'))).filter(Boolean))];
  const ids = [...new Set(sheet.rows.map((r) => cellText(r.cells.get('idNumber')).toUpperCase()).filter(Boolean))];
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      idNumber: people.idNumber,
      personKey: people.personKey,
      unitName: units.name,
      countyId: units.countyId,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      or(
        names.length ? inArray(people.name, names) : sql`false`,
        ids.length ? inArray(people.idNumber, ids) : sql`false`,
        ids.length
          ? inArray(
              people.personKey,
              ids.map((i) => `id:${i}`),
            )
          : sql`false`,
      ),
    );
  const inScope = (countyId: number | null) =>
    countyIds === null || (countyId !== null && countyIds.includes(countyId));
  return (ref) => {
    if (ref.idNumber) {
      const hit = rows.find((p) => p.idNumber === ref.idNumber || p.personKey === `id:${ref.idNumber}`);
      if (!hit) return { error: `未找到身份证号为 ${ref.idNumber} 的人员，请先导入花名册`, column: 'idNumber' };
      if (hit.name !== ref.name) return { error: `身份证号对应的人员是“${hit.name}”，与姓名不符`, column: 'idNumber' };
      if (!inScope(hit.countyId)) return { error: '该人员不在您管理的范围内', column: 'name' };
      return { id: hit.id };
    }
    const same = rows.filter(
      (p) => p.name === ref.name && (!ref.unit || p.unitName === ref.unit) && inScope(p.countyId),
    );
    if (same.length === 1) return { id: same[0].id };
    const where = ref.unit ? `（${ref.unit}）` : '';
    if (same.length === 0)
      return { error: `未找到“${ref.name}”${where}，请核对姓名和单位`, column: ref.unit ? 'unit' : 'name' };
    return { error: `有 ${same.length} 名同名人员“${ref.name}”${where}，请填写身份证号或单位`, column: 'name' };
  };
}
