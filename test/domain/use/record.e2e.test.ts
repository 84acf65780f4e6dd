/**
 * 提拔登记 through the emulator: org_admin finds a cadre by pinyin, records one promotion on the card; bad
 * input is refused with a Chinese toast and writes nothing; the dated posts move in one go; a second click
 * of the same card writes nothing; others are refused.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personAssignments } from '../../../src/db/schema/assignments.js';
import { auditLog, leadershipPositions, people } from '../../../src/db/schema/org.js';
import { usePromotions } from '../../../src/db/schema/use.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { testActors, titleOf } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, post, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '吴海涛', mobile: '13900000004', unitName: '青山镇', roles: ['unit_main_leader'] },
];
const ADMIN = '13900000001';
const LEADER = '13900000004';

describe('提拔登记 card in the emulator', () => {
  let emu: Emulated;
  const ids: Record<string, number> = {};
  let qingshan: number;
  let baishui: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, useCapability],
      now: '2026-11-30T09:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const other = await unit(db, '邻县', { kind: 'county' });
    const orgDept = await unit(db, '县委组织部', { countyId: county });
    qingshan = await unit(db, '青山镇', { countyId: county });
    baishui = await unit(db, '白水镇', { countyId: county });
    const elsewhere = await unit(db, '邻县一镇', { countyId: other });
    ids.admin = (
      await person(db, '林晓燕', { unitId: orgDept, birthDate: '1985-01-01', openId: open.get('林晓燕') })
    ).id;
    ids.leader = (
      await person(db, '吴海涛', { unitId: qingshan, birthDate: '1980-01-01', openId: open.get('吴海涛') })
    ).id;
    ids.siyu = (await person(db, '陈思雨', { unitId: qingshan, birthDate: '1995-05-05', position: '党委委员' })).id;
    ids.siyuan = (await person(db, '陈思远', { unitId: qingshan, birthDate: '1993-03-03', position: '科员' })).id;
    ids.outsider = (await person(db, '陈森元', { unitId: elsewhere, birthDate: '1994-04-04' })).id;
    for (const [id, py, ini] of [
      [ids.siyu, 'chensiyu', 'csy'],
      [ids.siyuan, 'chensiyuan', 'csy'],
      [ids.outsider, 'chensenyuan', 'csy'],
    ] as const)
      await db.update(people).set({ pinyin: py, pinyinInitials: ini }).where(eq(people.id, id));
    await db.update(people).set({ rank: '一级科员' }).where(eq(people.id, ids.siyu));
    await grant(db, ids.admin, 'org_admin', county);
    await post(db, ids.leader, qingshan, 'main', '2021-10-01');
    await post(db, ids.siyu, qingshan, 'member', '2024-06-01');
  });
  afterAll(async () => emu?.close());

  const promotions = () => emu.handle.db.select().from(usePromotions);
  const postsOf = (personId: number) =>
    emu.handle.db
      .select({
        unitId: leadershipPositions.unitId,
        role: leadershipPositions.role,
        start: leadershipPositions.startDate,
        end: leadershipPositions.endDate,
      })
      .from(leadershipPositions)
      .where(eq(leadershipPositions.personId, personId))
      .orderBy(leadershipPositions.startDate);

  it('finds the county’s cadres by pinyin initials, refuses bad input, then records one promotion', async () => {
    await emu.send(ADMIN, '提拔登记 csy');
    const form = (await emu.lastCard(ADMIN))!;
    expect(titleOf(form)).toBe('登记提拔/职级晋升');
    const body = JSON.stringify(form.content);
    expect(body).toContain('陈思雨（青山镇 · 党委委员 · 一级科员）');
    expect(body).toContain('陈思远（青山镇 · 科员）');
    expect(body).not.toContain('陈森元'); // another county's cadre
    const submit = buttons(form.content).find((b) => b.a === 'use.promotion.record')!;
    expect(submit.n).toEqual(expect.any(String));
    const good = {
      person: String(ids.siyu),
      kind: '提拔',
      date: '2026-09-01 +0800',
      toUnit: '白水镇',
      toPost: '副镇长',
      toLevel: '副科',
      toRole: '副职',
      docNo: '示组干〔2026〕18号',
    };
    const click = (values: Record<string, string>) =>
      emu.click(form.message_id, ADMIN, submit, values, { name: 'use_promotion_record' });

    const refusals: [Record<string, string>, string][] = [
      [{ date: '2024-01-01 +0800' }, '日期 2024-01-01 早于该干部现任职务的开始日期 2024-06-01'],
      [{ date: '2026-12-15 +0800' }, '日期 2026-12-15 晚于今天，请在生效后导入'],
      [{ toUnit: '红河镇' }, '新单位“红河镇”不存在'],
      [{ toUnit: '邻县一镇' }, '新单位“邻县一镇”不存在'],
      [{ kind: '职级晋升', toLevel: '' }, '职级晋升须填写新职级'],
      [{ kind: '调任' }, '类别“调任”无法识别，应为：提拔、职级晋升、进一步使用、交流'],
      [{ toRole: '副职', toPost: '' }, '填写班子职务时须填写新职务'],
      [{ docNo: ' ' }, '请填写文号'],
      [{ person: String(ids.outsider) }, '请选择本县在职干部'],
    ];
    for (const [change, message] of refusals) {
      const r = await click({ ...good, ...change });
      expect(r.toast, message).toEqual({ type: 'error', content: message });
    }
    expect(await promotions()).toEqual([]);
    expect(await postsOf(ids.siyu)).toEqual([{ unitId: qingshan, role: 'member', start: '2024-06-01', end: null }]);

    const ok = await click(good);
    expect(ok.toast).toEqual({ type: 'success', content: '已登记' });
    expect(ok.card.data.header.title.content).toBe('提拔/职级晋升已登记');
    expect(JSON.stringify(ok.card.data)).toContain(
      '**陈思雨** 提拔：副镇长 · 副科，2026-09-01 起（示组干〔2026〕18号）',
    );
    const [rec] = await promotions();
    expect(rec).toMatchObject({
      personId: ids.siyu,
      kind: 'promotion',
      date: '2026-09-01',
      fromUnitId: qingshan,
      fromPost: '党委委员',
      fromLevel: '一级科员',
      toUnitId: baishui,
      toPost: '副镇长',
      toLevel: '副科',
      toRole: 'deputy',
      docNo: '示组干〔2026〕18号',
      source: 'card',
    });
    // The dated posts: the old team post ends on the date, the new one starts on it; the cadre moves unit.
    expect(await postsOf(ids.siyu)).toEqual([
      { unitId: qingshan, role: 'member', start: '2024-06-01', end: '2026-09-01' },
      { unitId: baishui, role: 'deputy', start: '2026-09-01', end: null },
    ]);
    const [now] = await emu.handle.db.select().from(people).where(eq(people.id, ids.siyu));
    expect([now.unitId, now.position, now.leadershipLevel]).toEqual([baishui, '副镇长', '副科']);
    const assignments = await emu.handle.db
      .select({ unitId: personAssignments.unitId, start: personAssignments.startDate, end: personAssignments.endDate })
      .from(personAssignments)
      .where(eq(personAssignments.personId, ids.siyu));
    expect(assignments).toContainEqual({ unitId: baishui, start: '2026-09-01', end: null });
    const audits = await emu.handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'use.promotions.record'), eq(auditLog.actorPersonId, ids.admin)));
    expect(audits.map((a) => a.entityId)).toEqual([String(ids.siyu)]);

    // The same card clicked again: found, nothing written twice.
    const again = await click(good);
    expect(again.toast).toEqual({ type: 'success', content: '此前已登记' });
    expect(await promotions()).toHaveLength(1);
    expect(await postsOf(ids.siyu)).toHaveLength(2);

    // The record counts in 用 for the period.
    await emu.send(ADMIN, '用 2026-01-01');
    const fig = JSON.stringify((await emu.lastCard(ADMIN))!.content);
    expect(fig).toContain('提拔和进一步使用 **1** 人：乡镇（街道）1 人');
  });

  it('a date before the new post’s start is refused on the next record; a rank advancement needs no team post', async () => {
    await emu.send(ADMIN, '提拔登记 陈思雨');
    const form = (await emu.lastCard(ADMIN))!;
    const submit = buttons(form.content).find((b) => b.a === 'use.promotion.record')!;
    const base = { person: String(ids.siyu), kind: '职级晋升', toLevel: '四级主任科员', docNo: '示组干〔2026〕30号' };
    const early = await emu.click(
      form.message_id,
      ADMIN,
      submit,
      { ...base, date: '2026-08-01 +0800' },
      { name: 'use_promotion_record' },
    );
    expect(early.toast).toEqual({ type: 'error', content: '日期 2026-08-01 早于该干部现任职务的开始日期 2026-09-01' });
    const ok = await emu.click(
      form.message_id,
      ADMIN,
      submit,
      { ...base, date: '2026-11-01 +0800' },
      { name: 'use_promotion_record' },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '已登记' });
    expect(await postsOf(ids.siyu)).toHaveLength(2); // no team post given: posts unchanged
    const [now] = await emu.handle.db.select().from(people).where(eq(people.id, ids.siyu));
    expect(now.rank).toBe('四级主任科员');
  });

  it('only org_admin may record; an unknown name is explained', async () => {
    await emu.send(LEADER, '提拔登记 csy');
    const refused = (await emu.lastCard(LEADER))!;
    expect(JSON.stringify(refused.content)).toContain('提拔/职级晋升登记仅限组织部门');
    // A forged submit from a card he does have: refused before anything is read or written.
    const forged = await emu.click(
      refused.message_id,
      LEADER,
      { a: 'use.promotion.record', n: 'forged' },
      { person: String(ids.siyuan), kind: '提拔', date: '2026-10-01 +0800', docNo: '伪〔2026〕1号' },
      { name: 'use_promotion_record' },
    );
    expect(forged.toast).toEqual({ type: 'error', content: '提拔/职级晋升登记仅限组织部门' });
    expect((await promotions()).filter((p) => p.personId === ids.siyuan)).toEqual([]);
    await emu.send(ADMIN, '提拔登记 zzz');
    expect(JSON.stringify((await emu.lastCard(ADMIN))!.content)).toContain('本县没有找到与「zzz」匹配的在职干部');
  });
});
