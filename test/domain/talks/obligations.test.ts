import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { talks } from '../../../src/db/schema/talks.js';
import { type ObligationFilter, obligationStates } from '../../../src/domain/talks/talks.obligations.js';
import { DEFAULT_CADENCES } from '../../../src/domain/talks/talks.periods.js';
import { currentSpecs, previousSpecs } from '../../../src/domain/talks/talks.rules.js';
import { createTestDb } from '../../helpers/db.js';
import { T0 } from '../../helpers/stamps.js';
import { link, mentor, person, pool, post, supervise, unit } from './builders.js';

/**
 * One small county, built once; every case reads obligations at a date. Rows are written
 * 'relation leader→cadre period state' so a table shows exactly who owes whom.
 */
let h: DbHandle;
const names = new Map<number, string>();
const ids: Record<string, number> = {};
let t1Id = 0;

async function p(name: string, o: Parameters<typeof person>[2]) {
  const { id } = await person(h.db, name, o);
  names.set(id, name);
  ids[name] = id;
  return id;
}

async function talk(talker: string, cadre: string, date: string) {
  await h.db.insert(talks).values({
    talkerPersonId: ids[talker],
    cadrePersonId: ids[cadre],
    talkDate: date,
    kind: 'regular',
    tone: 'encourage',
    topics: ['工作'],
    ...T0,
  });
}

async function rows(asOf: string, which: 'current' | 'previous', filter: ObligationFilter = {}) {
  const specs = (which === 'current' ? currentSpecs : previousSpecs)(DEFAULT_CADENCES, asOf, 35);
  const out = await obligationStates(h.db, specs, asOf, filter);
  return out
    .map((r) => `${r.relation} ${names.get(r.leaderId)}→${names.get(r.cadreId)} ${r.periodKey} ${r.state}`)
    .sort();
}

beforeAll(async () => {
  h = await createTestDb();
  const county = await unit(h.db, '测试县', { kind: 'county' });
  const t1 = await unit(h.db, '一镇', { countyId: county });
  const t2 = await unit(h.db, '二镇', { countyId: county });
  await p('主甲', { unitId: t1, birthDate: '1975-01-01' });
  await p('主乙', { unitId: t1, birthDate: '1976-01-01' });
  await p('副丙', { unitId: t1, birthDate: '1985-01-01' });
  await p('县领导', { unitId: county, birthDate: '1970-01-01', isCountyLeader: true });
  await p('班子丁', { unitId: t1, birthDate: '1980-01-01' });
  await p('阿满', { unitId: t1, birthDate: '1991-06-15' }); // turns 35 on 2026-06-15
  await p('小白', { unitId: t1, birthDate: '1995-01-01' });
  await p('闰生', { unitId: t1, birthDate: '1992-02-29' }); // turns 35 on 2027-03-01
  await p('老王', { unitId: t1, birthDate: '1980-05-05' });
  await p('已离', { unitId: t1, birthDate: '1996-01-01', active: false, leftAt: '2026-04-10' });
  await p('二镇青', { unitId: t2, birthDate: '1998-01-01' });
  await post(h.db, ids.主甲, t1, 'main', '2025-01-01', '2026-05-15');
  await post(h.db, ids.主乙, t1, 'main', '2026-05-15');
  await post(h.db, ids.副丙, t1, 'deputy', '2025-01-01');
  await post(h.db, ids.班子丁, t1, 'member', '2025-01-01', '2026-09-01');
  await supervise(h.db, ids.副丙, ids.阿满, '2025-01-01');
  await supervise(h.db, ids.副丙, ids.二镇青, '2025-01-01'); // outside his unit: no obligation
  await link(h.db, ids.县领导, t1, 'contact', '2025-01-01');
  await link(h.db, ids.县领导, t1, 'supervise', '2025-01-01'); // contact + supervise: still one obligation
  await link(h.db, ids.县领导, t2, 'contact', '2026-07-01');
  await mentor(h.db, ids.县领导, ids.小白, '2026-01-10');
  await mentor(h.db, ids.班子丁, ids.闰生, '2026-01-10'); // his post ends 2026-09-01
  for (const name of ['阿满', '小白', '闰生', '已离', '二镇青']) await pool(h.db, ids[name], '2024-01-01');
  t1Id = t1;
  const t3 = await unit(h.db, '三镇', { countyId: county });
  await p('三镇主', { unitId: t3, birthDate: '1970-01-01' });
  await post(h.db, ids.三镇主, t3, 'main', '2025-01-01');
  await link(h.db, ids.县领导, t3, 'contact', '2025-01-01');
  await p('库外', { unitId: t3, birthDate: '1998-01-01' }); // young, never in the pool
  await p('出库', { unitId: t3, birthDate: '1998-02-02' });
  await pool(h.db, ids.出库, '2024-01-01', '2026-05-20'); // left the pool mid-quarter
  await talk('主甲', '阿满', '2026-04-20');
  await talk('副丙', '阿满', '2026-05-31');
  await talk('副丙', '阿满', '2026-06-01');
});
afterAll(async () => h.close());

