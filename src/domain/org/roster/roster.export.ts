import { and, asc, eq, inArray } from 'drizzle-orm';
import { people, units } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../../xlsx/xlsx.write.js';
import { type ActorContext, assertRole, viewableScopeSql } from '../org.access.js';
import { audit } from '../org.audit.js';
import { scopeOn } from '../org.profile.js';
import { ROSTER_COLUMNS, type RosterField } from './roster.columns.js';
import { huamingceWorkbook } from './roster.huamingce.js';

const yesNo = (b: boolean) => (b ? '是' : '否');

type Row = Record<RosterField, string>;

function toRow(p: Record<string, any>): Row {
  return {
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    idNumber: p.idNumber ?? '',
    education: p.education,
    educationDetail: p.educationDetail ?? '',
    unit: p.unitName,
    position: p.position ?? '',
    leadershipLevel: p.leadershipLevel ?? '',
    rank: p.rank ?? '',
    cadreType: p.cadreType,
    politicalStatus: p.politicalStatus ?? '',
    isXuandiao: yesNo(p.isXuandiao),
    isSecondee: yesNo(p.isSecondee),
    isCountyLeader: yesNo(p.isCountyLeader),
    townshipWorkStart: p.townshipWorkStart ?? '',
    mobile: p.mobile ?? '',
    email: p.email ?? '',
    status: p.active ? '在职' : '离职',
    effectiveDate: '',
    ethnicity: p.ethnicity ?? '',
    nativePlace: p.nativePlace ?? '',
    birthPlace: p.birthPlace ?? '',
    workStart: p.workStart ?? '',
    partyJoinDate: p.partyJoinDate ?? '',
    positionSince: p.positionSince ?? '',
    rankSince: p.rankSince ?? '',
    fullTimeEducation: p.fullTimeEducation ?? '',
    fullTimeDegree: p.fullTimeDegree ?? '',
    fullTimeSchool: p.fullTimeSchool ?? '',
    partTimeEducation: p.partTimeEducation ?? '',
    partTimeDegree: p.partTimeDegree ?? '',
    partTimeSchool: p.partTimeSchool ?? '',
  };
}

/** A workbook in the import layout: 花名册 (all text cells, so ID numbers and dates survive) + 填写说明. */
export async function rosterWorkbook(rows: Row[]): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('花名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(
      8,
      c.header.length * 2 + 4,
      c.field === 'unit' || c.field === 'position' ? 24 : 0,
      c.field === 'idNumber' ? 22 : 0,
    ),
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  addSafeRows(ws, rows);
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'h', width: 16 },
    { header: '必填', key: 'r', width: 8 },
    { header: '可识别的其他列名', key: 'a', width: 40 },
    { header: '说明', key: 'n', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS)
    addSafeRows(help, [{ h: c.header, r: c.required ? '是' : '', a: c.aliases.join('、'), n: c.hint }]);
  return workbookBuffer(wb);
}

/**
 * The roster of the people the actor may see (org_admin only), or — for the CLI — of the given counties
 * (all when none). Personal data is exported unmasked: only org_admin gets here. The export is audited.
 */
export async function exportRoster(
  deps: Deps,
  opts: {
    actor?: ActorContext;
    countyIds?: number[] | null;
    includeInactive?: boolean;
    eventId?: string;
    /** 'huamingce': the 干部花名册 layout (grouped headers, a section row per unit); default Qingmiao's own. */
    layout?: 'qingmiao' | 'huamingce';
  } = {},
): Promise<{ data: Buffer; count: number }> {
  if (opts.actor) assertRole(opts.actor, 'org_admin', '只有组织部门可以导出花名册');
  const where = and(
    opts.includeInactive ? undefined : eq(people.active, true),
    opts.actor ? viewableScopeSql(opts.actor, scopeOn(deps)) : undefined,
    opts.countyIds ? inArray(units.countyId, opts.countyIds) : undefined,
  );
  const list = await deps.db
    .select({
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      idNumber: people.idNumber,
      education: people.education,
      educationDetail: people.educationDetail,
      unitName: units.name,
      unitCode: units.code,
      position: people.position,
      leadershipLevel: people.leadershipLevel,
      rank: people.rank,
      cadreType: people.cadreType,
      politicalStatus: people.politicalStatus,
      isXuandiao: people.isXuandiao,
      isSecondee: people.isSecondee,
      isCountyLeader: people.isCountyLeader,
      townshipWorkStart: people.townshipWorkStart,
      mobile: people.mobile,
      email: people.email,
      active: people.active,
      ethnicity: people.ethnicity,
      nativePlace: people.nativePlace,
      birthPlace: people.birthPlace,
      workStart: people.workStart,
      partyJoinDate: people.partyJoinDate,
      positionSince: people.positionSince,
      rankSince: people.rankSince,
      fullTimeEducation: people.fullTimeEducation,
      fullTimeDegree: people.fullTimeDegree,
      fullTimeSchool: people.fullTimeSchool,
      partTimeEducation: people.partTimeEducation,
      partTimeDegree: people.partTimeDegree,
      partTimeSchool: people.partTimeSchool,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(units.countyId), asc(units.sortOrder), asc(units.id), asc(people.id));
  const data =
    opts.layout === 'huamingce'
      ? await huamingceWorkbook(list, `干部花名册（${scopeOn(deps).onDate}）`)
      : await rosterWorkbook(list.map(toRow));
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    action: 'roster.export',
    entity: 'roster',
    eventId: opts.eventId,
    detail: { count: list.length, ...(opts.layout === 'huamingce' ? { layout: 'huamingce' } : {}) },
  });
  return { data, count: list.length };
}
