/**
 * The org over time (acceptance): a transfer by roster import with a 生效日期, a leader rotating in the last
 * week of a quarter, and the effective-date refusals. Obligations come from the dated assignments.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { people } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import type { Deps } from '../../../src/deps.js';
import { idCheckChar } from '../../../src/domain/org/org.rules.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { loadSpecContext } from '../../../src/domain/talks/talks.context.js';
import { obligationStates } from '../../../src/domain/talks/talks.obligations.js';
import { specsBetween } from '../../../src/domain/talks/talks.rules.js';
import { createTestDb } from '../../helpers/db.js';
import { T0 } from '../../helpers/stamps.js';
import { testDeps } from '../org/org.fixture.js';
import { xlsx } from '../org/roster.fixture.js';
import { person, post, supervise, unit } from './builders.js';

const idOf = (birth: string, seq: string) => {
  const first17 = `110101${birth.replaceAll('-', '')}${seq}`;
  return first17 + idCheckChar(first17);
};
const CSY_ID = idOf('1994-03-03', '002');
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

let handle: DbHandle;
let deps: Deps;
let clock: ReturnType<typeof testDeps>['clock'];
const ids: Record<string, number> = {};
const names = new Map<number, string>();

async function add(name: string, o: Parameters<typeof person>[2]) {
  const p = await person(handle.db, name, o);
  ids[name] = p.id;
  names.set(p.id, name);
}

/** Obligation lines of the periods overlapping [from, to], judged on `asOf`. */
async function lines(from: string, to: string, asOf: string, relation?: string) {
  const ctx = await loadSpecContext(deps);
  const specs = specsBetween(ctx.cadences, from, to, asOf, ctx.maxAge, ctx.grace).filter(
    (s) => !relation || s.relation === relation,
  );
  return (await obligationStates(handle.db, specs, asOf))
    .map((r) => `${r.relation} ${names.get(r.leaderId)}→${names.get(r.cadreId)} ${r.periodKey} ${r.state}`)
    .sort();
}

async function roster(rows: (string | null)[][], day: string) {
  clock.freeze(at(day));
  const file = await xlsx(['姓名', '性别', '出生年月', '学历', '单位', '身份证号', '生效日期'], rows);
  return importRoster(deps, file);
}

beforeAll(async () => {
  handle = await createTestDb();
  ({ deps, clock } = testDeps(handle));
  const county = await unit(handle.db, '测试县', { kind: 'county' });
  const qs = await unit(handle.db, '青山镇', { countyId: county });
  const bs = await unit(handle.db, '白水镇', { countyId: county });
  await add('吴海涛', { unitId: qs, birthDate: '1980-01-01' });
  await add('白副', { unitId: bs, birthDate: '1981-01-01' });
  await add('周书记', { unitId: qs, birthDate: '1975-01-01' });
  await add('新书记', { unitId: qs, birthDate: '1976-01-01' });
  const csy = await person(handle.db, '陈思雨', { unitId: qs, birthDate: '1994-03-03' });
  ids.陈思雨 = csy.id;
  names.set(csy.id, '陈思雨');
  await handle.db
    .update(people)
    .set({ idNumber: CSY_ID, personKey: `id:${CSY_ID}` })
    .where(eq(people.id, csy.id));
  await post(handle.db, ids.吴海涛, qs, 'deputy', '2025-01-01');
  await post(handle.db, ids.白副, bs, 'deputy', '2025-01-01');
  await supervise(handle.db, ids.吴海涛, ids.陈思雨, '2025-01-01');
  await supervise(handle.db, ids.白副, ids.陈思雨, '2026-06-15');
  // 周书记 hands 青山镇 over to 新书记 on 2026-12-28, in the last week of the quarter.
  await post(handle.db, ids.周书记, qs, 'main', '2025-01-01', '2026-12-28');
  await post(handle.db, ids.新书记, qs, 'main', '2026-12-28');
  await add('刘子轩', { unitId: qs, birthDate: '1996-05-05' });
  await add('小李', { unitId: qs, birthDate: '1997-07-07' });
  const talk = (talker: string, cadre: string, talkDate: string) => ({
    talkerPersonId: ids[talker],
    cadrePersonId: ids[cadre],
    talkDate,
    kind: 'regular' as const,
    tone: 'encourage' as const,
    topics: ['工作'],
    ...T0,
  });
  await handle.db
    .insert(talks)
    .values([
      talk('吴海涛', '陈思雨', '2026-04-10'),
      talk('周书记', '小李', '2026-11-10'),
      talk('周书记', '刘子轩', '2026-06-10'),
    ]);
}, 60_000);
afterAll(async () => handle.close());

