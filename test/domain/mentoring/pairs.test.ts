import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentoringPairs } from '../../../src/db/schema/mentoring.js';
import { leadershipPositions } from '../../../src/db/schema/org.js';
import { livePairs, mentoringStats } from '../../../src/domain/mentoring/mentoring.queries.js';
import { todoOf } from '../../../src/domain/talks/talks.todo.js';
import { post } from '../talks/builders.js';
import { buildWorld, buttons, click, formFields, lastOutboxId, say, sent, type World } from '../talks/world.js';

let w: World;
beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
});
afterAll(async () => w.bot.close());

describe('结对帮带 by card', () => {
  it('org_admin sees the eligible, unpaired cadres with their reasons', async () => {
    const before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.管理员, '结对');
    const [overview] = await sent(w.bot, before);
    const text = JSON.stringify(overview.content);
    expect(text).toContain('**帮带范围**：2 人');
    const options = formFields(overview.content).mentee.options.map((o: any) => o.text.content);
    expect(options.sort()).toEqual(['二镇青（二镇）· 选调生', '小白（一镇）· 高学历'].sort());
  });

  it('others only see their own pairs and cannot pair', async () => {
    const res = await click(w.bot, w.open.主任, { a: 'mentoring.pick', m: w.ids.小白 });
    expect(res).toEqual({ toast: { type: 'error', content: '结对帮带由组织部门指定' } });
    const forged = await click(
      w.bot,
      w.open.主任,
      { a: 'mentoring.pair', m: w.ids.小白 },
      { mentor: String(w.ids.主任), start: '2026-11-30' },
    );
    expect(forged).toEqual({ toast: { type: 'error', content: '结对帮带由组织部门指定' } });
    expect(await w.bot.handle.db.select().from(mentoringPairs)).toEqual([]);
  });

  it('offers county leaders and the mentee unit leadership as mentors', async () => {
    const res = await click(w.bot, w.open.管理员, { a: 'mentoring.pick' }, { mentee: String(w.ids.小白) });
    const mentors = formFields(res.card.data).mentor.options.map((o: any) => o.value);
    expect(mentors.sort()).toEqual([w.ids.县领导, w.ids.主任, w.ids.副手].map(String).sort());
  });

  it.each([
    [{ m: 'mentee', mentor: '二镇主' }, '导师须为县级领导或帮带对象所在单位的班子成员'],
    [{ m: '阿满', mentor: '主任' }, '阿满不在结对帮带范围内（需为35周岁以下的高学历干部、选调生或省市派挂职干部）'],
    [{ m: 'mentee', mentor: '主任', start: '2026-12-01' }, '开始日期不能晚于今天'],
    [{ m: 'mentee', mentor: 'mentee' }, '导师和帮带对象不能是同一人'],
  ])('rejects %o: %s', async (c, message) => {
    const who = (n: string) => (n === 'mentee' ? w.ids.小白 : w.ids[n]);
    const res = await click(
      w.bot,
      w.open.管理员,
      { a: 'mentoring.pair', m: who(c.m) },
      { mentor: String(who(c.mentor)), start: (c as { start?: string }).start ?? '2026-11-30 +0800' },
    );
    expect(res).toEqual({ toast: { type: 'error', content: message } });
    expect(await w.bot.handle.db.select().from(mentoringPairs)).toEqual([]);
  });

  it("pairs, and the mentee appears in the mentor's 待办 with the half-year cadence", async () => {
    const res = await click(
      w.bot,
      w.open.管理员,
      { a: 'mentoring.pair', m: w.ids.小白 },
      { mentor: String(w.ids.副手), start: '2026-11-01 +0800', plan: '每月交流一次' },
    );
    expect(res.toast).toEqual({ type: 'success', content: '结对成功' });
    expect(buttons(res.card.data)).toEqual([expect.objectContaining({ a: 'mentoring.end' })]);
    const todo = await todoOf(w.bot.deps, w.ids.副手);
    expect(todo.open.map((o) => [o.relation, o.periodKey, o.cadre.name]).sort()).toEqual([
      ['mentor', '2026-H2', '小白'],
      ['unit_deputy', '2026-11', '阿满'],
    ]);
    const again = await click(
      w.bot,
      w.open.管理员,
      { a: 'mentoring.pair', m: w.ids.小白 },
      { mentor: String(w.ids.副手), start: '2026-11-30' },
    );
    expect(again.toast.content).toBe('小白已与该导师结对');
  });

  it('flags the pair for reassignment when the mentor leaves the post, then reassigns', async () => {
    await w.bot.handle.db
      .update(leadershipPositions)
      .set({ endDate: '2026-11-20' })
      .where(eq(leadershipPositions.personId, w.ids.副手));
    const [flagged] = await livePairs(w.bot.handle.db, '2026-11-30', { flaggedOnly: true });
    expect(flagged).toMatchObject({ menteeName: '小白', mentorName: '副手', needsReassignment: true });
    expect(await mentoringStats(w.bot.handle.db, '2026-11-30', 35)).toEqual({
      eligible: 2,
      pairs: 1,
      mentees: 1,
      mentors: 1,
      flagged: 1,
    });
    expect((await todoOf(w.bot.deps, w.ids.副手)).open).toEqual([]);
    const before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.管理员, '结对');
    const [overview] = await sent(w.bot, before);
    expect(buttons(overview.content)).toContainEqual(expect.objectContaining({ a: 'mentoring.pick', m: w.ids.小白 }));
    const res = await click(
      w.bot,
      w.open.管理员,
      { a: 'mentoring.pair', m: w.ids.小白 },
      { mentor: String(w.ids.县领导), start: '2026-11-30' },
    );
    expect(res.toast.content).toBe('结对成功');
    const pairs = await w.bot.handle.db.select().from(mentoringPairs).orderBy(mentoringPairs.id);
    expect(pairs.map((p) => [p.mentorPersonId, p.startDate, p.endDate])).toEqual([
      [w.ids.副手, '2026-11-01', '2026-11-30'],
      [w.ids.县领导, '2026-11-30', null],
    ]);
    expect((await mentoringStats(w.bot.handle.db, '2026-11-30', 35)).flagged).toBe(0);
    await post(w.bot.handle.db, w.ids.副手, w.units.t1, 'deputy', '2026-11-20');
  });

  it('a mentor sees his mentees with 结对', async () => {
    const before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.县领导, '结对');
    const [mine] = await sent(w.bot, before);
    expect(JSON.stringify(mine.content)).toContain('小白（一镇），2026-11-30 起');
  });
});
