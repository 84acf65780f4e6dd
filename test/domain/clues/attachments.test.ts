/**
 * Evidence attachments 证据附件: the pure rules (who, when, which types, what size, how long an intent lasts) and
 * the service's order of checks — nothing is downloaded without a live intent, refusals write no attachment.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clueAttachIntents, clueAttachments, clues } from '../../../src/db/schema/clues.js';
import { auditLog } from '../../../src/db/schema/org.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { armAttachment, receiveAttachment, sendAttachment } from '../../../src/domain/clues/clues.attachments.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import {
  ATTACH_INTENT_MINUTES,
  attachNameProblem,
  attachSizeProblem,
  type ClueRole,
  intentArmed,
  intentExpiry,
  MAX_ATTACHMENTS_PER_CLUE,
  mayAttach,
  sizeText,
} from '../../../src/domain/clues/clues.rules.js';
import { reportClue, viewClue } from '../../../src/domain/clues/clues.service.js';
import type { ClueStep } from '../../../src/domain/clues/clues.vocab.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, person, post, supervise, unit } from '../talks/builders.js';

describe('attachment rules', () => {
  it.each<[string, ClueRole[], ClueStep, boolean, boolean]>([
    ['org_admin, open', ['org_admin'], 'reported', false, true],
    ['org_admin, at 纠正', ['org_admin'], 'correcting', false, true],
    ['the reporting liaison', ['discipline_liaison'], 'reminding', true, true],
    ['another liaison of the county', ['discipline_liaison'], 'reported', false, false],
    ['the leader', ['leader'], 'reminding', false, false],
    ['the cadre', ['cadre'], 'reminding', false, false],
    ['someone else', ['other'], 'reported', true, false],
    ['org_admin, closed', ['org_admin'], 'closed', false, false],
    ['reporting liaison, returned', ['discipline_liaison'], 'returned', true, false],
  ])('%s', (_, roles, step, isReporter, ok) => {
    expect(mayAttach(roles, step, isReporter).ok).toBe(ok);
  });

  it('says why in Chinese', () => {
    expect(mayAttach(['org_admin'], 'closed', false)).toEqual({ ok: false, why: '该线索已办结，不能再添加附件' });
    expect(mayAttach(['leader'], 'reminding', false)).toEqual({
      ok: false,
      why: '添加证据附件仅限组织部门和报送该线索的纪委/信访联络人',
    });
  });

  it('an intent lasts ten minutes, expiry exclusive', () => {
    const now = new Date('2026-12-03T01:00:00Z');
    const exp = intentExpiry(now);
    expect(ATTACH_INTENT_MINUTES).toBe(10);
    expect(exp.toISOString()).toBe('2026-12-03T01:10:00.000Z');
    expect(intentArmed(exp, new Date('2026-12-03T01:09:59.999Z'))).toBe(true);
    expect(intentArmed(exp, exp)).toBe(false);
  });

  it.each([
    ['来函.pdf', null],
    ['照片.JPG', null],
    ['scan.jpeg', null],
    ['图.png', null],
    ['说明.doc', null],
    ['说明.docx', null],
    ['明细.xls', null],
    ['明细.xlsx', null],
    ['记录.txt', null],
    ['run.exe', '不支持该文件类型，证据附件限 pdf、jpg/png、doc/docx、xls/xlsx、txt'],
    ['archive.zip', '不支持该文件类型，证据附件限 pdf、jpg/png、doc/docx、xls/xlsx、txt'],
    ['pdf', '不支持该文件类型，证据附件限 pdf、jpg/png、doc/docx、xls/xlsx、txt'],
    ['   ', '文件名有误，请重命名后再发送'],
    [`${'长'.repeat(200)}.pdf`, '文件名有误，请重命名后再发送'],
  ])('type of %s', (name, problem) => {
    expect(attachNameProblem(name)).toBe(problem);
  });

  it('size: empty and over the limit refused, the limit itself allowed', () => {
    expect(attachSizeProblem(0, 20)).toBe('文件为空，请检查后重新发送');
    expect(attachSizeProblem(20 * 1024 * 1024, 20)).toBeNull();
    expect(attachSizeProblem(20 * 1024 * 1024 + 1, 20)).toBe('文件超过 20 MB，请压缩或拆分后再发送');
    expect(sizeText(512)).toBe('512 B');
    expect(sizeText(12 * 1024)).toBe('12 KB');
    expect(sizeText(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});

describe('attachment service', () => {
  let bot: TestBot;
  const ids: Record<string, number> = {};
  const open: Record<string, string> = {};
  let clueId: number;
  const meta = { eventId: null };
  const who = (name: string) => ({ personId: ids[name], openId: open[name] });
  const pdf = Buffer.from('%PDF-1.4 fictional evidence');
  let downloads = 0;
  const file = (name: string, fileName: string, data = pdf, chatType: 'p2p' | 'group' = 'p2p') => ({
    ...who(name),
    chatType,
    fileName,
    download: async () => {
      downloads++;
      return data;
    },
  });
  const stored = async () => bot.handle.db.select().from(clueAttachments);
  const intents = async () => bot.handle.db.select().from(clueAttachIntents);

  beforeAll(async () => {
    bot = await createTestBot({
      now: new Date('2026-12-03T09:00:00+08:00'),
      env: { CLUE_ATTACHMENT_MAX_MB: '0.01' },
      capabilities: [talksCapability, mentoringCapability, cluesCapability],
    });
    const db = bot.handle.db;
    const county = await unit(db, '测试县', { kind: 'county' });
    const jiwei = await unit(db, '县纪委监委', { countyId: county });
    const t1 = await unit(db, '一镇', { countyId: county });
    for (const [name, u, b] of [
      ['管理员', county, '1980-01-01'],
      ['联络人', jiwei, '1979-01-01'],
      ['联络人乙', jiwei, '1981-01-01'],
      ['副手', t1, '1985-01-01'],
      ['阿满', t1, '1996-03-03'],
    ] as const) {
      const p = await person(db, name, { unitId: u, birthDate: b, openId: `ou_${name}` });
      ids[name] = p.id;
      open[name] = p.openId;
    }
    await grant(db, ids.管理员, 'org_admin', county);
    await grant(db, ids.联络人, 'discipline_liaison', jiwei);
    await grant(db, ids.联络人乙, 'discipline_liaison', jiwei);
    await post(db, ids.副手, t1, 'deputy', '2025-01-01');
    await supervise(db, ids.副手, ids.阿满, '2025-01-01');
    clueId = await reportClue(
      bot.deps,
      ids.联络人,
      { cadre: ids.阿满, source: 'petition', severity: 'minor', summary: '群众反映办事推诿' },
      { eventId: null, nonce: null },
    );
  });
  afterAll(async () => bot?.close());
  beforeEach(async () => {
    downloads = 0;
    bot.clock.freeze(new Date('2026-12-03T09:00:00+08:00'));
    await bot.handle.db.delete(clueAttachIntents);
  });

  it('without an armed intent a file is not ours and is never downloaded', async () => {
    expect(await receiveAttachment(bot.deps, file('联络人', '来函.pdf'), meta)).toEqual({ taken: false });
    expect(downloads).toBe(0);
    expect(await stored()).toHaveLength(0);
  });

  it('only org_admin and the reporting liaison may arm; refusals audited, nothing armed', async () => {
    for (const name of ['副手', '阿满', '联络人乙']) {
      await expect(armAttachment(bot.deps, who(name), clueId, meta)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await intents()).toHaveLength(0);
    const denied = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'clue.attach.denied'));
    expect(denied.map((d) => d.actorPersonId).sort()).toEqual([ids.副手, ids.阿满, ids.联络人乙].sort());
    await armAttachment(bot.deps, who('管理员'), clueId, meta);
    await armAttachment(bot.deps, who('联络人'), clueId, meta);
    expect((await intents()).map((i) => [i.personId, i.clueId]).sort()).toEqual(
      [
        [ids.管理员, clueId],
        [ids.联络人, clueId],
      ].sort(),
    );
  });

  it('a wrong type is refused before download and the intent stays for a second try', async () => {
    await armAttachment(bot.deps, who('联络人'), clueId, meta);
    await expect(receiveAttachment(bot.deps, file('联络人', 'run.exe'), meta)).rejects.toThrow(/不支持该文件类型/);
    expect(downloads).toBe(0);
    expect(await intents()).toHaveLength(1);
    await expect(
      receiveAttachment(bot.deps, file('联络人', 'big.pdf', Buffer.alloc(11 * 1024, 1)), meta),
    ).rejects.toThrow('文件超过 0.01 MB，请压缩或拆分后再发送。文件未保存。');
    expect(downloads).toBe(1);
    expect(await stored()).toHaveLength(0);
    const r = await receiveAttachment(bot.deps, file('联络人', '来函.pdf'), meta);
    expect(r).toEqual({ taken: true, clueId, fileName: '来函.pdf', size: `${pdf.length} B` });
    const [a] = await stored();
    expect(a).toMatchObject({ clueId, fileName: '来函.pdf', sizeBytes: pdf.length, uploadedByPersonId: ids.联络人 });
    expect(Buffer.from(a.dataBase64, 'base64').equals(pdf)).toBe(true);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Consumed: the next file is not ours.
    expect(await intents()).toHaveLength(0);
    expect(await receiveAttachment(bot.deps, file('联络人', '二.pdf'), meta)).toEqual({ taken: false });
    await bot.handle.db.delete(clueAttachments);
  });

  it('a group chat is refused (undownloaded)', async () => {
    await armAttachment(bot.deps, who('管理员'), clueId, meta);
    await expect(receiveAttachment(bot.deps, file('管理员', '来函.pdf', pdf, 'group'), meta)).rejects.toThrow(
      '证据附件含敏感信息，请在与青苗的私聊中发送。',
    );
    expect(downloads).toBe(0);
    expect(await stored()).toHaveLength(0);
  });

  it('after ten minutes: a pdf is refused and the intent dropped; a spreadsheet goes on to the importers', async () => {
    await armAttachment(bot.deps, who('管理员'), clueId, meta);
    bot.clock.freeze(new Date('2026-12-03T09:10:00+08:00'));
    await expect(receiveAttachment(bot.deps, file('管理员', '来函.pdf'), meta)).rejects.toThrow(
      '添加附件已超过 10 分钟，文件未保存。请在线索卡片上重新点击「添加附件」后再发送。',
    );
    expect(await intents()).toHaveLength(0);
    bot.clock.freeze(new Date('2026-12-03T09:00:00+08:00'));
    await armAttachment(bot.deps, who('管理员'), clueId, meta);
    bot.clock.freeze(new Date('2026-12-03T09:30:00+08:00'));
    expect(await receiveAttachment(bot.deps, file('管理员', '台账.xlsx'), meta)).toEqual({ taken: false });
    expect(downloads).toBe(0);
    expect(await intents()).toHaveLength(0);
    expect(await stored()).toHaveLength(0);
  });

  it('a role lost after arming is refused at the file, undownloaded', async () => {
    await armAttachment(bot.deps, who('联络人'), clueId, meta);
    const [c] = await bot.handle.db.select().from(clues).where(eq(clues.id, clueId));
    await bot.handle.db.update(clues).set({ reporterPersonId: ids.联络人乙 }).where(eq(clues.id, clueId));
    await expect(receiveAttachment(bot.deps, file('联络人', '来函.pdf'), meta)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(downloads).toBe(0);
    expect(await stored()).toHaveLength(0);
    await bot.handle.db.update(clues).set({ reporterPersonId: c.reporterPersonId }).where(eq(clues.id, clueId));
  });

  it(`at most ${MAX_ATTACHMENTS_PER_CLUE} per clue`, async () => {
    const at = bot.clock.now();
    await bot.handle.db.insert(clueAttachments).values(
      Array.from({ length: MAX_ATTACHMENTS_PER_CLUE }, (_, i) => ({
        clueId,
        fileName: `${i}.txt`,
        sizeBytes: 1,
        sha256: '0'.repeat(64),
        uploadedByPersonId: ids.管理员,
        uploadedAt: at,
        dataBase64: 'eA==',
      })),
    );
    await armAttachment(bot.deps, who('管理员'), clueId, meta);
    await expect(receiveAttachment(bot.deps, file('管理员', '来函.pdf'), meta)).rejects.toThrow(
      `该线索的附件已达 ${MAX_ATTACHMENTS_PER_CLUE} 个上限，文件未保存。`,
    );
    expect(downloads).toBe(0);
    expect(await stored()).toHaveLength(MAX_ATTACHMENTS_PER_CLUE);
    // The list on the card: details viewers only, without bytes.
    const d = await viewClue(bot.deps, ids.联络人乙, clueId, meta);
    expect(d.attachments).toHaveLength(MAX_ATTACHMENTS_PER_CLUE);
    expect(d.attachments[0]).toEqual({
      id: expect.any(Number),
      fileName: '0.txt',
      size: '1 B',
      uploaderName: '管理员',
      at: '2026-12-03 09:00',
    });
    expect(d.canAttach).toBe(false);
    await bot.handle.db.delete(clueAttachments);
  });

  it('sending back: details viewers only, checked before the bytes are read; audited', async () => {
    await armAttachment(bot.deps, who('联络人'), clueId, meta);
    await receiveAttachment(bot.deps, file('联络人', '来函.pdf'), meta);
    const [a] = await stored();
    await expect(sendAttachment(bot.deps, who('副手'), clueId, a.id, meta)).rejects.toThrow(
      '您无权查看该问题线索的附件',
    );
    await expect(sendAttachment(bot.deps, who('阿满'), clueId, a.id, meta)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(sendAttachment(bot.deps, who('管理员'), clueId, a.id + 999, meta)).rejects.toThrow('未找到该附件');
    expect(await sendAttachment(bot.deps, who('联络人乙'), clueId, a.id, meta)).toBe('来函.pdf');
    const rows = await bot.handle.db.select().from(auditLog).where(like(auditLog.action, 'clue.attachment.%'));
    expect(rows.map((r) => [r.action, r.actorPersonId])).toEqual([
      ['clue.attachment.denied', ids.副手],
      ['clue.attachment.denied', ids.阿满],
      ['clue.attachment.denied', ids.管理员],
      ['clue.attachment.view', ids.联络人乙],
    ]);
    const files = (await bot.handle.db.select().from(outbox)).filter((o) => o.kind === 'file');
    expect(files.map((f) => [f.target, f.fileName, f.fileBase64])).toEqual([
      [open.联络人乙, '来函.pdf', pdf.toString('base64')],
    ]);
  });
});
