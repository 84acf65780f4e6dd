import type { UnitKind } from '../../../db/schema/org.js';
import { unitResolver } from '../roster/roster.units.js';
import type { UnitLookup } from '../roster/roster.validate.js';
import { rowError, type StructureError } from './structure.check.js';
import type { StructureSheet } from './structure.read.js';
import { cycleFrom, rootOf } from './structure.rules.js';
import { codeKey, type ExistingUnit, readUnitRows, type UnitRow, type UnitScope } from './structure.units.js';

export interface UnitFields {
  code: string;
  name: string;
  kind: UnitKind;
  /** Unit ids; negative = a unit created by this import. */
  parentId: number | null;
  domain: string | null;
  domainDeptUnitId: number | null;
  sortOrder: number;
}

export interface UnitPlan {
  creates: ({ id: number; row: number } & UnitFields)[];
  updates: { id: number; row: number; set: Partial<UnitFields> }[];
  unchanged: number;
  /** Resolves a 单位 cell of the other sheets: stored units of the scope and the units of this file. */
  resolve: UnitLookup;
  nameOf(id: number): string;
}

type Fail = (u: UnitRow, field: string, message: string) => false;

/** The units a file may name: the stored ones it does not describe, and its own rows. */
interface Universe {
  resolve: UnitLookup;
  names: Map<number, string>;
  kinds: Map<number, UnitKind>;
  /** Unit id → parent id, the file's parents over the stored ones. */
  parents: Map<number, number | null>;
  /** Row unit id → 主管部门 id (null: none; undefined: column absent, keep). */
  depts: Map<number, number | null | undefined>;
}

/** Checks the 单位 sheet against the stored units and plans the writes (nothing written here). */
export function planUnits(sheet: StructureSheet | undefined, scope: UnitScope, errors: StructureError[]): UnitPlan {
  const fail: Fail = (u, field, message) => {
    errors.push(rowError(sheet!, u.row, field, message));
    return false;
  };
  const rows = readUnitRows(sheet, scope, errors);
  const fileIds = new Set(rows.map((u) => u.id));
  const kept = scope.units.filter((u) => !fileIds.has(u.id));
  const refs = [
    ...kept,
    ...rows.map((u) => ({ id: u.id, code: u.code ?? u.existing?.code ?? '', name: u.name, kind: u.kind })),
  ];
  const uni: Universe = {
    resolve: unitResolver(refs.map((u) => ({ ...u, code: u.code || `\u0000${u.id}` }))),
    names: new Map(refs.map((u) => [u.id, u.name])),
    kinds: new Map(refs.map((u) => [u.id, u.kind])),
    parents: new Map(kept.map((u) => [u.id, u.parentId])),
    depts: new Map(),
  };
  const linked = rows.filter((u) => linkRow(u, uni, fail));
  const roots = placeRows(rows, linked, uni, fail);
  const planned = linked.filter((u) => roots.has(u.id));
  const codes = assignCodes(planned, roots, uni.names, scope, fail);
  checkNames(planned, kept, roots, fail);
  const plan: UnitPlan = {
    creates: [],
    updates: [],
    unchanged: 0,
    resolve: uni.resolve,
    nameOf: (id) => uni.names.get(id) ?? '',
  };
  for (const u of planned) {
    const fields = fieldsOf(u, codes.get(u.id)!, uni);
    if (!u.existing) plan.creates.push({ id: u.id, row: u.row, ...fields });
    else {
      const set = changedFields(u.existing, fields);
      if (Object.keys(set).length === 0) plan.unchanged++;
      else plan.updates.push({ id: u.id, row: u.row, set });
    }
  }
  return plan;
}

/** Resolves a row's 上级单位 and 主管部门 into the universe; false when one is wrong (reported). */
function linkRow(u: UnitRow, uni: Universe, fail: Fail): boolean {
  const parent = resolveParent(u, uni.resolve, fail);
  const dept = u.domainDeptText
    ? uni.resolve(u.domainDeptText)
    : { ok: true as const, value: u.domainDeptText as null | undefined };
  if (!dept.ok) fail(u, 'domainDept', dept.message);
  if (parent === false || !dept.ok) return false;
  uni.parents.set(u.id, parent);
  uni.depts.set(u.id, dept.value);
  return true;
}

