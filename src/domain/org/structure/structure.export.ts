import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../../db/client.js';
import { deputySupervisions, leadershipPositions, leaderUnitLinks, people, units } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../../xlsx/xlsx.write.js';
import { type ActorContext, assertRole } from '../org.access.js';
import { adminCountyIds } from '../org.admins.js';
import { audit } from '../org.audit.js';
import { SHEETS, type SheetSpec } from './structure.columns.js';
import { scopeUnits } from './structure.queries.js';
import { linkKindLabel, postRoleLabel, unitKindLabel } from './structure.rules.js';

type Row = Record<string, string | number>;

/** The import layout: one sheet per kind (text cells, so ID numbers and dates survive) + 填写说明. */
export async function structureWorkbook(rows: Record<SheetSpec['key'], Row[]>): Promise<Buffer> {
  const wb = await newWorkbook();
  for (const spec of SHEETS) {
    const ws = wb.addWorksheet(spec.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.field,
      width: Math.max(10, c.header.length * 2 + 4, /name|unit|parent|dept|title/i.test(c.field) ? 22 : 0),
      style: { numFmt: '@' },
    }));
    ws.getRow(1).font = { bold: true };
    addSafeRows(ws, rows[spec.key]);
  }
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '工作表', key: 's', width: 12 },
    { header: '列名', key: 'h', width: 18 },
    { header: '必填', key: 'r', width: 6 },
    { header: '可识别的其他列名', key: 'a', width: 30 },
    { header: '说明', key: 'n', width: 56 },
  ];
  help.getRow(1).font = { bold: true };
  for (const spec of SHEETS)
    for (const c of spec.columns)
      addSafeRows(help, [
        { s: spec.title, h: c.header, r: c.required ? '是' : '', a: c.aliases.join('、'), n: c.hint },
      ]);
  return workbookBuffer(wb);
}

/** How a unit is named in the file: its name when no other unit has it, else its code. */
async function unitLabels(db: Database, list: { id: number; name: string; code: string }[]) {
  const shared = await db.select({ name: units.name }).from(units).groupBy(units.name).having(sql`count(*) > 1`);
  const ambiguous = new Set(shared.map((s) => s.name));
  return new Map(list.map((u) => [u.id, ambiguous.has(u.name) ? u.code : u.name]));
}

const ROLE_ORDER = sql`case ${leadershipPositions.role} when 'main' then 0 when 'deputy' then 1 else 2 end`;

async function sheetRows(db: Database, countyIds: number[] | null) {
  const list = await scopeUnits(db, countyIds);
  const label = await unitLabels(db, list);
  const ref = (id: number | null) => (id === null ? '' : (label.get(id) ?? ''));
  // Every query below joins `units` (the unit of the post, link or deputy).
  const inScope = countyIds ? inArray(units.countyId, countyIds) : undefined;
  const unitRows = list.map((u) => ({
    name: u.name,
    code: u.code,
    kind: unitKindLabel(u.kind, u.name),
    parent: ref(u.parentId),
    domain: u.domain ?? '',
    domainDept: ref(u.domainDeptUnitId),
    sortOrder: String(u.sortOrder),
  }));
  const person = { name: people.name, mobile: people.mobile, idNumber: people.idNumber };
  const posts = await db
    .select({ ...person, unitId: leadershipPositions.unitId, p: leadershipPositions })
    .from(leadershipPositions)
    .innerJoin(people, eq(people.id, leadershipPositions.personId))
    .innerJoin(units, eq(units.id, leadershipPositions.unitId))
    .where(inScope)
    .orderBy(
      asc(units.countyId),
      asc(units.sortOrder),
      asc(units.id),
      ROLE_ORDER,
      asc(leadershipPositions.startDate),
      asc(leadershipPositions.id),
    );
  const postRows = posts.map((r) => ({
    name: r.name,
    mobile: r.mobile ?? '',
    idNumber: r.idNumber ?? '',
    unit: ref(r.unitId),
    role: postRoleLabel(r.p.role),
    title: r.p.title ?? '',
    startDate: r.p.startDate,
    endDate: r.p.endDate ?? '',
  }));
  return { unitRows, postRows, ref, inScope, person };
}

async function linkAndSupervisionRows(db: Database, ctx: Awaited<ReturnType<typeof sheetRows>>) {
  const links = await db
    .select({ ...ctx.person, l: leaderUnitLinks })
    .from(leaderUnitLinks)
    .innerJoin(people, eq(people.id, leaderUnitLinks.leaderPersonId))
    .innerJoin(units, eq(units.id, leaderUnitLinks.unitId))
    .where(ctx.inScope)
    .orderBy(
      asc(leaderUnitLinks.leaderPersonId),
      asc(units.sortOrder),
      asc(leaderUnitLinks.startDate),
      asc(leaderUnitLinks.id),
    );
  const linkRows = links.map((r) => ({
    name: r.name,
    mobile: r.mobile ?? '',
    idNumber: r.idNumber ?? '',
    unit: ctx.ref(r.l.unitId),
    kind: linkKindLabel(r.l.kind),
    startDate: r.l.startDate,
    endDate: r.l.endDate ?? '',
  }));
  const deputy = alias(people, 'deputy');
  const sups = await db
    .select({
      d: deputy,
      c: { name: people.name, mobile: people.mobile, idNumber: people.idNumber },
      s: deputySupervisions,
    })
    .from(deputySupervisions)
    .innerJoin(deputy, eq(deputy.id, deputySupervisions.deputyPersonId))
    .innerJoin(people, eq(people.id, deputySupervisions.cadrePersonId))
    .innerJoin(units, eq(units.id, deputy.unitId))
    .where(ctx.inScope)
    .orderBy(
      asc(units.countyId),
      asc(units.sortOrder),
      asc(deputy.id),
      asc(deputySupervisions.startDate),
      asc(deputySupervisions.id),
    );
  const supRows = sups.map((r) => ({
    deputyName: r.d.name,
    deputyMobile: r.d.mobile ?? '',
    deputyIdNumber: r.d.idNumber ?? '',
    cadreName: r.c.name,
    cadreMobile: r.c.mobile ?? '',
    cadreIdNumber: r.c.idNumber ?? '',
    area: r.s.area ?? '',
    startDate: r.s.startDate,
    endDate: r.s.endDate ?? '',
  }));
  return { linkRows, supRows };
}

/**
 * The 组织架构 of the actor's counties (org_admin only) or, for the CLI, of `countyIds` (all when null),
 * in the import layout: importing it back changes nothing. Names, mobiles and ID numbers in full; audited.
 */
export async function exportStructure(
  deps: Deps,
  opts: { actor?: ActorContext; countyIds?: number[] | null; eventId?: string } = {},
) {
  if (opts.actor) assertRole(opts.actor, 'org_admin', '只有组织部门可以导出组织架构');
  const countyIds = opts.actor ? await adminCountyIds(deps.db, opts.actor) : (opts.countyIds ?? null);
  const base = await sheetRows(deps.db, countyIds);
  const { linkRows, supRows } = await linkAndSupervisionRows(deps.db, base);
  const data = await structureWorkbook({
    units: base.unitRows,
    posts: base.postRows,
    links: linkRows,
    supervisions: supRows,
  });
  const counts = {
    units: base.unitRows.length,
    posts: base.postRows.length,
    links: linkRows.length,
    supervisions: supRows.length,
  };
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    action: 'structure.export',
    entity: 'structure',
    eventId: opts.eventId,
    detail: counts,
  });
  return { data, counts };
}