describe('obligations derived from the org data', () => {
  it('before a leader rotates (2026-05-10)', async () => {
    expect(await rows('2026-05-10', 'current', { unitIds: [t1Id] })).toEqual(
      [
        'county_leader 县领导→小白 2026-H1 open',
        'county_leader 县领导→阿满 2026-H1 open',
        'county_leader 县领导→闰生 2026-H1 open',
        'mentor 县领导→小白 2026-H1 open',
        'mentor 班子丁→闰生 2026-H1 open',
        'unit_deputy 副丙→阿满 2026-05 open',
        'unit_main 主甲→小白 2026-Q2 open',
        'unit_main 主甲→阿满 2026-Q2 done',
        'unit_main 主甲→闰生 2026-Q2 open',
      ].sort(),
    );
  });

  it('a leader rotating mid-quarter hands the quarter to his successor; his predecessor’s talk counts', async () => {
    // 主甲 talked to 阿满 in Q2 before handing over: the obligation belongs to the post, so it is done.
    expect(await rows('2026-05-20', 'current', { leaderId: ids.主乙 })).toEqual([
      'unit_main 主乙→小白 2026-Q2 open',
      'unit_main 主乙→闰生 2026-Q2 open',
      'unit_main 主乙→阿满 2026-Q2 done',
    ]);
    expect(await rows('2026-05-20', 'current', { leaderId: ids.主甲 })).toEqual([]);
  });

  it('a finished quarter is judged as the org stood on its last day (cadre who turned 35 drops out)', async () => {
    expect(await rows('2026-07-02', 'previous', { leaderId: ids.主乙 })).toEqual([
      'unit_main 主乙→小白 2026-Q2 overdue',
      'unit_main 主乙→闰生 2026-Q2 overdue',
    ]);
  });

  it.each([
    ['2026-06-10', 'current', ['unit_deputy 副丙→阿满 2026-06 done']],
    ['2026-06-14', 'current', ['unit_deputy 副丙→阿满 2026-06 done']],
    ['2026-06-15', 'current', []],
    ['2026-07-01', 'previous', []],
    ['2026-06-01', 'previous', ['unit_deputy 副丙→阿满 2026-05 done']],
  ] as const)('turning 35 mid-month: deputy on %s (%s period)', async (asOf, which, expected) => {
    expect(await rows(asOf, which, { leaderId: ids.副丙 })).toEqual(expected);
  });

  it.each([
    ['2027-02-28', ['unit_main 主乙→小白 2027-Q1 open', 'unit_main 主乙→闰生 2027-Q1 open']],
    ['2027-03-01', ['unit_main 主乙→小白 2027-Q1 open']],
  ])('a 02-29 birthday turns 35 on 03-01 of a common year (%s)', async (asOf, expected) => {
    expect(await rows(asOf, 'current', { leaderId: ids.主乙 })).toEqual(expected);
  });

  it.each([
    ['2026-06-30', 'current', 0],
    ['2026-07-01', 'current', 1],
  ] as const)('a county leader link starting 07-01 (%s)', async (asOf, which, n) => {
    const r = await rows(asOf, which, { leaderId: ids.县领导, cadreId: ids.二镇青 });
    expect(r).toHaveLength(n);
  });

  it('someone who left is still owed a talk for the periods before he left', async () => {
    expect(await rows('2026-04-05', 'previous', { cadreId: ids.已离 })).toEqual([
      'county_leader 县领导→已离 2025-H2 overdue',
      'unit_main 主甲→已离 2026-Q1 overdue',
    ]);
    expect(await rows('2026-04-05', 'current', { cadreId: ids.已离 })).toEqual([
      'county_leader 县领导→已离 2026-H1 open',
      'unit_main 主甲→已离 2026-Q2 open',
    ]);
    expect(await rows('2026-04-12', 'current', { cadreId: ids.已离 })).toEqual([]);
  });

  it('a mentor who left the post owes nothing (the pair is flagged instead)', async () => {
    expect(await rows('2026-08-01', 'current', { leaderId: ids.班子丁 })).toEqual(['mentor 班子丁→闰生 2026-H2 open']);
    expect(await rows('2026-09-02', 'current', { leaderId: ids.班子丁 })).toEqual([]);
  });

  it('as of a past day, later talks do not count yet', async () => {
    expect(await rows('2026-05-10', 'current', { leaderId: ids.副丙 })).toEqual(['unit_deputy 副丙→阿满 2026-05 open']);
    expect(await rows('2026-05-31', 'current', { leaderId: ids.副丙 })).toEqual(['unit_deputy 副丙→阿满 2026-05 done']);
  });

  it('a talk counts for the period it is dated in only (boundary days)', async () => {
    // 05-31 satisfies May, 06-01 satisfies June; neither satisfies the other.
    const may = await obligationStates(h.db, previousSpecs(DEFAULT_CADENCES, '2026-06-05', 35), '2026-06-05', {
      leaderId: ids.副丙,
    });
    expect(may.map((r) => [r.periodKey, r.talkCount, r.lastTalkDate])).toEqual([['2026-05', 1, '2026-05-31']]);
  });

  it.each([
    ['库外', '2026-05-10', ['unit_main 三镇主→库外 2026-Q2 open']],
    ['出库', '2026-05-19', ['county_leader 县领导→出库 2026-H1 open', 'unit_main 三镇主→出库 2026-Q2 open']],
    ['出库', '2026-05-20', ['unit_main 三镇主→出库 2026-Q2 open']],
  ])('county leaders talk to pool cadres only: %s on %s', async (name, asOf, expected) => {
    expect(await rows(asOf, 'current', { cadreId: ids[name] })).toEqual(expected);
  });

  it('filters by unit', async () => {
    expect(await rows('2026-07-05', 'current', { unitIds: [] })).toEqual([]);
    const t2 = await rows('2026-07-05', 'current', { cadreId: ids.二镇青 });
    expect(t2).toEqual(['county_leader 县领导→二镇青 2026-H2 open']);
  });

  it.each([
    ['2026-05-20', 'current'],
    ['2026-07-02', 'previous'],
    ['2026-07-05', 'current'],
    ['2026-12-22', 'current'],
  ] as const)(
    'a filter pushed inside the query gives the same rows as filtering them all (%s, %s)',
    async (asOf, which) => {
      const specs = (which === 'current' ? currentSpecs : previousSpecs)(DEFAULT_CADENCES, asOf, 35);
      const all = await obligationStates(h.db, specs, asOf);
      expect(all.length).toBeGreaterThan(0);
      const key = (r: (typeof all)[number]) =>
        `${r.relation} ${r.periodKey} ${r.leaderId}→${r.cadreId}@${r.unitId} ${r.talkCount} ${r.lastTalkDate} ${r.state}`;
      const filters: ObligationFilter[] = [
        ...[...new Set(all.map((r) => r.unitId))].map((u) => ({ unitIds: [u] })),
        ...[...new Set(all.map((r) => r.leaderId))].map((leaderId) => ({ leaderId })),
        ...[...new Set(all.map((r) => r.cadreId))].map((cadreId) => ({ cadreId })),
        { unitIds: [...new Set(all.map((r) => r.unitId))].slice(0, 2) },
      ];
      for (const f of filters) {
        const expected = all
          .filter((r) => (f.unitIds ? f.unitIds.includes(r.unitId) : true))
          .filter((r) => (f.leaderId !== undefined ? r.leaderId === f.leaderId : true))
          .filter((r) => (f.cadreId !== undefined ? r.cadreId === f.cadreId : true))
          .map(key)
          .sort();
        const got = (await obligationStates(h.db, specs, asOf, f)).map(key).sort();
        expect({ f, got }).toEqual({ f, got: expected });
      }
    },
  );
});
