/**
 * Cards that keep up (#17 item 3), end to end in the emulator: reminder card → 记录谈话 → submit → the
 * original reminder card shows "已谈 ✓ MM-DD" in place of that cadre's button; the same from a 待办 card;
 * a talk recorded from a form not opened from a card patches nothing.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../../src/capability.js';
import { people } from '../../../src/db/schema/org.js';
import { markTalked } from '../../../src/domain/talks/talks.followup.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { cadreRow } from '../../../src/domain/talks/talks.todo.cards.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { card } from '../../../src/feishu/cards/atoms.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, post, supervise, unit } from './builders.js';
import { buttons } from './world.js';

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '吴海涛', mobile: '13900000004', unitName: '青山镇', roles: ['unit_deputy_leader'] },
  { name: '陈思雨', mobile: '13900000005', unitName: '青山镇', roles: ['cadre'] },
  { name: '周明', mobile: '13900000006', unitName: '青山镇', roles: ['cadre'] },
];
const DEPUTY = '13900000004';

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

const form = (cadreId: number) => ({
  cadre: String(cadreId),
  date: '2026-12-28 +0800',
  kind: 'regular',
  tone: 'encourage',
  topics: '年度工作',
});

describe('markTalked (pure)', () => {
  const item = (id: number, name: string) =>
    ({ cadreId: id, cadre: { name, unitName: '青山镇', position: null }, lastTalkDate: null }) as never;
  it("replaces only that cadre's button, and says when there is no such row", () => {
    const c = card({ title: '谈心谈话提醒' }, [cadreRow(item(7, '甲')), cadreRow(item(8, '乙'))]);
    const next = markTalked(c, 7, '2026-12-28')!;
    expect(buttons(next).map((b) => b.c)).toEqual([8]);
    expect(JSON.stringify(next)).toContain('已谈 ✓ 12-28');
    expect(JSON.stringify(next)).toContain('甲');
    expect(markTalked(c, 9, '2026-12-28')).toBeNull();
    expect(buttons(c).map((b) => b.c)).toEqual([7, 8]); // the input is not changed
  });
});

describe('reminder and 待办 cards show 已谈 after the talk is recorded', () => {
  let emu: Emulated;
  let chenId: number;
  let zhouId: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [actors, talksCapability],
      now: '2026-12-28T08:50:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const town = await unit(db, '青山镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    const deputy = await person(db, '吴海涛', { unitId: town, birthDate: '1988-01-01', openId: open.get('吴海涛') });
    chenId = (await person(db, '陈思雨', { unitId: town, birthDate: '1999-05-05', openId: open.get('陈思雨') })).id;
    zhouId = (await person(db, '周明', { unitId: town, birthDate: '1998-05-05', openId: open.get('周明') })).id;
    await grant(db, admin.id, 'org_admin', county);
    await post(db, deputy.id, town, 'deputy', '2026-12-01');
    await supervise(db, deputy.id, chenId, '2026-12-01');
    await supervise(db, deputy.id, zhouId, '2026-12-01');
  });
  afterAll(async () => emu?.close());

  it('reminder card → 记录谈话 → submit → the reminder card shows 已谈 ✓ 12-28', async () => {
    await emu.setClock('2026-12-28T09:00:00+08:00');
    await emu.runJob('talks.reminders');
    await emu.deliverAll();
    const reminder = (await emu.lastCard(DEPUTY))!;
    expect(reminder.content.header.title.content).toBe('谈心谈话提醒');
    expect(buttons(reminder.content).map((b) => b.c)).toEqual(expect.arrayContaining([chenId, zhouId]));
    const open = buttons(reminder.content).find((b) => b.a === 'talks.open' && b.c === chenId)!;
    expect((await emu.click(reminder.message_id, DEPUTY, open)).toast.type).toBe('info');
    await emu.deliverAll();
    const formMsg = (await emu.lastCard(DEPUTY))!;
    expect(formMsg.content.header.title.content).toBe('记录谈心谈话');
    const submit = buttons(formMsg.content).find((b) => b.a === 'talks.submit')!;
    const ok = await emu.click(formMsg.message_id, DEPUTY, submit, form(chenId), { name: 'talks_submit' });
    expect(ok.toast).toEqual({ type: 'success', content: '谈话记录已保存' });
    await emu.deliverAll();

    const after = (await emu.messages({ openId: DEPUTY })).find((m) => m.message_id === reminder.message_id)!;
    expect(after.patches).toHaveLength(1);
    const patched = after.patches[0].content as any;
    expect(JSON.stringify(patched)).toContain('已谈 ✓ 12-28');
    expect(buttons(patched).map((b) => b.c)).toEqual([zhouId]);
    expect(patched.header.title.content).toBe('谈心谈话提醒');
  });

  it('待办 card → 记录谈话 → submit → the 待办 card shows 已谈; a form from 谈话 patches nothing', async () => {
    await emu.send(DEPUTY, '待办');
    await emu.deliverAll();
    const todo = (await emu.lastCard(DEPUTY))!;
    expect(todo.content.header.title.content).toBe('我的待办');
    const open = buttons(todo.content).find((b) => b.a === 'talks.open' && b.c === zhouId)!;
    await emu.click(todo.message_id, DEPUTY, open);
    await emu.deliverAll();
    const formMsg = (await emu.lastCard(DEPUTY))!;
    const submit = buttons(formMsg.content).find((b) => b.a === 'talks.submit')!;
    await emu.click(formMsg.message_id, DEPUTY, submit, form(zhouId), { name: 'talks_submit' });
    await emu.deliverAll();
    const after = (await emu.messages({ openId: DEPUTY })).find((m) => m.message_id === todo.message_id)!;
    expect(after.patches).toHaveLength(1);
    expect(JSON.stringify(after.patches[0].content)).toContain('已谈 ✓ 12-28');
    expect(buttons(after.patches[0].content).filter((b) => b.a === 'talks.open')).toEqual([]);

    // A form from the 谈话 command has no source card: recording from it patches no other message.
    await emu.send(DEPUTY, '谈话');
    await emu.deliverAll();
    const plain = (await emu.lastCard(DEPUTY))!;
    const before = (await emu.messages({ openId: DEPUTY })).map((m) => [m.message_id, m.patches.length]);
    const s = buttons(plain.content).find((b) => b.a === 'talks.submit')!;
    const again = await emu.click(plain.message_id, DEPUTY, s, form(chenId), { name: 'talks_submit' });
    expect(again.toast.type).toBe('success');
    await emu.deliverAll();
    const now = (await emu.messages({ openId: DEPUTY })).map((m) => [m.message_id, m.patches.length]);
    expect(now.filter(([id]) => id !== plain.message_id)).toEqual(before.filter(([id]) => id !== plain.message_id));
  });
});
