import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/db/schema/org.js';
import {
  DEMO_PERSONAS,
  DEMO_TERM_START,
  demoDirectory,
  generateDemoCounty,
} from '../../../src/domain/org/demo/generate.js';
import { rankFor } from '../../../src/domain/org/demo/people.js';
import { ageOn, isHighEducation, isValidIdNumber } from '../../../src/domain/org/org.rules.js';

describe('demo county generator', () => {
  const today = '2026-11-30';
  const county = generateDemoCounty({ today });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(generateDemoCounty({ today })).toEqual(county);
    const other = generateDemoCounty({ today, seed: 7 });
    expect(other.people.map((p) => p.name)).not.toEqual(county.people.map((p) => p.name));
  });

  it('has about 20 townships, 40 departments and institutions and 3,000 cadres', () => {
    const kinds = (k: string) => county.units.filter((u) => u.kind === k).length;
    expect(kinds('county')).toBe(1);
    expect(kinds('township')).toBe(20);
    expect(kinds('county_department') + kinds('institution')).toBe(42);
    expect(county.people.length).toBeGreaterThan(2900);
    expect(county.people.length).toBeLessThan(3100);
    expect(county.people.filter((p) => p.isCountyLeader)).toHaveLength(15);
  });

  it('has a realistic age mix and unique, valid, fictional identifiers', () => {
    const ages = county.people.map((p) => ageOn(p.birthDate, today));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(22);
    expect(Math.max(...ages)).toBeLessThanOrEqual(59);
    const young = ages.filter((a) => a < 35).length / ages.length;
    expect(young).toBeGreaterThan(0.27);
    expect(young).toBeLessThan(0.34);
    expect(new Set(county.people.map((p) => p.key)).size).toBe(county.people.length);
    expect(new Set(county.people.map((p) => p.mobile)).size).toBe(county.people.length);
    expect(county.people.every((p) => isValidIdNumber(p.idNumber) && p.idNumber.startsWith('99'))).toBe(true);
    expect(county.people.every((p) => p.email.endsWith('@shifanxian.gov.cn'))).toBe(true);
  });

  it('gives township teams the seed report’s structure, today and at the 换届', () => {
    const byKey = new Map(county.people.map((p) => [p.key, p]));
    const townships = new Set(county.units.filter((u) => u.kind === 'township').map((u) => u.code));
    const postsOn = (on: string) =>
      county.positions.filter(
        (p) => townships.has(p.unitCode) && p.startDate <= on && (p.endDate === undefined || p.endDate > on),
      );
    const team = postsOn(today).map((p) => byKey.get(p.personKey)!);
    // 35岁以下 / 30岁以下 under the default inclusive rule: under 36 / 31 full years.
    const under = (n: number) => team.filter((p) => ageOn(p.birthDate, today) < n).length;
    expect(team).toHaveLength(240);
    expect(under(36)).toBe(72);
    expect(under(31)).toBe(19);
    for (const code of townships) {
      const members = postsOn(today).filter((p) => p.unitCode === code);
      expect(
        members.some((p) => ageOn(byKey.get(p.personKey)!.birthDate, today) < 36),
        code,
      ).toBe(true);
    }
    // The teams as elected at the 换届: 243 members, 233 of them with 2+ years of township work that day.
    expect(county.termStart).toBe(DEMO_TERM_START);
    const elected = postsOn(DEMO_TERM_START).map((p) => byKey.get(p.personKey)!);
    expect(elected).toHaveLength(243);
    const experienced = elected.filter((p) => p.townshipWorkStart && ageOn(p.townshipWorkStart, DEMO_TERM_START) >= 2);
    expect(experienced).toHaveLength(233);
    // Every move is dated between the 换届 and the start of the demo's other relations.
    const moves = county.positions.filter((p) => townships.has(p.unitCode) && p.startDate !== DEMO_TERM_START);
    expect(moves).toHaveLength(34);
    expect(county.positions.filter((p) => p.endDate)).toHaveLength(37);
    expect(moves.every((p) => p.startDate > DEMO_TERM_START && p.startDate < county.supervisions[0].startDate)).toBe(
      true,
    );
  });

  it('starts the township teams at another 换届 when told', () => {
    const other = generateDemoCounty({ today, termStart: '2022-01-01' });
    const townships = new Set(other.units.filter((u) => u.kind === 'township').map((u) => u.code));
    const starts = other.positions.filter((p) => townships.has(p.unitCode)).map((p) => p.startDate);
    expect(starts.every((d) => d >= '2022-01-01')).toBe(true);
    expect(starts).toContain('2022-01-01');
  });

  it('has mentoring candidates in the seed’s range (高学历 + 选调生 + 挂职 under 35)', () => {
    const mentees = county.people.filter(
      (p) => ageOn(p.birthDate, today) < 35 && (isHighEducation(p.education) || p.isXuandiao || p.isSecondee),
    );
    expect(mentees.length).toBeGreaterThan(350);
    expect(mentees.length).toBeLessThan(500);
  });

  it('grants every role of SPEC §1 (directly or through posts and links)', () => {
    const directory = demoDirectory(county);
    const held = new Set(directory.flatMap((d) => d.roles));
    for (const role of ROLES) expect(held, role).toContain(role);
    expect(county.links.length).toBeGreaterThanOrEqual(62);
    expect(county.supervisions.length).toBeGreaterThan(2000);
  });

  it('places the personas where the docs say, first in the directory', () => {
    const directory = demoDirectory(county);
    const personas = Object.values(DEMO_PERSONAS);
    expect(directory.slice(0, personas.length).map((d) => d.mobile)).toEqual(personas.map((p) => p.mobile));
    for (const p of personas) {
      const person = county.people.find((x) => x.mobile === p.mobile)!;
      expect(person.name).toBe(p.name);
      expect(ageOn(person.birthDate, today)).toBe(p.age);
      expect(directory.find((d) => d.mobile === p.mobile)!.unitName).toBe(p.unit);
    }
    const admin = directory.find((d) => d.mobile === DEMO_PERSONAS.orgAdmin.mobile)!;
    expect(admin.roles).toContain('org_admin');
    const deputy = county.people.find((x) => x.mobile === DEMO_PERSONAS.townshipDeputy.mobile)!;
    const cadre = county.people.find((x) => x.mobile === DEMO_PERSONAS.youngCadre.mobile)!;
    const other = county.people.find((x) => x.mobile === DEMO_PERSONAS.otherDeputysCadre.mobile)!;
    expect(county.supervisions.some((s) => s.deputyKey === deputy.key && s.cadreKey === cadre.key)).toBe(true);
    expect(county.supervisions.some((s) => s.deputyKey === deputy.key && s.cadreKey === other.key)).toBe(false);
  });

  it('names every unit the county leader persona contacts or supervises in his note', () => {
    const leader = county.people.find((x) => x.mobile === DEMO_PERSONAS.countyLeader.mobile)!;
    const byCode = new Map(county.units.map((u) => [u.code, u]));
    const linked = county.links.filter((l) => l.leaderKey === leader.key).map((l) => byCode.get(l.unitCode)!);
    expect(linked.length).toBeGreaterThan(0);
    const note = DEMO_PERSONAS.countyLeader.note;
    for (const u of linked) {
      // An institution is covered by its department's "及其所属" in the note.
      const named = u.kind === 'institution' ? byCode.get(u.domainDeptCode!)!.name : u.name;
      expect(note, `${u.name} (${u.kind})`).toContain(named);
    }
    expect(note).toContain('县退役军人事务局');
  });

  it('gives the 县委书记 a 职级 that fits a 正处 post (县处级正职: 一级调研员, not a 巡视员)', () => {
    const secretary = county.people.find((x) => x.position === '县委书记')!;
    expect(secretary.rank).toBe('一级调研员');
  });

  it.each([
    ['正处', 52, '一级调研员'],
    ['正处', 43, '二级调研员'],
    ['副处', 50, '三级调研员'],
    ['副处', 40, '四级调研员'],
    ['正科', 45, '一级主任科员'],
    ['正科', 36, '二级主任科员'],
    ['副科', 40, '三级主任科员'],
    ['副科', 30, '四级主任科员'],
    ['', 24, '二级科员'],
  ])('a %s post at %i holds 职级 %s (职务与职级并行规定)', (level, age, rank) => {
    expect(rankFor('公务员', age, level)).toBe(rank);
  });

  it('gives every civil servant a 职级 of his post level: no 巡视员 in a county, no 调研员 below 副处', () => {
    const levelOf: Record<string, string[]> = {
      正处: ['一级调研员', '二级调研员'],
      副处: ['三级调研员', '四级调研员'],
      正科: ['一级主任科员', '二级主任科员'],
      副科: ['三级主任科员', '四级主任科员'],
    };
    const civil = county.people.filter(
      (p) => ['公务员', '参公'].includes(p.cadreType) && levelOf[p.leadershipLevel ?? ''],
    );
    expect(civil.length).toBeGreaterThan(100);
    for (const p of civil) expect(levelOf[p.leadershipLevel!], `${p.position} ${p.leadershipLevel}`).toContain(p.rank);
  });

  it('scales by whole counties', () => {
    const three = generateDemoCounty({ today, scale: 3 });
    expect(three.units.filter((u) => u.kind === 'county').map((u) => u.name)).toEqual(['示范县', '示范2县', '示范3县']);
    expect(three.people.length).toBe(county.people.length * 3);
    expect(new Set(three.people.map((p) => p.mobile)).size).toBe(three.people.length);
    expect(new Set(three.people.map((p) => p.key)).size).toBe(three.people.length);
  });
});
