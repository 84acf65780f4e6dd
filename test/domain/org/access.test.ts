import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, leadershipPositions, people, roleGrants, units } from '../../../src/db/schema/org.js';
import { poolEntries } from '../../../src/db/schema/pool.js';
import type { PersonaId } from '../../../src/domain/org/demo/personas.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import {
  addScopeRule,
  canViewPerson,
  hasRole,
  loadActor,
  maskPerson,
  viewableScopeSql,
} from '../../../src/domain/org/org.access.js';
import { searchForActor, viewProfile } from '../../../src/domain/org/org.profile.js';
import { youngBirthCutoff } from '../../../src/domain/org/org.rules.js';
import { countyLeaderPoolCadres } from '../../../src/domain/pool/pool.scope.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';
import { type OrgFixture, seededCounty } from './org.fixture.js';

const ON = '2026-11-30';
const MAX = 35;

describe('who may view whom (SPEC §1) on the demo county', () => {
  let f: OrgFixture;
  let others: {
    oldInQingshan: number;
    youngInSchool: number;
    youngInEducationBureau: number;
    exitedInQingshan: number;
  };
  beforeAll(async () => {
    // As poolCapability.register does: county leaders see the pool cadres of their units.
    addScopeRule('pool.countyLeaderCadres', countyLeaderPoolCadres);
    f = await seededCounty();
    const db = f.handle.db;
    const young = sql`${people.birthDate} > ${youngBirthCutoff(ON, MAX)}`;
    const inUnit = (name: string) =>
      sql`${people.unitId} = (select id from units where name = ${name} and code like 'SFX-%')`;
    // The last person of a unit is staff, never its leader (who may always view himself).
    const pick = async (cond: ReturnType<typeof sql>) =>
      (await db.select({ id: people.id }).from(people).where(cond).orderBy(desc(people.id)).limit(1))[0].id;
    others = {
      oldInQingshan: await pick(sql`${inUnit('青山镇')} and not (${young})`),
      youngInSchool: await pick(sql`${inUnit('县第一中学')} and ${young}`),
      youngInEducationBureau: await pick(sql`${inUnit('县教育局')} and ${young}`),
      exitedInQingshan: await pick(
        sql`${inUnit('青山镇')} and ${young} and ${people.mobile} not in ('13900000005', '13900000006')`,
      ),
    };
    // Pool cadres: 陈思雨 (青山镇, which 赵建国 contacts), a teacher of 县第一中学 (a unit he supervises) and
    // 黄雅婷 (白水镇, not his); one more 青山镇 cadre left the pool. 刘子轩 (青山镇) is young but not in it.
    const entry = (personId: number) => ({ personId, tier: 'mid_term' as const, enteredOn: '2025-03-01', ...T0 });
    await db
      .insert(poolEntries)
      .values([
        entry(await f.id('youngCadre')),
        entry(others.youngInSchool),
        entry(await f.id('otherTownshipCadre')),
        { ...entry(others.exitedInQingshan), status: 'exited', exitedOn: '2026-06-30', exitReason: 'transferred' },
      ]);
  });
  afterAll(async () => f.close());

  const can = async (viewer: PersonaId, target: number | PersonaId) => {
    const actor = await loadActor(f.handle.db, await f.id(viewer), ON);
    const id = typeof target === 'number' ? target : await f.id(target);
    return canViewPerson(f.handle.db, actor, id, ON, MAX);
  };

  it.each<[PersonaId, PersonaId | keyof typeof others, boolean]>([
    ['orgAdmin', 'youngCadre', true],
    ['orgAdmin', 'otherTownshipCadre', true],
    ['orgAdmin', 'oldInQingshan', true],
    ['orgAdmin', 'countyLeader', true],
    // County leader: pool cadres of the units he contacts (青山镇) or supervises (县第一中学), nobody else.
    ['countyLeader', 'youngCadre', true],
    ['countyLeader', 'youngInSchool', true],
    ['countyLeader', 'otherDeputysCadre', false],
    ['countyLeader', 'exitedInQingshan', false],
    ['countyLeader', 'otherTownshipCadre', false],
    ['countyLeader', 'oldInQingshan', false],
    ['townshipMain', 'youngCadre', true],
    ['townshipMain', 'otherDeputysCadre', true],
    ['townshipMain', 'otherTownshipCadre', false],
    ['townshipMain', 'oldInQingshan', false],
    ['townshipDeputy', 'youngCadre', true],
    ['townshipDeputy', 'otherDeputysCadre', false],
    ['townshipDeputy', 'otherTownshipCadre', false],
    ['deptMain', 'youngInEducationBureau', true],
    ['deptMain', 'youngInSchool', false],
    ['deptMain', 'youngCadre', false],
    ['youngCadre', 'youngCadre', true],
    ['youngCadre', 'otherDeputysCadre', false],
    ['partyOrg', 'youngInEducationBureau', false],
    ['domainDept', 'youngInSchool', false],
    ['disciplineLiaison', 'youngCadre', false],
  ])('%s → %s: %s', async (viewer, target, expected) => {
    const t = target in others ? others[target as keyof typeof others] : (target as PersonaId);
    expect(await can(viewer, t)).toBe(expected);
  });

  it('derives roles from grants, posts and links', async () => {
    const roles = async (p: PersonaId) =>
      (await loadActor(f.handle.db, await f.id(p), ON)).roles.map((r) => r.role).sort();
    expect(await roles('orgAdmin')).toEqual(['cadre', 'org_admin']);
    expect(await roles('countyLeader')).toEqual(['cadre', 'county_leader']);
    expect(await roles('townshipMain')).toEqual(['cadre', 'unit_main_leader']);
    expect(await roles('townshipDeputy')).toEqual(['cadre', 'unit_deputy_leader']);
    expect(await roles('partyOrg')).toEqual(['cadre', 'unit_party_org']);
    expect(await roles('domainDept')).toEqual(['cadre', 'domain_dept']);
    expect(await roles('disciplineLiaison')).toEqual(['cadre', 'discipline_liaison']);
    expect(await roles('youngCadre')).toEqual(['cadre']);
  });

  it('checks posts and grants in force on the date: ended posts and revoked grants give nothing', async () => {
    const db = f.handle.db;
    const me = await f.id('youngCadre');
    const [baishui] = await db.select({ id: units.id }).from(units).where(eq(units.name, '白水镇')).limit(1);
    await db
      .insert(leadershipPositions)
      .values({ personId: me, unitId: baishui.id, role: 'main', startDate: '2025-01-01', endDate: ON });
    await db.insert(roleGrants).values({
      personId: me,
      role: 'org_admin',
      unitId: baishui.id,
      grantedAt: FIXTURE_AT,
      revokedAt: new Date('2026-11-01T00:00:00Z'),
    });
    const actor = await loadActor(db, me, ON);
    expect(hasRole(actor, 'unit_main_leader')).toBe(false);
    expect(hasRole(actor, 'org_admin')).toBe(false);
    expect(hasRole(await loadActor(db, me, '2026-11-29'), 'unit_main_leader')).toBe(true);
    expect(await can('youngCadre', 'otherTownshipCadre')).toBe(false);
  });

  it('takes the young-cadre threshold from configuration', async () => {
    const main = await loadActor(f.handle.db, await f.id('townshipMain'), ON);
    // 刘子轩 is 29, 陈思雨 27.
    expect(await canViewPerson(f.handle.db, main, await f.id('otherDeputysCadre'), ON, 29)).toBe(false);
    expect(await canViewPerson(f.handle.db, main, await f.id('youngCadre'), ON, 29)).toBe(true);
  });

  it('filters sets with the same condition as single checks', async () => {
    const deputy = await loadActor(f.handle.db, await f.id('townshipDeputy'), ON);
    const rows = await f.handle.db
      .select({ id: people.id })
      .from(people)
      .where(viewableScopeSql(deputy, { onDate: ON, youngMaxAge: MAX }));
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(await canViewPerson(f.handle.db, deputy, r.id, ON, MAX)).toBe(true);
    expect(rows.map((r) => r.id)).toContain(await f.id('youngCadre'));
    expect(rows.map((r) => r.id)).not.toContain(await f.id('otherDeputysCadre'));
  });

  it('a county leader’s set is himself and the pool cadres of his units, nobody else', async () => {
    const leader = await loadActor(f.handle.db, await f.id('countyLeader'), ON);
    const rows = await f.handle.db
      .select({ id: people.id })
      .from(people)
      .where(viewableScopeSql(leader, { onDate: ON, youngMaxAge: MAX }));
    const expected = [await f.id('countyLeader'), await f.id('youngCadre'), others.youngInSchool];
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });

  it('masks ID numbers and phones for everyone but org_admin', async () => {
    const admin = await loadActor(f.handle.db, await f.id('orgAdmin'), ON);
    const main = await loadActor(f.handle.db, await f.id('townshipMain'), ON);
    const row = { idNumber: '99010119990101001X', mobile: '13900000005' };
    expect(maskPerson(admin, row)).toEqual(row);
    expect(maskPerson(main, row)).toEqual({ idNumber: '9901**********001X', mobile: '139****0005' });
  });
});

