/** 新增选派 and 变更状态 on the card (org_admin), through the router: bad input refused, nothing written. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { dispatchAssignments, dispatchBatches } from '../../../src/db/schema/dispatches.js';
import { people } from '../../../src/db/schema/org.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, person, unit } from '../talks/builders.js';
import { click, say, sent } from '../talks/world.js';

let bot: TestBot;
let batchId: number;
const ids: Record<string, number> = {};
const count = async () =>
  Number(
    rowsOf<{ n: number }>(await bot.handle.db.execute(sql`select count(*)::int as n from dispatch_assignments`))[0].n,
  );

beforeAll(async () => {
  bot = await createTestBot({ now: new Date('2026-11-30T10:00:00+08:00'), capabilities: [dispatchesCapability] });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  const t1 = await unit(db, '一镇', { countyId: county });
  ids.admin = (await person(db, '管理员', { unitId: county, birthDate: '1980-01-01', openId: 'ou_admin' })).id;
  ids.cadre = (await person(db, '阿满', { unitId: t1, birthDate: '1995-01-01', openId: 'ou_cadre' })).id;
  await grant(db, ids.admin, 'org_admin', county);
  [{ id: batchId }] = await db
    .insert(dispatchBatches)
    .values({
      countyId: county,
      kind: 'rotation',
      name: '第一批',
      startDate: '2027-03-01',
      endDate: '2027-05-31',
      ...T0,
    })
    .returning();
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select().from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
});
afterAll(async () => bot.close());

describe('选派 <姓名> card', () => {
  it('shows the cadre with a 新增选派 form', async () => {
    await say(bot, 'ou_admin', '选派 阿满');
    const last = (await sent(bot)).at(-1)!;
    expect(JSON.stringify(last.content)).toContain('新增选派');
  });

  it('refuses an unknown destination without an outside place, an end before the start, and a non-admin', async () => {
    const base = {
      a: 'dispatch.assign',
      person: ids.cadre,
      batch: batchId,
      start: '2027-03-01 +0800',
      end: '2027-05-31 +0800',
    };
    expect((await click(bot, 'ou_admin', base, { dest: '长沙县' })).toast).toEqual({
      type: 'error',
      content: '派驻单位「长沙县」不是本县单位，县外派驻请填写地点（如 浏阳市）和接收单位',
    });
    expect(
      (await click(bot, 'ou_admin', { ...base, end: '2027-02-01' }, { place: '浏阳市', host: '浏阳市发改局' })).toast,
    ).toEqual({
      type: 'error',
      content: '计划结束日期早于开始日期',
    });
    expect((await click(bot, 'ou_cadre', base, { place: '浏阳市', host: '浏阳市发改局' })).toast).toEqual({
      type: 'error',
      content: '选派管理仅限组织部门',
    });
    expect(await count()).toBe(0);
  });

  it('saves one, then 延期 and 期满 it', async () => {
    const base = {
      a: 'dispatch.assign',
      person: ids.cadre,
      batch: batchId,
      start: '2027-03-01 +0800',
      end: '2027-05-31 +0800',
    };
    const ok = await click(bot, 'ou_admin', base, { place: '浏阳市', host: '浏阳市发改局' });
    expect(ok.toast).toEqual({ type: 'success', content: '选派已保存' });
    const [a] = await bot.handle.db.select().from(dispatchAssignments);
    const ext = await click(
      bot,
      'ou_admin',
      { a: 'dispatch.status', as: a.id },
      { to: 'extended', on: '2027-05-01', end: '2027-06-30' },
    );
    expect(ext.toast).toEqual({ type: 'success', content: '状态已变更' });
    const done = await click(
      bot,
      'ou_admin',
      { a: 'dispatch.status', as: a.id },
      { to: 'completed', on: '2027-06-30' },
    );
    expect(done.toast).toEqual({ type: 'success', content: '状态已变更' });
    const [b] = await bot.handle.db.select().from(dispatchAssignments);
    expect([b.status, b.plannedEnd, b.endedOn]).toEqual(['completed', '2027-06-30', '2027-06-30']);
  });
});
