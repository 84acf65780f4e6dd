import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAssignments, dispatchAttachments, dispatchBatches } from '../../../src/db/schema/dispatches.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { runDispatchReminders } from '../../../src/domain/dispatches/dispatches.jobs.js';
import { ATTACHMENT_MAX_BYTES } from '../../../src/domain/dispatches/dispatches.vocab.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { TEST_PEOPLE, testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, person, post, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

const USERS: DirectoryEntry[] = [TEST_PEOPLE.admin, TEST_PEOPLE.leader, TEST_PEOPLE.cadre, TEST_PEOPLE.silent];
const ADMIN = '13900000001';
const LEADER = '13900000003';
const CADRE = '13900000006';
const SILENT = '13900000005';

describe('dispatch reports end to end in the emulator', () => {
  let emu: Emulated;
  let asg: number;
  const title = (m: any) => m?.content?.header?.title?.content;
  const outboxCount = async () => (await emu.handle.db.select({ id: outbox.id }).from(outbox)).length;

  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, dispatchesCapability],
      now: '2026-11-26T08:50:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const home = await unit(db, '青山镇', { countyId: county });
    const dest = await unit(db, '白水镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    const leader = await person(db, '周志远', { unitId: home, birthDate: '1975-01-01', openId: open.get('周志远') });
    const cadre = await person(db, '刘子轩', { unitId: home, birthDate: '1997-05-05', openId: open.get('刘子轩') });
    const silent = await person(db, '陈思雨', { unitId: home, birthDate: '1999-05-05', openId: open.get('陈思雨') });
    await grant(db, admin.id, 'org_admin', county);
    await post(db, leader.id, home, 'main', '2025-01-01');
    const [b] = await db
      .insert(dispatchBatches)
      .values({
        countyId: county,
        kind: 'first_secretary',
        name: '第六批',
        startDate: '2026-11-01',
        endDate: '2028-10-31',
        cadence: 'monthly',
        ...T0,
      })
      .returning();
    const rows = await db
      .insert(dispatchAssignments)
      .values(
        [cadre.id, silent.id].map((personId) => ({
          batchId: b.id,
          personId,
          homeUnitId: home,
          destUnitId: dest,
          destPlace: '石门村',
          hostUnitName: '白水镇',
          startDate: '2026-11-01',
          plannedEnd: '2028-10-31',
          ...T0,
        })),
      )
      .returning();
    asg = rows[0].id;
  });
  afterAll(async () => emu?.close());

  it('reminder → report card → submit → read-only summary; the same day sends nothing twice', async () => {
    await emu.setClock('2026-11-26T09:10:00+08:00');
    const run = await emu.runJob('dispatches.reminders');
    expect(JSON.stringify(run)).toContain('"due":2');
    await emu.deliverAll();
    const form = (await emu.lastCard(CADRE))!;
    expect(title(form)).toBe('选派工作报告');
    expect(JSON.stringify(form.content)).toContain('请于 2026-11-30 前提交2026 年 11 月的选派工作报告');

    // A second instance (and a rerun) on the same day: the ledger lets nothing through.
    const before = await outboxCount();
    const [r1, r2] = await Promise.all([
      runDispatchReminders(emu.bot.deps, new Date('2026-11-26T09:10:00+08:00')),
      runDispatchReminders(emu.bot.deps, new Date('2026-11-26T09:10:05+08:00')),
    ]);
    expect(r1.due + r2.due).toBe(0);
    expect(await outboxCount()).toBe(before);

    const submit = buttons(form.content).find((b) => b.a === 'dispatch.report.submit')!;
    expect(submit).toMatchObject({ as: asg, p: '2026-11', k: 'report' });
    // Someone else submitting for the cadre (the payload forged on a card of his own) is refused.
    await emu.send(LEADER, '选派报告');
    await emu.deliverAll();
    const own = (await emu.lastCard(LEADER))!;
    const forged = await emu.click(
      own.message_id,
      LEADER,
      submit,
      { work: '代填' },
      { name: 'dispatch_report_submit' },
    );
    expect(forged.toast).toEqual({ type: 'error', content: '只能由选派干部本人填写自己的工作报告' });
    const empty = await emu.click(form.message_id, CADRE, submit, { work: '  ' }, { name: 'dispatch_report_submit' });
    expect(empty.toast).toEqual({ type: 'error', content: '请填写已开展的工作' });

    const ok = await emu.click(
      form.message_id,
      CADRE,
      submit,
      { work: '走访农户 40 户，推进村级光伏项目', problems: '项目用地审批慢', help: '', next: '完成项目验收' },
      { name: 'dispatch_report_submit' },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '报告已提交' });
    const patched = (await emu.messages({ openId: CADRE })).find((m) => m.message_id === form.message_id)!;
    const summary = patched.patches.at(-1)!.content as any;
    expect(summary.header.title.content).toBe('选派工作报告（已提交）');
    expect(JSON.stringify(summary)).toContain('走访农户 40 户');
    expect(buttons(summary).map((b) => b.a)).toEqual(['dispatch.report.open']);

    await emu.send(CADRE, '选派报告');
    await emu.deliverAll();
    expect(JSON.stringify((await emu.lastCard(CADRE))!.content)).toContain('2026 年 11 月：2026-11-26 提交');
  });

  it('a missing report escalates to the home-unit leader and org_admin; 提醒全部 does not repeat today’s reminder', async () => {
    await emu.setClock('2026-12-03T09:10:00+08:00');
    const run = await emu.runJob('dispatches.reminders');
    expect(run).toMatchObject({ result: expect.objectContaining({ overdue: 1, escalations: 2, missingCards: 1 }) });
    await emu.deliverAll();
    expect(title(await emu.lastCard(SILENT))).toBe('选派工作报告');
    expect(JSON.stringify((await emu.lastCard(SILENT))!.content)).toContain('已逾期');
    const esc = (await emu.lastCard(LEADER))!;
    expect(title(esc)).toBe('选派工作报告逾期督办');
    expect(JSON.stringify(esc.content)).toContain('陈思雨（第六批）2026 年 11 月，截止 2026-11-30，已逾期 3 个工作日');
    expect(JSON.stringify(esc.content)).not.toContain('刘子轩');
    const adminCards = (await emu.messages({ openId: ADMIN })).filter((m) => m.msg_type === 'interactive');
    expect(adminCards.map(title).sort()).toEqual(['选派工作报告未交', '选派工作报告逾期督办']);
    const missing = adminCards.find((m) => title(m) === '选派工作报告未交')!;
    const remindAll = buttons(missing.content).find((b) => b.a === 'dispatch.remindAll')!;
    const before = await outboxCount();
    const clicked = await emu.click(missing.message_id, ADMIN, remindAll);
    expect(clicked.toast).toEqual({ type: 'success', content: '今天已提醒过，未重复发送' });
    // Only org_admin may press it.
    const cadreCard = (await emu.lastCard(CADRE))!;
    const denied = await emu.click(cadreCard.message_id, CADRE, remindAll);
    expect(denied.toast.type).toBe('error');
    const again = await emu.runJob('dispatches.reminders');
    expect(again).toMatchObject({ result: expect.objectContaining({ overdue: 0, escalations: 0, missingCards: 0 }) });
    expect(await outboxCount()).toBe(before);
  });

  it('the home-unit leader finds and reads the submitted report, read-only', async () => {
    await emu.send(LEADER, '选派报告');
    await emu.deliverAll();
    const list = (await emu.lastCard(LEADER))!;
    const open = buttons(list.content).find((b) => b.a === 'dispatch.report.open')!;
    expect(open).toMatchObject({ as: asg, p: '2026-11', k: 'report' });
    const read = await emu.click(list.message_id, LEADER, open);
    expect(read.toast).toBeUndefined();
    const shown = (await emu.messages({ openId: LEADER })).find((m) => m.message_id === list.message_id)!;
    const summary = shown.patches.at(-1)!.content as any;
    expect(summary.header.title.content).toBe('选派工作报告（已提交）');
    expect(JSON.stringify(summary)).toContain('走访农户 40 户');
    expect(buttons(summary)).toEqual([]);
  });

  it('attachments: a photo is stored on the report, a wrong type refused before any download; readers get the file', async () => {
    const downloads = async () =>
      Object.entries((await emu.stats()).requests as Record<string, number>)
        .filter(([k]) => k.includes('resources'))
        .reduce((n, [, v]) => n + v, 0);
    await emu.setClock('2026-11-27T10:00:00+08:00');
    const before = await downloads();
    await emu.sendFile(CADRE, '程序.exe', Buffer.from('MZ'));
    await emu.deliverAll();
    const refused = (await emu.lastCard(CADRE))!;
    expect(title(refused)).toBe('附件未保存');
    expect(JSON.stringify(refused.content)).toContain('附件类型不允许，只能上传 jpg、jpeg、png、pdf、docx、xlsx 文件');
    expect(await downloads()).toBe(before);

    const photo = Buffer.from('\x89PNG fictional photo bytes');
    await emu.sendFile(CADRE, '光伏现场.png', photo);
    await emu.deliverAll();
    expect(title(await emu.lastCard(CADRE))).toBe('附件已保存');
    expect(await downloads()).toBe(before + 1);

    // Over the 10 MB cap: the download stops at the cap, a Chinese refusal, nothing stored.
    const stored = (await emu.handle.db.select().from(dispatchAttachments)).length;
    await emu.sendFile(CADRE, '会议纪要.pdf', Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 0x25));
    await emu.deliverAll();
    const big = (await emu.lastCard(CADRE))!;
    expect(title(big)).toBe('附件未保存');
    expect(JSON.stringify(big.content)).toContain('文件超过 10 MB 的大小限制，未保存');
    expect(await emu.handle.db.select().from(dispatchAttachments)).toHaveLength(stored);
    expect(stored).toBe(1);

    // The home-unit leader reads the report and asks for the file: it arrives in his private chat.
    await emu.send(LEADER, '选派报告');
    await emu.deliverAll();
    const list = (await emu.lastCard(LEADER))!;
    const open = buttons(list.content).find((b) => b.a === 'dispatch.report.open' && b.p === '2026-11')!;
    await emu.click(list.message_id, LEADER, open);
    const shown = (await emu.messages({ openId: LEADER })).find((m) => m.message_id === list.message_id)!;
    const summary = shown.patches.at(-1)!.content as any;
    expect(JSON.stringify(summary)).toContain('附件：光伏现场.png');
    const get = buttons(summary).find((b) => b.a === 'dispatch.attachment.get')!;
    const r = await emu.click(list.message_id, LEADER, get);
    expect(r.toast).toEqual({ type: 'success', content: '附件“光伏现场.png”随后通过私聊发送' });
    await emu.deliverAll();
    const files = (await emu.messages({ openId: LEADER })).filter(
      (m) => m.msg_type === 'file' && m.sender.type === 'app',
    );
    expect(files.map((m) => m.content.file_name)).toEqual(['光伏现场.png']);

    // Another cadre pressing the same button (forged on a card of his own) is refused.
    const own = (await emu.lastCard(SILENT))!;
    const denied = await emu.click(own.message_id, SILENT, get);
    expect(denied.toast).toEqual({ type: 'error', content: '您无权查看该干部的选派工作报告' });
  });
});