describe('a transfer mid-month by roster import (生效日期 2026-06-15)', () => {
  it('is refused when the effective date lies beyond the horizon, and nothing is written', async () => {
    const r = await roster([['陈思雨', '女', '1994-03-03', '大学', '白水镇', CSY_ID, '2026-09-30']], '2026-06-20');
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: '生效日期', message: '生效日期 2026-09-30 太远：最晚为 2026-08-19（今天之后 60 天以内）' },
    ]);
  });

  it('moves her: the old deputy owes the months before, the new one the months after', async () => {
    const r = await roster([['陈思雨', '女', '1994-03-03', '大学', '白水镇', CSY_ID, '2026-06-15']], '2026-06-20');
    expect(r).toMatchObject({ ok: true, updated: 1 });
    expect(await lines('2026-03-01', '2026-07-31', '2026-08-03', 'unit_deputy')).toEqual([
      'unit_deputy 吴海涛→陈思雨 2026-03 overdue',
      'unit_deputy 吴海涛→陈思雨 2026-04 done',
      'unit_deputy 吴海涛→陈思雨 2026-05 overdue',
      'unit_deputy 白副→陈思雨 2026-06 overdue',
      'unit_deputy 白副→陈思雨 2026-07 overdue',
    ]);
  });

  it('refuses a later import dated before that move', async () => {
    const r = await roster([['陈思雨', '女', '1994-03-03', '大学', '青山镇', CSY_ID, '2026-06-01']], '2026-06-25');
    expect(r.errors).toEqual([
      {
        row: 2,
        column: '生效日期',
        message: '生效日期 2026-06-01 早于该同志上一次任职变动（2026-06-15），不能改写已记录的经历',
      },
    ]);
  });
});

describe('a leader rotating in the last week of a quarter (2026-12-28)', () => {
  it('the new holder owes the quarter; his predecessor’s talk counts; without one he is excused, not overdue', async () => {
    // Q4's window is its last 10 workdays (from 2026-12-18): 新书记 arrived inside it.
    expect(await lines('2026-10-01', '2026-12-31', '2027-01-04', 'unit_main')).toEqual([
      'unit_main 新书记→刘子轩 2026-Q4 excused',
      'unit_main 新书记→小李 2026-Q4 done',
    ]);
  });

  it('the predecessor owed the earlier quarters (陈思雨 until Q1: on Q2’s last day she was in 白水镇)', async () => {
    expect(await lines('2026-01-01', '2026-09-30', '2027-01-04', 'unit_main')).toEqual([
      'unit_main 周书记→刘子轩 2026-Q1 overdue',
      'unit_main 周书记→刘子轩 2026-Q2 done',
      'unit_main 周书记→刘子轩 2026-Q3 overdue',
      'unit_main 周书记→小李 2026-Q1 overdue',
      'unit_main 周书记→小李 2026-Q2 overdue',
      'unit_main 周书记→小李 2026-Q3 overdue',
      'unit_main 周书记→陈思雨 2026-Q1 overdue',
    ]);
  });

  it('the same rotation two weeks earlier (outside the window) would leave the quarter overdue', async () => {
    const ctx = await loadSpecContext(deps);
    expect(ctx.grace('unit_main', { kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' })).toBe(
      '2026-12-18',
    );
  });
});
