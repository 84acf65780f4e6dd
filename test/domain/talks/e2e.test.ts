/**
 * End to end through the local Feishu emulator (real SDK, signed + encrypted events, outbox):
 * reminder card → 记录谈话 → talk recorded → obligation done → statistics updated.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../../src/capability.js';
import { people } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import { chats } from '../../../src/domain/chats/chats.handlers.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, post, supervise, unit } from './builders.js';
import { buttons, formFields } from './world.js';

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '吴海涛', mobile: '13900000004', unitName: '青山镇', roles: ['unit_deputy_leader'] },
  { name: '陈思雨', mobile: '13900000005', unitName: '青山镇', roles: ['cadre'] },
];
const ADMIN = '13900000001';
const DEPUTY = '13900000004';

/** Sender → person by open_id (the org capability's resolver does the same, plus binding). */
const actors: Capability = {
  name: 'test-actors',
  register(router, deps) {
    router.actorResolver(
      async (s) => {
        const [p] = await deps.db.select().from(people).where(eq(people.openId, s.openId));
        return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
      },
      async () => {},
    );
  },
};

describe('talks end to end in the emulator', () => {
  let emu: Emulated;
  let cadreId: number;
  let otherId: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [actors, chats, talksCapability, mentoringCapability],
      now: '2026-12-28T08:50:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const town = await unit(db, '青山镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    const deputy = await person(db, '吴海涛', { unitId: town, birthDate: '1988-01-01', openId: open.get('吴海涛') });
    cadreId = (await person(db, '陈思雨', { unitId: town, birthDate: '1999-05-05', openId: open.get('陈思雨') })).id;
    otherId = (await person(db, '刘子轩', { unitId: town, birthDate: '1997-05-05', openId: null })).id;
    await grant(db, admin.id, 'org_admin', county);
    await post(db, deputy.id, town, 'deputy', '2025-01-01');
    await supervise(db, deputy.id, cadreId, '2025-01-01');
  });
  afterAll(async () => emu?.close());

  it('reminder card → record talk → obligation done → statistics updated', async () => {
    await emu.setClock('2026-12-28T09:00:00+08:00');
    const run = await emu.runJob('talks.reminders');
    expect(JSON.stringify(run)).toContain('"due":1');
    const reminder = (await emu.lastCard(DEPUTY))!;
    expect(reminder.content.header.title.content).toBe('谈心谈话提醒');
    const open = buttons(reminder.content).find((b) => b.a === 'talks.open')!;
    expect(open.c).toBe(cadreId);

    const opened = await emu.click(reminder.message_id, DEPUTY, open);
    expect(opened.toast.type).toBe('info');
    const formMsg = (await emu.lastCard(DEPUTY))!;
    expect(formMsg.content.header.title.content).toBe('记录谈心谈话');
    expect(formFields(formMsg.content).cadre.initial_option).toBe(String(cadreId));
    const submit = buttons(formMsg.content).find((b) => b.a === 'talks.submit')!;
    const values = {
      cadre: String(cadreId),
      date: '2026-12-28 +0800',
      kind: 'regular',
      tone: 'encourage',
      topics: '年度工作、思想状况',
      problems: '通勤困难',
    };

    // An invalid form gets an error toast and writes nothing.
    const future = await emu.click(
      formMsg.message_id,
      DEPUTY,
      submit,
      { ...values, date: '2026-12-30 +0800' },
      { name: 'talks_submit' },
    );
    expect(future.toast).toEqual({ type: 'error', content: '谈话日期不能晚于今天' });
    const empty = await emu.click(
      formMsg.message_id,
      DEPUTY,
      submit,
      { ...values, topics: ' ' },
      { name: 'talks_submit' },
    );
    expect(empty.toast).toEqual({ type: 'error', content: '请填写谈话主题' });
    // A cadre outside the scope cannot be submitted, even with a forged payload.
    const forged = await emu.click(
      formMsg.message_id,
      DEPUTY,
      submit,
      { ...values, cadre: String(otherId) },
      { name: 'talks_submit' },
    );
    expect(forged.toast).toEqual({ type: 'error', content: '该干部不在您的谈心谈话范围内，不能登记' });
    expect(await emu.handle.db.select().from(talks)).toEqual([]);

    const ok = await emu.click(formMsg.message_id, DEPUTY, submit, values, { name: 'talks_submit' });
    expect(ok.toast).toEqual({ type: 'success', content: '谈话记录已保存' });
    const summary = (await emu.messages({ openId: DEPUTY })).find((m) => m.message_id === formMsg.message_id)!;
    expect((summary.patches.at(-1)!.content as any).header.title.content).toBe('谈话记录已保存');
    // The summary names what the talk counts for: December's monthly talk, not November's.
    const summaryText = JSON.stringify(summary.patches.at(-1)!.content);
    expect(summaryText).toContain('**计入**：2026年12月（单位分管领导）');
    expect(summaryText).not.toContain('2026年11月');

    await emu.send(DEPUTY, '待办');
    const todo = (await emu.lastCard(DEPUTY))!;
    // December is done; November ended without a talk (补录 offered); the problem raised awaits a solution.
    expect(JSON.stringify(todo.content)).not.toContain('本期待谈');
    expect(JSON.stringify(todo.content)).toContain('上一周期逾期未谈 1 人');
    expect(JSON.stringify(todo.content)).toContain('本期的谈话只计入本期，不抵上一周期');
    expect(buttons(todo.content).map((b) => b.a)).toEqual(['talks.open', 'talks.olderOverdue', 'talks.solve']);
    // Older misses (2025-12 to 2026-10: the periods a year back, supervised since 2025) are counted, and listed on demand with 补录.
    expect(JSON.stringify(todo.content)).toContain('更早周期逾期未谈 **11** 人次');
    const older = buttons(todo.content).find((b) => b.a === 'talks.olderOverdue')!;
    expect((await emu.click(todo.message_id, DEPUTY, older)).toast.type).toBe('info');
    const olderCard = (await emu.lastCard(DEPUTY))!;
    expect(olderCard.content.header.title.content).toBe('更早的逾期');
    expect(JSON.stringify(olderCard.content)).toContain('2025年12月');
    expect(buttons(olderCard.content).filter((b) => b.a === 'talks.open')).toHaveLength(11);

    await emu.send(ADMIN, '统计 2026');
    const stats = JSON.stringify((await emu.lastCard(ADMIN))!.content);
    expect(stats).toContain('**谈心谈话**：1 人次（1 名干部）');
    expect(stats).toContain('单位分管领导 · 2026年12月：1 / 1 / 0 / 0（100%）');

    await emu.setClock('2026-12-29T09:00:00+08:00');
    const before = (await emu.messages({ openId: DEPUTY })).length;
    await emu.runJob('talks.reminders');
    expect((await emu.messages({ openId: DEPUTY })).length).toBe(before);
  });
});
