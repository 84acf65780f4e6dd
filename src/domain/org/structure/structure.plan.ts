import type { Database } from '../../../db/client.js';
import type { StructureError } from './structure.check.js';
import { type DatedPlan, planDated, uniqueRows } from './structure.dated.js';
import {
  type LinkRecord,
  readLinks,
  readSupervisions,
  type SupervisionAttrs,
  type SupervisionRecord,
} from './structure.links.js';
import { loadPeople, type PersonColumns, writtenKeys } from './structure.people.js';
import { checkMainLeaders, type PostAttrs, type PostRecord, readPosts } from './structure.posts.js';
import {
  allUnitCodes,
  postStored,
  scopeUnits,
  storedLinks,
  storedPosts,
  storedSupervisions,
} from './structure.queries.js';
import type { StructureWorkbook } from './structure.read.js';
import { planUnits, type UnitPlan } from './structure.unitplan.js';

/** Everything an import would write, decided before writing; `errors` non-empty = write nothing. */
export interface StructurePlan {
  units: UnitPlan;
  posts: DatedPlan<PostAttrs> & { creates: PostRecord[] };
  links: DatedPlan<Record<string, never>> & { creates: LinkRecord[] };
  supervisions: DatedPlan<SupervisionAttrs> & { creates: SupervisionRecord[] };
  /** People named in 联系分管 who are not yet marked 县级领导. */
  newCountyLeaders: number[];
  errors: StructureError[];
}

const PERSON: PersonColumns = { name: 'name', mobile: 'mobile', idNumber: 'idNumber' };
const DEPUTY: PersonColumns = { name: 'deputyName', mobile: 'deputyMobile', idNumber: 'deputyIdNumber' };
const CADRE: PersonColumns = { name: 'cadreName', mobile: 'cadreMobile', idNumber: 'cadreIdNumber' };

/** Checks every sheet against the database (inside the import's transaction) and plans the writes. */
export async function planStructure(db: Database, wb: StructureWorkbook, countyIds: number[] | null) {
  const errors: StructureError[] = [];
  const { units: unitSheet, posts: postSheet, links: linkSheet, supervisions: supSheet } = wb.sheets;
  const scope = { units: await scopeUnits(db, countyIds), codes: await allUnitCodes(db), allowNewCounty: !countyIds };
  const units = planUnits(unitSheet, scope, errors);
  const keys = writtenKeys([
    [postSheet, [PERSON]],
    [linkSheet, [PERSON]],
    [supSheet, [DEPUTY, CADRE]],
  ]);
  const people = await loadPeople(db, countyIds, keys);
  const ctx = { resolve: units.resolve, people };

  const postRows = uniqueRows(
    postSheet,
    readPosts(postSheet, ctx, errors),
    '人员、单位、职务类别和任职日期',
    errors,
    'startDate',
  );
  const posted = await storedPosts(
    db,
    [...new Set(postRows.map((p) => p.personId))],
    [...new Set(postRows.map((p) => p.unitId).filter((id) => id > 0))],
  );
  const posts = planDated(postRows, posted.map(postStored)) as StructurePlan['posts'];
  checkMainLeaders(postSheet, postRows, posted, posts, units.nameOf, errors);

  const linkRows = uniqueRows(
    linkSheet,
    readLinks(linkSheet, ctx, errors),
    '领导、单位、关系和开始日期',
    errors,
    'startDate',
  );
  const leaders = [...new Map(linkRows.map((l) => [l.leader.id, l.leader])).values()];
  const links = planDated(
    linkRows,
    await storedLinks(
      db,
      leaders.map((l) => l.id),
    ),
  ) as StructurePlan['links'];

  const supRows = uniqueRows(
    supSheet,
    readSupervisions(supSheet, people, errors),
    '分管领导、干部和开始日期',
    errors,
    'startDate',
  );
  const deputies = [...new Set(supRows.map((s) => s.deputyId))];
  const supervisions = planDated(supRows, await storedSupervisions(db, deputies)) as StructurePlan['supervisions'];

  errors.sort((a, b) => sheetOrder(wb, a.sheet) - sheetOrder(wb, b.sheet) || a.row - b.row);
  const newCountyLeaders = leaders.filter((l) => !l.isCountyLeader).map((l) => l.id);
  return { units, posts, links, supervisions, newCountyLeaders, errors } satisfies StructurePlan;
}

const sheetOrder = (wb: StructureWorkbook, name: string) =>
  Object.values(wb.sheets).findIndex((s) => s?.sheetName === name);
