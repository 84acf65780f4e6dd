import type { UnitKind } from '../../../db/schema/org.js';
import { normText } from '../roster/roster.cells.js';
import { eachRow, rowError, type SheetRowCheck, type StructureError } from './structure.check.js';
import type { StructureSheet } from './structure.read.js';
import { parseSortOrder, parseUnitKind } from './structure.rules.js';

/** A unit as stored, within the importer's counties. */
export interface ExistingUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  countyId: number | null;
  domain: string | null;
  domainDeptUnitId: number | null;
  sortOrder: number;
}

export interface UnitScope {
  /** The units the importer may change and name (every unit of his counties). */
  units: ExistingUnit[];
  /** Every unit code in the database, upper-cased → unit id (codes of other counties are refused). */
  codes: Map<string, number>;
  /** A 县/区 row may create a county (CLI without --county, an org_admin of every county). */
  allowNewCounty: boolean;
}

/** One row of the 单位 sheet, matched to the unit it describes. */
export interface UnitRow {
  row: number;
  /** The stored unit's id, or a negative placeholder for a new unit. */
  id: number;
  existing: ExistingUnit | null;
  code?: string;
  name: string;
  kind: UnitKind;
  parentText: string;
  /** undefined: column absent (keep); null: cell empty (none). */
  domain?: string | null;
  domainDeptText?: string | null;
  sortOrder?: number;
}

export const codeKey = (code: string) => normText(code).replace(/\s/g, '').toUpperCase();

/** Reads the 单位 sheet and matches each row: by 单位代码, else by name within the importer's counties. */
export function readUnitRows(sheet: StructureSheet | undefined, scope: UnitScope, errors: StructureError[]) {
  const inScope = new Map(scope.units.map((u) => [u.id, u]));
  const byName = new Map<string, ExistingUnit[]>();
  for (const u of scope.units) byName.set(normText(u.name), [...(byName.get(normText(u.name)) ?? []), u]);
  let temp = 0;
  const rows = eachRow(sheet, errors, (r) => {
    const name = r.takeText('name', true, 50)?.replace(/\s/g, '');
    const code = r.takeText('code', false, 40)?.replace(/\s/g, '');
    const kind = r.take('kind', () => parseUnitKind(r.text('kind')), true);
    const sortOrder = r.take('sortOrder', () => parseSortOrder(r.text('sortOrder')));
    if (!name || !kind) return undefined;
    const existing = matchUnit(r, { name, code }, { scope, inScope, byName });
    if (existing === false) return undefined;
    if (existing && (existing.kind === 'county') !== (kind === 'county'))
      return r.fail(
        'kind',
        `“${existing.name}”原为${existing.kind === 'county' ? '县/区' : '县以下单位'}，不能改变这一类别`,
      );
    if (!existing && kind === 'county' && !scope.allowNewCounty)
      return r.fail('kind', '您只能维护本县的单位，不能新建县/区');
    const optional = (f: string) => (r.present(f) ? (r.takeText(f, false, 50) ?? null) : undefined);
    return {
      row: r.rowNumber,
      id: existing?.id ?? --temp,
      existing,
      code,
      name,
      kind,
      parentText: r.text('parent'),
      domain: optional('domain'),
      domainDeptText: optional('domainDept'),
      sortOrder,
    } satisfies UnitRow;
  });
  return dropDuplicates(sheet, rows, errors);
}

/** The stored unit a row describes (null: a new unit; false: an error was reported). */
function matchUnit(
  r: SheetRowCheck,
  row: { name: string; code?: string },
  ctx: { scope: UnitScope; inScope: Map<number, ExistingUnit>; byName: Map<string, ExistingUnit[]> },
): ExistingUnit | null | false {
  if (row.code) {
    const id = ctx.scope.codes.get(codeKey(row.code));
    if (id !== undefined) {
      const u = ctx.inScope.get(id);
      if (!u) return r.fail('code', `单位代码“${row.code}”属于您管理范围以外的单位`) ?? false;
      return u;
    }
  }
  const same = ctx.byName.get(row.name) ?? [];
  if (same.length > 1) {
    const codes = same.map((u) => u.code).join('、');
    return r.fail('name', `系统中有多个名为“${row.name}”的单位（代码 ${codes}），请填写单位代码以区分`) ?? false;
  }
  // A known name with a new code: the unit adopts the code (a county's official codes may come later).
  return same[0] ?? null;
}

function dropDuplicates(sheet: StructureSheet | undefined, rows: UnitRow[], errors: StructureError[]): UnitRow[] {
  const seen = new Map<number, number>();
  return rows.filter((u) => {
    const first = seen.get(u.id);
    if (first === undefined) {
      seen.set(u.id, u.row);
      return true;
    }
    errors.push(rowError(sheet!, u.row, 'name', `与第 ${first} 行是同一单位`));
    return false;
  });
}
