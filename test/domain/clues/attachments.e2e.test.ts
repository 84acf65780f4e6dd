/**
 * Evidence attachments 证据附件 through the local Feishu emulator (real SDK, signed events, outbox): 钱文斌 arms
 * 添加附件 on the clue card and sends a pdf, which is stored; the leader neither sees it nor gets it with a forged
 * button (refused, audited); 林晓燕 gets the file in her private chat; a wrong type and an oversize file are refused
 * in Chinese with nothing stored; a spreadsheet sent with nothing armed still reaches the xlsx importers.
 */
import { eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clueAttachIntents, clueAttachments, clues } from '../../../src/db/schema/clues.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { chats } from '../../../src/domain/chats/chats.handlers.js';
import { clueAttachmentsCapability, cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import { ledgerImportCapability } from '../../../src/domain/ledger/ledger.handlers.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { testActors, titleOf } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, post, supervise, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '吴海涛', mobile: '13900000004', unitName: '青山镇', roles: ['unit_deputy_leader'] },
  { name: '陈思雨', mobile: '13900000005', unitName: '青山镇', roles: ['cadre'] },
  { name: '钱文斌', mobile: '13900000010', unitName: '县纪委监委', roles: ['discipline_liaison'] },
];
const ADMIN = '13900000001';
const DEPUTY = '13900000004';
const LIAISON = '13900000010';

const PDF = Buffer.from('%PDF-1.4\n纪委来函（虚构示例）\n%%EOF');

