import { eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../../src/db/schema/org.js';
import { help } from '../../../src/domain/help/help.handlers.js';
import { demoDirectory, generateDemoCounty } from '../../../src/domain/org/demo/generate.js';
import { DEMO_PERSONAS as P } from '../../../src/domain/org/demo/personas.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { HEADERS, xlsx } from './roster.fixture.js';

const NOW = '2026-11-30T09:00:00+08:00';
const text = (m: any) => JSON.stringify(m?.content ?? '');

/** The whole bot on the emulator: `npm start` seeds the demo county into the empty database and binds accounts. */
describe('org through Feishu (emulator)', () => {
  let emu: Emulated;
  beforeAll(async () => {
    const users = demoDirectory(generateDemoCounty({ today: NOW.slice(0, 10) }));
    emu = await startEmulated({ users, now: NOW, env: { SEED_DEMO: 'auto' }, capabilities: [help, org] });
  }, 180_000);
  afterAll(async () => emu?.close());

  const card = async (mobile: string) => (await emu.lastCard(mobile))!;

  it('seeded the demo county on start and bound every account by mobile', async () => {
    const db = emu.handle.db;
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(people);
    expect(Number(n)).toBeGreaterThan(2900);
    expect(await db.select({ id: people.id }).from(people).where(isNull(people.openId))).toHaveLength(0);
  });

  it('answers an unknown Feishu user with one polite card and nothing else', async () => {
    await emu.addUsers([{ name: '陌生人', mobile: '13700000099' }]);
    await emu.send('13700000099', '查询 陈思雨');
    const msgs = (await emu.messages({ openId: '13700000099' })).filter((m) => m.sender.type === 'app');
    expect(msgs).toHaveLength(1);
    expect(msgs[0].content.header.title.content).toBe('您尚未登记');
  });

  it('查询: org_admin sees the full phone number, a deputy only his cadres, masked', async () => {
    await emu.send(P.orgAdmin.mobile, '查询 陈思雨');
    const adminView = await card(P.orgAdmin.mobile);
    expect(adminView.content.header.title.content).toBe('干部信息 · 陈思雨');
    expect(text(adminView)).toContain('13900000005');
    await emu.send(P.townshipDeputy.mobile, '查询csy');
    const deputyView = await card(P.townshipDeputy.mobile);
    expect(deputyView.content.header.title.content).toBe('干部信息 · 陈思雨');
    // Masked and escaped, so Feishu shows 139****0005 literally instead of bold "139**0005".
    expect(text(deputyView)).toContain('139&#42;&#42;&#42;&#42;0005');
    expect(deputyView.content.config.enable_forward).toBe(false);
    expect(text(deputyView)).not.toContain('13900000005');
    await emu.send(P.townshipDeputy.mobile, '查询 刘子轩');
    expect((await card(P.townshipDeputy.mobile)).content.header.title.content).toBe('未找到');
  });

  it('查询 in a group chat answers 请私聊青苗 there and sends the profile privately', async () => {
    const chatId = await emu.leadersChatId();
    await emu.send(P.orgAdmin.mobile, '@青苗 查询 陈思雨', { chatId });
    const msgs = (await emu.messages({ chatId }, P.orgAdmin.mobile)).filter((m) => m.sender.type === 'app');
    expect(msgs.at(-1)?.content.header.title.content).toBe('请私聊青苗');
    expect(text(msgs.at(-1))).not.toContain('陈思雨');
    expect((await card(P.orgAdmin.mobile)).content.header.title.content).toBe('干部信息 · 陈思雨');
  });

  it('several matches give a pick list; a forged button for someone out of scope is refused', async () => {
    await emu.send(P.townshipMain.mobile, '查询 陈');
    const list = await card(P.townshipMain.mobile);
    expect(list.content.header.title.content).toMatch(/^查询“陈”：找到/);
    const buttons = list.content.body.elements.filter((e: any) => e.tag === 'button');
    expect(buttons.length).toBeGreaterThan(1);
    const ok = await emu.click(list.message_id, P.townshipMain.mobile, buttons[0].value);
    expect(ok.toast).toEqual({ type: 'success', content: '已发送干部信息' });
    expect((await card(P.townshipMain.mobile)).content.header.title.content).toMatch(/^干部信息 · 陈/);
    const [other] = await emu.handle.db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.mobile, P.otherTownshipCadre.mobile));
    const forged = await emu.click(list.message_id, P.townshipMain.mobile, { a: 'org.view', personId: other.id });
    expect(forged.toast).toEqual({ type: 'error', content: '您无权查看该干部的信息' });
  });

  it('an org_admin imports a roster sent in private chat; new people are bound through contact batch_get_id', async () => {
    await emu.addUsers([
      { name: '新干部甲', mobile: '13600000001', unitName: '青山镇' },
      { name: '新干部乙', mobile: '13600000002', unitName: '白水镇' },
    ]);
    const rows = [
      ['新干部甲', '男', '1998.07', '', '大学', '青山镇', '科员', '', '13600000001', '', '是', '', ''],
      ['新干部乙', '女', '1999-02-01', '', '研究生', '白水镇', '科员', '', '13600000002', '', '', '', ''],
    ];
    await emu.sendFile(P.orgAdmin.mobile, '新进人员.xlsx', await xlsx(HEADERS, rows));
    const preview = await card(P.orgAdmin.mobile);
    expect(preview.content.header.title.content).toBe('花名册预览（尚未写入）');
    expect(text(preview)).toContain('新增 **2** 人');
    expect(await emu.handle.db.select().from(people).where(eq(people.mobile, '13600000001'))).toHaveLength(0);
    const confirm = preview.content.body.elements.find((e: any) => e.tag === 'button');
    expect(confirm.text.content).toBe('确认导入');
    // A forged token is refused and writes nothing (another person's click: roster.preview.test.ts).
    const forged = await emu.click(preview.message_id, P.orgAdmin.mobile, { a: 'roster.confirm', t: 'forged' });
    expect(forged.toast).toEqual({ type: 'error', content: '只有发送该花名册的本人可以确认导入' });
    expect(await emu.handle.db.select().from(people).where(eq(people.mobile, '13600000001'))).toHaveLength(0);
    const done = await emu.click(preview.message_id, P.orgAdmin.mobile, confirm.value);
    expect(done.toast).toEqual({ type: 'success', content: '花名册已导入' });
    const result = done.card.data;
    expect(result.header.title.content).toBe('花名册导入完成');
    expect(JSON.stringify(result)).toContain('新增 **2** 人');
    expect(JSON.stringify(result)).toContain('新绑定 2 人');
    const twice = await emu.click(preview.message_id, P.orgAdmin.mobile, confirm.value);
    expect(twice.toast.type).toBe('error');
    const [jia] = await emu.handle.db.select().from(people).where(eq(people.mobile, '13600000001'));
    const tenant = (await emu.users()).find((u) => u.mobile === '13600000001')!;
    expect(jia.openId).toBe(tenant.open_id);
    expect(jia.userId).toBe(tenant.user_id);
  });

  it('a messy roster is reported row by row and nothing is written', async () => {
    const before = (await emu.handle.db.select({ id: people.id }).from(people)).length;
    const rows = [
      ['坏数据', '男', '1990.13', '', '大学', '青山镇', '', '', '', '', '', '', ''],
      ['好数据', '男', '1990.05', '', '大学', '无此镇', '', '', '', '', '', '', ''],
    ];
    await emu.sendFile(P.orgAdmin.mobile, '有问题.xlsx', await xlsx(HEADERS, rows));
    const result = await card(P.orgAdmin.mobile);
    expect(result.content.header.title.content).toBe('花名册未导入');
    expect(text(result)).toContain('第 2 行 · 出生年月');
    expect(text(result)).toContain('第 3 行 · 单位');
    expect(result.content.body.elements.find((e: any) => e.tag === 'button')).toBeUndefined();
    expect((await emu.handle.db.select({ id: people.id }).from(people)).length).toBe(before);
  });

  it('refuses a roster from someone who is not org_admin', async () => {
    await emu.sendFile(P.youngCadre.mobile, '花名册.xlsx', await xlsx(HEADERS, []));
    expect((await card(P.youngCadre.mobile)).content.header.title.content).toBe('无法导入');
  });

  it('导出 花名册 sends the xlsx file to org_admin only', async () => {
    await emu.send(P.orgAdmin.mobile, '导出 花名册');
    await emu.deliverAll();
    const msgs = await emu.messages({ openId: P.orgAdmin.mobile });
    const file = msgs.filter((m) => m.msg_type === 'file').at(-1);
    expect(file?.content.file_name).toMatch(/^花名册_2026-11-30\.xlsx$/);
    await emu.send(P.youngCadre.mobile, '导出 花名册');
    expect(text(await card(P.youngCadre.mobile))).toContain('只有组织部门可以导出花名册');
  });

  it('未绑定 lists people without an account; org_admin binds one by hand', async () => {
    const db = emu.handle.db;
    const [someone] = await db.select({ id: people.id }).from(people).where(eq(people.mobile, P.partyOrg.mobile));
    await db.update(people).set({ openId: null }).where(eq(people.id, someone.id));
    await emu.send(P.orgAdmin.mobile, '未绑定');
    const list = await card(P.orgAdmin.mobile);
    expect(list.content.header.title.content).toBe('未绑定飞书账号：1 人');
    const target = (await emu.users()).find((u) => u.mobile === P.partyOrg.mobile)!;
    const answer = await emu.click(
      list.message_id,
      P.orgAdmin.mobile,
      { a: 'org.bind' },
      { personId: String(someone.id), openId: target.open_id },
      { name: 'org_bind' },
    );
    expect(answer.toast).toEqual({ type: 'success', content: `已为${P.partyOrg.name}绑定飞书账号` });
    const [after] = await db.select({ openId: people.openId }).from(people).where(eq(people.id, someone.id));
    expect(after.openId).toBe(target.open_id);
    const again = await emu.click(
      list.message_id,
      P.orgAdmin.mobile,
      { a: 'org.bind' },
      { personId: String(someone.id), openId: target.open_id },
      { name: 'org_bind' },
    );
    expect(again.toast.type).toBe('error');
  });
});