/** Each linked row's county (the root of its parent chain); cycles and chains not ending in a county are errors. */
function placeRows(rows: UnitRow[], linked: UnitRow[], uni: Universe, fail: Fail): Map<number, number> {
  // A row that failed keeps its stored parent, so its descendants are not blamed for its error.
  for (const u of rows) if (!uni.parents.has(u.id)) uni.parents.set(u.id, u.existing?.parentId ?? null);
  const failed = new Set(rows.filter((u) => !linked.includes(u)).map((u) => u.id));
  const parentOf = (id: number) => uni.parents.get(id) ?? null;
  const roots = new Map<number, number>();
  for (const u of linked) {
    const cycle = cycleFrom(u.id, parentOf);
    if (cycle) {
      fail(u, 'parent', `上级单位形成循环：${cycle.map((id) => uni.names.get(id)).join(' → ')}`);
      continue;
    }
    const root = rootOf(u.id, parentOf)!;
    if (uni.kinds.get(root) === 'county') roots.set(u.id, root);
    else if (!failed.has(root)) fail(u, 'parent', `“${uni.names.get(root)}”不是县/区，上级单位最终应归到本县`);
  }
  return roots;
}

/** What the unit should be after the import: empty optional cells keep the stored values. */
function fieldsOf(u: UnitRow, code: string, uni: Universe): UnitFields {
  const dept = uni.depts.get(u.id);
  return {
    code,
    name: u.name,
    kind: u.kind,
    parentId: uni.parents.get(u.id) ?? null,
    domain: u.domain === undefined ? (u.existing?.domain ?? null) : u.domain,
    domainDeptUnitId: dept === undefined ? (u.existing?.domainDeptUnitId ?? null) : dept,
    sortOrder: u.sortOrder ?? u.existing?.sortOrder ?? u.row,
  };
}

function resolveParent(u: UnitRow, resolve: UnitLookup, fail: Fail): number | null | false {
  if (u.kind === 'county') return u.parentText ? fail(u, 'parent', '县/区是顶层单位，“上级单位”应留空') : null;
  if (!u.parentText) return fail(u, 'parent', '请填写上级单位（直属于县的单位填本县名称）');
  const p = resolve(u.parentText);
  if (!p.ok) return fail(u, 'parent', p.message);
  if (p.value === u.id) return fail(u, 'parent', '上级单位不能是本单位');
  return p.value;
}

/** Codes: as written, the stored one, or for a new unit its county's name + its name ("示范县青山镇"). */
function assignCodes(
  rows: UnitRow[],
  roots: Map<number, number>,
  names: Map<number, string>,
  scope: UnitScope,
  fail: Fail,
): Map<number, string> {
  const codes = new Map<number, string>();
  const taken = new Map<string, UnitRow>();
  for (const u of rows) {
    const county = names.get(roots.get(u.id)!)!;
    const generated = u.kind === 'county' || u.name.startsWith(county) ? u.name : `${county}${u.name}`;
    const code = u.code ?? u.existing?.code ?? generated;
    const owner = scope.codes.get(codeKey(code));
    const twin = taken.get(codeKey(code));
    if (owner !== undefined && owner !== u.id)
      fail(u, u.code ? 'code' : 'name', `单位代码“${code}”已被其他单位使用，请填写另一个单位代码`);
    else if (twin) fail(u, u.code ? 'code' : 'name', `与第 ${twin.row} 行的单位代码“${code}”相同`);
    taken.set(codeKey(code), u);
    codes.set(u.id, code);
  }
  return codes;
}

/** Unit names are unique within a county (the roster names units by name). */
function checkNames(rows: UnitRow[], kept: ExistingUnit[], roots: Map<number, number>, fail: Fail): void {
  const seen = new Map<string, string>(kept.map((u) => [`${u.countyId}|${u.name}`, `代码 ${u.code}`]));
  for (const u of rows) {
    const key = `${roots.get(u.id)}|${u.name}`;
    const other = seen.get(key);
    if (other) fail(u, 'name', `本县已有名为“${u.name}”的单位（${other}），同一县内单位名称不能重复`);
    seen.set(key, `第 ${u.row} 行`);
  }
}

function changedFields(e: ExistingUnit, f: UnitFields): Partial<UnitFields> {
  const set: Partial<UnitFields> = {};
  for (const k of Object.keys(f) as (keyof UnitFields)[]) {
    if (f[k] !== e[k]) Object.assign(set, { [k]: f[k] });
  }
  return set;
}