async function ledgerSheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['重点任务', '姓名', '身份证号', '承担工作', '评价', '主要事实', '日期']);
  ws.addRow(['乡村振兴', '陈思雨', '', '驻村工作队员', '好', '完成产业项目', '2026-11-20']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('clue evidence attachments in the emulator', () => {
  let emu: Emulated;
  let open: Map<string, string>;
  let cadreId: number;
  let deputyId: number;
  let clueId: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      // In the production order: the attachment handler before the xlsx importers.
      capabilities: [
        testActors,
        clueAttachmentsCapability,
        ledgerImportCapability,
        chats,
        talksCapability,
        mentoringCapability,
        cluesCapability,
      ],
      env: { CLUE_ATTACHMENT_MAX_MB: '0.05' },
      now: '2026-12-03T09:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const jiwei = await unit(db, '县纪委监委', { countyId: county });
    const town = await unit(db, '青山镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    const liaison = await person(db, '钱文斌', { unitId: jiwei, birthDate: '1979-01-01', openId: open.get('钱文斌') });
    deputyId = (await person(db, '吴海涛', { unitId: town, birthDate: '1988-01-01', openId: open.get('吴海涛') })).id;
    cadreId = (await person(db, '陈思雨', { unitId: town, birthDate: '1999-05-05', openId: open.get('陈思雨') })).id;
    await db.update(people).set({ pinyinInitials: 'csy' }).where(eq(people.id, cadreId));
    await grant(db, admin.id, 'org_admin', county);
    await grant(db, liaison.id, 'discipline_liaison', jiwei);
    await post(db, deputyId, town, 'deputy', '2025-01-01');
    await supervise(db, deputyId, cadreId, '2025-01-01');

    // 钱文斌 reports a clue; 林晓燕 accepts it and assigns 吴海涛 (so the leader has a part in it).
    await emu.send(LIAISON, '报送线索 csy');
    const formMsg = (await emu.lastCard(LIAISON))!;
    const report = buttons(formMsg.content).find((b) => b.a === 'clues.report')!;
    const ok = await emu.click(
      formMsg.message_id,
      LIAISON,
      report,
      { cadre: String(cadreId), source: 'discipline', severity: 'minor', summary: '违规接受宴请' },
      { name: 'clues_report' },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '问题线索已报送' });
    clueId = (await db.select().from(clues))[0].id;
    const toAccept = (await emu.lastCard(ADMIN))!;
    await emu.click(toAccept.message_id, ADMIN, buttons(toAccept.content).find((b) => b.a === 'clues.view')!);
    const detail = (await emu.lastCard(ADMIN))!;
    const accepted = await emu.click(
      detail.message_id,
      ADMIN,
      buttons(detail.content).find((b) => b.a === 'clues.accept')!,
      { leader: String(deputyId) },
      { name: 'clues_accept' },
    );
    expect(accepted.toast.type).toBe('success');
  });
  afterAll(async () => emu?.close());

  const stored = async () => emu.handle.db.select().from(clueAttachments);

  it('a spreadsheet sent with nothing armed reaches the xlsx importers', async () => {
    await emu.sendFile(ADMIN, '台账.xlsx', await ledgerSheet());
    const answer = (await emu.lastCard(ADMIN))!;
    expect(titleOf(answer)).toBe('台账未导入');
    expect(JSON.stringify(answer.content)).toContain('未找到重点任务「乡村振兴」');
    expect(await stored()).toHaveLength(0);
  });

  it('the leader gets no 添加附件 button and a forged one is refused and audited', async () => {
    await emu.send(DEPUTY, '线索');
    const list = (await emu.lastCard(DEPUTY))!;
    await emu.click(list.message_id, DEPUTY, buttons(list.content).find((b) => b.a === 'clues.view')!);
    const brief = (await emu.lastCard(DEPUTY))!;
    expect(buttons(brief.content).map((b) => b.a)).not.toContain('clues.attach');
    const forged = await emu.click(brief.message_id, DEPUTY, { a: 'clues.attach', c: clueId });
    expect(forged.toast).toEqual({ type: 'error', content: '添加证据附件仅限组织部门和报送该线索的纪委/信访联络人' });
    expect(await emu.handle.db.select().from(clueAttachIntents)).toHaveLength(0);
    const denied = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'clue.attach.denied'));
    expect(denied.map((d) => [d.actorPersonId, d.entityId])).toEqual([[deputyId, String(clueId)]]);
  });

  it('钱文斌 arms 添加附件, a wrong type and an oversize file are refused, then the pdf is stored', async () => {
    await emu.send(LIAISON, '线索');
    const list = (await emu.lastCard(LIAISON))!;
    await emu.click(list.message_id, LIAISON, buttons(list.content).find((b) => b.a === 'clues.view')!);
    const detail = (await emu.lastCard(LIAISON))!;
    const attach = buttons(detail.content).find((b) => b.a === 'clues.attach')!;
    expect(attach).toEqual({ a: 'clues.attach', c: clueId });
    const armed = await emu.click(detail.message_id, LIAISON, attach);
    expect(armed.toast).toEqual({ type: 'info', content: '请在私聊中发送附件文件（10 分钟内）' });
    const ask = (await emu.lastCard(LIAISON))!;
    expect(titleOf(ask)).toBe(`请发送问题线索 #${clueId} 的证据附件`);
    expect(JSON.stringify(ask.content)).toContain('09:10');

    await emu.sendFile(LIAISON, '木马.exe', Buffer.from('MZ'));
    const badType = (await emu.lastCard(LIAISON))!;
    expect(titleOf(badType)).toBe('证据附件未保存');
    expect(JSON.stringify(badType.content)).toContain(
      '不支持该文件类型，证据附件限 pdf、jpg/png、doc/docx、xls/xlsx、txt',
    );
    await emu.sendFile(LIAISON, '扫描件.pdf', Buffer.alloc(60 * 1024, 7));
    const tooBig = (await emu.lastCard(LIAISON))!;
    expect(titleOf(tooBig)).toBe('证据附件未保存');
    expect(JSON.stringify(tooBig.content)).toContain('文件超过 0.05 MB，请压缩或拆分后再发送');
    expect(await stored()).toHaveLength(0);

    await emu.sendFile(LIAISON, '纪委来函.pdf', PDF);
    const saved = (await emu.lastCard(LIAISON))!;
    expect(titleOf(saved)).toBe('证据附件已保存');
    const [a] = await stored();
    expect(a).toMatchObject({ clueId, fileName: '纪委来函.pdf', sizeBytes: PDF.length });
    expect(Buffer.from(a.dataBase64, 'base64').equals(PDF)).toBe(true);
    expect(await emu.handle.db.select().from(clueAttachIntents)).toHaveLength(0);
    const audited = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'clue.attach'));
    expect(audited.map((r) => r.entityId)).toEqual([String(clueId)]);
  });

  it('the leader neither sees the attachment nor fetches it with a forged button', async () => {
    const [a] = await stored();
    await emu.send(DEPUTY, '线索');
    const list = (await emu.lastCard(DEPUTY))!;
    await emu.click(list.message_id, DEPUTY, buttons(list.content).find((b) => b.a === 'clues.view')!);
    const brief = (await emu.lastCard(DEPUTY))!;
    expect(JSON.stringify(brief.content)).not.toContain('纪委来函.pdf');
    expect(buttons(brief.content).map((b) => b.a)).not.toContain('clues.file');
    const forged = await emu.click(brief.message_id, DEPUTY, { a: 'clues.file', c: clueId, f: a.id });
    expect(forged.toast).toEqual({ type: 'error', content: '您无权查看该问题线索的附件' });
    const denied = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'clue.attachment.denied'));
    expect(denied.map((d) => [d.actorPersonId, d.entityId])).toEqual([[deputyId, String(clueId)]]);
    const deputyFiles = (await emu.messages({ openId: open.get('吴海涛')! })).filter((m) => m.msg_type === 'file');
    expect(deputyFiles).toHaveLength(0);
  });

  it('林晓燕 sees the attachment on the card and receives the file in her private chat', async () => {
    await emu.send(ADMIN, '线索');
    const list = (await emu.lastCard(ADMIN))!;
    await emu.click(list.message_id, ADMIN, buttons(list.content).find((b) => b.a === 'clues.view')!);
    const detail = (await emu.lastCard(ADMIN))!;
    const text = JSON.stringify(detail.content);
    expect(text).toContain('纪委来函.pdf');
    expect(text).toContain('钱文斌');
    expect(text).toContain('2026-12-03 09:');
    const fetchBtn = buttons(detail.content).find((b) => b.a === 'clues.file')!;
    const res = await emu.click(detail.message_id, ADMIN, fetchBtn);
    expect(res.toast).toEqual({ type: 'info', content: '已私聊发送附件“纪委来函.pdf”' });
    const [file] = (await emu.messages({ openId: open.get('林晓燕')! })).filter(
      (m) => m.msg_type === 'file' && m.sender.type === 'app',
    );
    expect(file.content.file_name).toBe('纪委来函.pdf');
    const got = await fetch(`${emu.baseUrl}/emulator/api/files/${file.content.file_key}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    const views = await emu.handle.db.select().from(auditLog).where(like(auditLog.action, 'clue.attachment.view'));
    expect(views.map((v) => v.entityId)).toEqual([String(clueId)]);
  });
});
