/** teamsOfCounties: the teams of several counties from one read, split by county, posts in force on the date. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_KINDS, teamsOfCounties, teamsOn } from '../../../src/domain/use/structure/teams.queries.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { person, post, unit } from '../talks/builders.js';

let bot: TestBot;
const ids: Record<string, number> = {};
beforeAll(async () => {
  bot = await createTestBot({ now: new Date('2026-11-30T09:00:00+08:00'), capabilities: [useCapability] });
  const db = bot.handle.db;
  ids.a = await unit(db, '甲县', { kind: 'county' });
  ids.b = await unit(db, '乙县', { kind: 'county' });
  ids.c = await unit(db, '丙县', { kind: 'county' });
  ids.a1 = await unit(db, '甲一镇', { countyId: ids.a });
  ids.a2 = await unit(db, '甲二镇', { countyId: ids.a });
  ids.b1 = await unit(db, '乙一镇', { countyId: ids.b });
  const add = async (name: string, unitId: number) => {
    ids[name] = (await person(db, name, { unitId, birthDate: '1990-01-01' })).id;
  };
  await add('甲书记', ids.a1);
  await add('甲副', ids.a1);
  await add('甲离任', ids.a1);
  await add('甲新任', ids.a2);
  await add('乙书记', ids.b1);
  await post(db, ids.甲书记, ids.a1, 'main', '2021-10-01');
  await post(db, ids.甲书记, ids.a1, 'deputy', '2022-01-01'); // two posts in one team: one member
  await post(db, ids.甲副, ids.a1, 'deputy', '2026-11-30'); // starts on the date: in
  await post(db, ids.甲离任, ids.a1, 'deputy', '2021-10-01', '2026-11-30'); // ends on the date: out
  await post(db, ids.甲新任, ids.a2, 'deputy', '2026-12-01'); // not yet
  await post(db, ids.乙书记, ids.b1, 'main', '2021-10-01');
});
afterAll(async () => bot?.close());

describe('teamsOfCounties', () => {
  it('reads several counties at once, split by county, each member once, posts in force on the date', async () => {
    const all = await teamsOfCounties(bot.handle.db, [ids.a, ids.b, ids.c], '2026-11-30', TEAM_KINDS);
    const shape = (countyId: number) =>
      (all.get(countyId) ?? []).map((t) => [t.unitName, t.members.map((m) => m.name)]);
    expect(shape(ids.a)).toEqual([
      ['甲一镇', ['甲书记', '甲副']],
      ['甲二镇', []],
    ]);
    expect(shape(ids.b)).toEqual([['乙一镇', ['乙书记']]]);
    expect(all.has(ids.c)).toBe(false); // no team units
    // The single-county read is the same.
    expect(await teamsOn(bot.handle.db, ids.a, '2026-11-30', TEAM_KINDS)).toEqual(all.get(ids.a));
    // Every county (null) gives the same answer; an empty list reads nothing.
    const everyone = await teamsOfCounties(bot.handle.db, null, '2026-11-30', TEAM_KINDS);
    expect(everyone.get(ids.a)).toEqual(all.get(ids.a));
    expect((await teamsOfCounties(bot.handle.db, [], '2026-11-30', TEAM_KINDS)).size).toBe(0);
  });
});