describe('profile views and searches are checked and audited', () => {
  let f: OrgFixture;
  beforeAll(async () => {
    f = await seededCounty();
  });
  afterAll(async () => f.close());

  const audits = async (actorId: number, action: string, entityId?: number) =>
    f.handle.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.actorPersonId, actorId),
          eq(auditLog.action, action),
          entityId === undefined ? undefined : eq(auditLog.entityId, String(entityId)),
        ),
      );

  it('org_admin sees the phone number in full; the view is audited with the event', async () => {
    const adminId = await f.id('orgAdmin');
    const target = await f.id('youngCadre');
    const admin = await loadActor(f.handle.db, adminId, ON);
    const { person } = await viewProfile(f.deps, admin, target, { eventId: 'ev_1' });
    expect(person.mobile).toBe('13900000005');
    expect(person.idNumber).toMatch(/^\d{17}[\dX]$/);
    const [entry] = await audits(adminId, 'person.view', target);
    expect(entry).toMatchObject({ entity: 'person', eventId: 'ev_1' });
  });

  it('a deputy sees his cadre masked, is refused another, and both are audited', async () => {
    const deputyId = await f.id('townshipDeputy');
    const deputy = await loadActor(f.handle.db, deputyId, ON);
    const mine = await f.id('youngCadre');
    const notMine = await f.id('otherDeputysCadre');
    const { person } = await viewProfile(f.deps, deputy, mine);
    expect(person.mobile).toBe('139****0005');
    expect(person.idNumber).toMatch(/^9901\*{10}/);
    await expect(viewProfile(f.deps, deputy, notMine)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: '您无权查看该干部的信息',
    });
    expect(await audits(deputyId, 'person.view', mine)).toHaveLength(1);
    expect(await audits(deputyId, 'person.view.denied', notMine)).toHaveLength(1);
  });

  it('a unit leader cannot view another unit’s cadre (audited refusal)', async () => {
    const mainId = await f.id('townshipMain');
    const main = await loadActor(f.handle.db, mainId, ON);
    const other = await f.id('otherTownshipCadre');
    await expect(viewProfile(f.deps, main, other)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await audits(mainId, 'person.view.denied', other)).toHaveLength(1);
  });

  it('refuses to seed the demo county twice', async () => {
    await expect(seedDemo(f.handle.db, { clock: f.clock })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('search finds by name or pinyin initials only within scope, and is audited', async () => {
    const deputyId = await f.id('townshipDeputy');
    const deputy = await loadActor(f.handle.db, deputyId, ON);
    const byInitials = await searchForActor(f.deps, deputy, 'csy');
    expect(byInitials.matches.map((m) => m.name)).toContain('陈思雨');
    const outOfScope = await searchForActor(f.deps, deputy, '刘子轩');
    expect(outOfScope.matches).toHaveLength(0);
    const admin = await loadActor(f.handle.db, await f.id('orgAdmin'), ON);
    expect((await searchForActor(f.deps, admin, '刘子轩')).matches.map((m) => m.name)).toContain('刘子轩');
    const entries = await audits(deputyId, 'person.search');
    expect(entries.map((e) => (e.detail as any).query)).toEqual(['csy', '刘子轩']);
  });
});
