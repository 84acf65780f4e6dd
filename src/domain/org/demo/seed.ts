import { inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../../clock.js';
import type { Database } from '../../../db/client.js';
import { stamps } from '../../../db/schema/_columns.js';
import { personAssignments } from '../../../db/schema/assignments.js';
import {
  deputySupervisions,
  leadershipPositions,
  leaderUnitLinks,
  people,
  roleGrants,
  units,
} from '../../../db/schema/org.js';
import { conflict } from '../../../errors.js';
import { localDate } from '../../../time.js';
import { SINCE_ALWAYS } from '../org.assignments.js';
import { audit } from '../org.audit.js';
import { bulkInsert } from '../org.bulk.js';
import { namePinyin } from '../org.pinyin.js';
import { type DemoCounty, generateDemoCounty } from './generate.js';

export interface SeedOptions {
  seed?: number;
  scale?: number;
  clock: Clock;
  timezone?: string;
  /** The last 换届 (config TERM_START_DATE). */
  termStart?: string;
}

export interface SeedResult {
  counties: number;
  units: number;
  people: number;
  positions: number;
  supervisions: number;
  links: number;
  grants: number;
}

/** Generates the demo county and inserts it in one transaction; refuses when its units already exist. */
export async function seedDemo(db: Database, opts: SeedOptions): Promise<SeedResult> {
  const at = opts.clock.now();
  const today = localDate(at, opts.timezone ?? 'Asia/Shanghai');
  const county = generateDemoCounty({ seed: opts.seed, scale: opts.scale, today, termStart: opts.termStart });
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ code: units.code })
      .from(units)
      .where(
        inArray(
          units.code,
          county.units.filter((u) => u.kind === 'county').map((u) => u.code),
        ),
      )
      .limit(1);
    if (existing.length > 0) throw conflict(`数据库中已有示范县数据（单位代码 ${existing[0].code}），无需重复生成`);
    const unitIds = await insertUnits(tx, county, at);
    const personIds = await insertPeople(tx, county, unitIds, at);
    await insertLinks(tx, county, unitIds, personIds, at);
    await audit(tx, at, {
      action: 'demo.seed',
      entity: 'county',
      entityId: county.units[0].code,
      detail: { seed: county.seed, scale: county.scale, people: county.people.length },
    });
  });
  return {
    counties: county.scale,
    units: county.units.length,
    people: county.people.length,
    positions: county.positions.length,
    supervisions: county.supervisions.length,
    links: county.links.length,
    grants: county.grants.length,
  };
}

async function insertUnits(tx: Database, county: DemoCounty, at: Date): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const row = (u: DemoCounty['units'][number]) => ({
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parentCode ? ids.get(u.parentCode) : null,
    countyId: ids.get(u.countyCode) ?? null,
    domain: u.domain,
    sortOrder: u.sortOrder,
    ...stamps(at),
  });
  // Roots first (they are their own county), then the units below them.
  for (const level of [county.units.filter((u) => !u.parentCode), county.units.filter((u) => u.parentCode)]) {
    const inserted = await tx.insert(units).values(level.map(row)).returning({ id: units.id, code: units.code });
    for (const r of inserted) ids.set(r.code, r.id);
  }
  await tx.execute(sql`update units set county_id = id where parent_id is null and county_id is null`);
  const deptLinks = county.units.filter((u) => u.domainDeptCode);
  if (deptLinks.length > 0) {
    const values = sql.join(
      deptLinks.map((u) => sql`(${ids.get(u.code)}::int, ${ids.get(u.domainDeptCode!)}::int)`),
      sql`, `,
    );
    await tx.execute(
      sql`update units set domain_dept_unit_id = v.dept from (values ${values}) as v(id, dept) where units.id = v.id`,
    );
  }
  return ids;
}

async function insertPeople(tx: Database, county: DemoCounty, unitIds: Map<string, number>, at: Date) {
  const rows = county.people.map(({ key, unitCode, ...p }) => {
    const py = namePinyin(p.name);
    return {
      ...p,
      personKey: key,
      unitId: unitIds.get(unitCode)!,
      pinyin: py.full,
      pinyinInitials: py.initials,
      ...stamps(at),
    };
  });
  const inserted = await bulkInsert(tx, people, rows, ['id', 'personKey']);
  const ids = new Map(inserted.map((r) => [r.personKey as string, Number(r.id)]));
  // The demo roll is in its units since always (its talk history predates any recorded move).
  await bulkInsert(
    tx,
    personAssignments,
    rows.map((r) => ({
      personId: ids.get(r.personKey)!,
      unitId: r.unitId,
      position: r.position ?? null,
      rank: r.rank ?? null,
      startDate: SINCE_ALWAYS,
      unitSince: SINCE_ALWAYS,
      source: 'demo',
      createdAt: at,
    })),
  );
  return ids;
}

async function insertLinks(
  tx: Database,
  c: DemoCounty,
  unitIds: Map<string, number>,
  personIds: Map<string, number>,
  at: Date,
) {
  const unit = (code: string | null) => (code ? unitIds.get(code)! : null);
  const person = (key: string) => personIds.get(key)!;
  await bulkInsert(
    tx,
    leadershipPositions,
    c.positions.map((p) => ({
      personId: person(p.personKey),
      unitId: unit(p.unitCode)!,
      role: p.role,
      title: p.title,
      startDate: p.startDate,
      endDate: p.endDate ?? null,
    })),
  );
  await bulkInsert(
    tx,
    deputySupervisions,
    c.supervisions.map((s) => ({
      deputyPersonId: person(s.deputyKey),
      cadrePersonId: person(s.cadreKey),
      area: s.area,
      startDate: s.startDate,
    })),
  );
  await bulkInsert(
    tx,
    leaderUnitLinks,
    c.links.map((l) => ({
      leaderPersonId: person(l.leaderKey),
      unitId: unit(l.unitCode)!,
      kind: l.kind,
      startDate: l.startDate,
    })),
  );
  await bulkInsert(
    tx,
    roleGrants,
    c.grants.map((g) => ({
      personId: person(g.personKey),
      role: g.role,
      unitId: unit(g.unitCode),
      domain: g.domain,
      grantedAt: at,
    })),
  );
}
