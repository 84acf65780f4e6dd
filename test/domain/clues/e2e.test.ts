/**
 * The whole clue loop through the local Feishu emulator (real SDK, signed events, outbox): 钱文斌 reports →
 * 林晓燕 accepts and assigns 吴海涛 → 吴海涛 holds the warning talk from the reminder card → confirms the correction →
 * 林晓燕 closes. A forged attempt by the leader to read the clue's details is refused and audited.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clues } from '../../../src/db/schema/clues.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { talks } from '../../../src/db/schema/talks.js';
import { chats } from '../../../src/domain/chats/chats.handlers.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
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
const CADRE = '13900000005';
const LIAISON = '13900000010';

describe('problem clue loop in the emulator', () => {
  let emu: Emulated;
  let cadreId: number;
  let deputyId: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, chats, talksCapability, mentoringCapability, cluesCapability],
      now: '2026-12-03T09:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
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
  });
  afterAll(async () => emu?.close());

  it('报送 → 受理 → 警醒谈话 → 纠正 → 办结', async () => {
    // 钱文斌 reports.
    await emu.send(LIAISON, '报送线索 csy');
    const formMsg = (await emu.lastCard(LIAISON))!;
    expect(titleOf(formMsg)).toBe('报送问题线索');
    const report = buttons(formMsg.content).find((b) => b.a === 'clues.report')!;
    const values = { cadre: String(cadreId), source: 'discipline', severity: 'minor', summary: '违规接受宴请' };
    const bad = await emu.click(
      formMsg.message_id,
      LIAISON,
      report,
      { ...values, summary: ' ' },
      { name: 'clues_report' },
    );
    expect(bad.toast).toEqual({ type: 'error', content: '请填写问题摘要' });
    const ok = await emu.click(
      formMsg.message_id,
      LIAISON,
      report,
      { ...values, evidence: '纪委来函〔2026〕12号' },
      { name: 'clues_report' },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '问题线索已报送' });
    const [clue] = await emu.handle.db.select().from(clues);

    // The leader tries to read the details with a forged click before anything was assigned: refused, audited.
    await emu.send(DEPUTY, '线索');
    const deputyList = (await emu.lastCard(DEPUTY))!;
    expect(JSON.stringify(deputyList.content)).toContain('您当前没有需要办理的问题线索');
    const forged = await emu.click(deputyList.message_id, DEPUTY, { a: 'clues.view', c: clue.id });
    expect(forged.toast).toEqual({ type: 'error', content: '您无权查看该问题线索' });
    const denied = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'clue.view.denied'));
    expect(denied.map((d) => [d.actorPersonId, d.entityId])).toEqual([[deputyId, String(clue.id)]]);

    // 林晓燕 accepts from her card and assigns 吴海涛.
    const toAccept = (await emu.lastCard(ADMIN))!;
    expect(titleOf(toAccept)).toBe('新的问题线索待受理');
    await emu.click(toAccept.message_id, ADMIN, buttons(toAccept.content).find((b) => b.a === 'clues.view')!);
    const detail = (await emu.lastCard(ADMIN))!;
    expect(JSON.stringify(detail.content)).toContain('纪委来函〔2026〕12号');
    const accept = buttons(detail.content).find((b) => b.a === 'clues.accept')!;
    const accepted = await emu.click(
      detail.message_id,
      ADMIN,
      accept,
      { leader: String(deputyId) },
      { name: 'clues_accept' },
    );
    expect(accepted.toast.type).toBe('success');

    // 吴海涛 sees only what the talk needs, and records the warning talk from the reminder.
    const reminder = (await emu.lastCard(DEPUTY))!;
    expect(titleOf(reminder)).toBe('请进行警醒谈话');
    await emu.click(reminder.message_id, DEPUTY, buttons(reminder.content).find((b) => b.a === 'clues.view')!);
    const brief = JSON.stringify((await emu.lastCard(DEPUTY))!.content);
    expect(brief).toContain('违规接受宴请');
    expect(brief).not.toContain('纪委来函');
    expect(brief).not.toContain('钱文斌');
    expect(brief).not.toContain('纪委监委');
    await emu.click(reminder.message_id, DEPUTY, buttons(reminder.content).find((b) => b.a === 'clues.talk')!);
    const talkForm = (await emu.lastCard(DEPUTY))!;
    expect(titleOf(talkForm)).toBe('记录谈心谈话');
    const submit = buttons(talkForm.content).find((b) => b.a === 'talks.submit')!;
    const saved = await emu.click(
      talkForm.message_id,
      DEPUTY,
      submit,
      { cadre: String(cadreId), date: '2026-12-03 +0800', kind: 'regular', tone: 'warning', topics: '廉洁自律' },
      { name: 'talks_submit' },
    );
    expect(saved.toast).toEqual({ type: 'success', content: '谈话记录已保存' });
    expect((await emu.handle.db.select().from(talks)).map((t) => t.tone)).toEqual(['warning']);

    // The cadre still sees nothing of the clue.
    await emu.send(CADRE, '线索');
    expect(JSON.stringify((await emu.lastCard(CADRE))!.content)).not.toContain('违规接受宴请');

    // 吴海涛 confirms the correction.
    await emu.send(DEPUTY, '线索');
    const list = (await emu.lastCard(DEPUTY))!;
    await emu.click(list.message_id, DEPUTY, buttons(list.content).find((b) => b.a === 'clues.view')!);
    const toCorrect = (await emu.lastCard(DEPUTY))!;
    const correct = buttons(toCorrect.content).find((b) => b.a === 'clues.correct')!;
    const corrected = await emu.click(
      toCorrect.message_id,
      DEPUTY,
      correct,
      { text: '已退还并作书面检查' },
      { name: 'clues_correct' },
    );
    expect(corrected.toast.type).toBe('success');

    // 林晓燕 closes with a finding.
    const toClose = (await emu.lastCard(ADMIN))!;
    expect(titleOf(toClose)).toBe('问题线索待办结');
    await emu.click(toClose.message_id, ADMIN, buttons(toClose.content).find((b) => b.a === 'clues.view')!);
    const closing = (await emu.lastCard(ADMIN))!;
    const close = buttons(closing.content).find((b) => b.a === 'clues.close')!;
    const noFinding = await emu.click(
      closing.message_id,
      ADMIN,
      close,
      { handling: '批评教育' },
      { name: 'clues_close' },
    );
    expect(noFinding.toast).toEqual({ type: 'error', content: '请选择核查结论（属实/部分属实/不属实）' });
    const closed = await emu.click(
      closing.message_id,
      ADMIN,
      close,
      { finding: 'partly', handling: '批评教育' },
      { name: 'clues_close' },
    );
    expect(closed.toast).toEqual({ type: 'success', content: '问题线索已办结' });
    const [done] = await emu.handle.db.select().from(clues);
    expect(done).toMatchObject({ step: 'closed', finding: 'partly', leaderPersonId: deputyId });
  });
});
