/**
 * The clue workflow through the router: every step a card action, refusals (wrong person, out of order, out of
 * county, forged payloads) with Chinese messages and nothing written, need-to-know views audited, the pool hold,
 * overdue reminders once a day and escalation.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clueEvents, clueSends, clues } from '../../../src/db/schema/clues.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { poolEntries, poolHistory, poolProposals } from '../../../src/db/schema/pool.js';
import { talks } from '../../../src/db/schema/talks.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import { runClueReminders } from '../../../src/domain/clues/clues.jobs.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { raiseProposals } from '../../../src/domain/pool/pool.proposals.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, person, pool, post, supervise, unit } from '../talks/builders.js';
import { buttons, click, lastOutboxId, say, sent } from '../talks/world.js';

let bot: TestBot;
const ids: Record<string, number> = {};
const open: Record<string, string> = {};

const cardsTo = async (who: string, after: number) =>
  (await sent(bot, after)).filter((r) => r.target === open[who]).map((r) => r.content as any);
const title = (c: any) => c?.card?.header?.title?.content ?? c?.header?.title?.content;
const audits = async (action: string) => bot.handle.db.select().from(auditLog).where(like(auditLog.action, action));
const clueCount = async () => (await bot.handle.db.select().from(clues)).length;

beforeAll(async () => {
  bot = await createTestBot({
    now: new Date('2026-12-03T09:00:00+08:00'),
    capabilities: [talksCapability, mentoringCapability, poolCapability, cluesCapability],
  });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  ids.county = county;
  const jiwei = await unit(db, '县纪委监委', { countyId: county });
  const t1 = await unit(db, '一镇', { countyId: county });
  const other = await unit(db, '他县', { kind: 'county' });
  const add = async (name: string, unitId: number, birthDate: string) => {
    const p = await person(db, name, { unitId, birthDate, openId: `ou_${name}` });
    ids[name] = p.id;
    open[name] = p.openId;
  };
  await add('管理员', county, '1980-01-01');
  await add('联络人', jiwei, '1979-01-01');
  await add('主任', t1, '1975-01-01');
  await add('副手', t1, '1985-01-01');
  await add('阿满', t1, '1996-03-03');
  await add('外县青', other, '1997-01-01');
  await grant(db, ids.管理员, 'org_admin', county);
  await grant(db, ids.联络人, 'discipline_liaison', jiwei);
  await post(db, ids.主任, t1, 'main', '2025-01-01');
  await post(db, ids.副手, t1, 'deputy', '2025-01-01');
  await supervise(db, ids.副手, ids.阿满, '2025-01-01');
  await pool(db, ids.阿满, '2025-01-01');
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
});
afterAll(async () => bot?.close());

const form = (cadre: number) => ({
  cadre: String(cadre),
  source: 'petition',
  severity: 'minor',
  summary: '群众反映办事推诿',
  evidence: '来信 2026-11-20',
});

describe('problem clue workflow', () => {
  let clueId: number;

  it('报送: refused for a leader, for someone outside the county, for a bad form — nothing written', async () => {
    const byLeader = await click(bot, open.副手, { a: 'clues.report', n: 'n-x' }, form(ids.阿满));
    expect(byLeader.toast).toEqual({ type: 'error', content: '报送问题线索仅限纪委监委、信访等联络人和组织部门' });
    const outside = await click(bot, open.联络人, { a: 'clues.report', n: 'n-y' }, form(ids.外县青));
    expect(outside.toast).toEqual({ type: 'error', content: '该干部不在本县范围内，不能报送' });
    const noSource = await click(bot, open.联络人, { a: 'clues.report', n: 'n-z' }, { ...form(ids.阿满), source: 'x' });
    expect(noSource.toast).toEqual({ type: 'error', content: '请选择线索来源' });
    expect(await clueCount()).toBe(0);
    expect((await audits('clue.report.denied')).map((a) => (a.detail as any).reason).sort()).toEqual([
      'out_of_county',
      'role',
    ]);
  });

  it('报送 by the liaison: the clue waits for 受理 (due in 3 workdays), org_admin gets a card, pool entry on hold', async () => {
    await say(bot, open.联络人, '报送线索 阿满');
    const before = await lastOutboxId(bot);
    const ok = await click(bot, open.联络人, { a: 'clues.report', n: 'n-1' }, form(ids.阿满));
    expect(ok.toast).toEqual({ type: 'success', content: '问题线索已报送' });
    const [c] = await bot.handle.db.select().from(clues);
    clueId = c.id;
    expect(c).toMatchObject({ step: 'reported', dueOn: '2026-12-08', reporterPersonId: ids.联络人 });
    // The same form again (double click) records nothing new.
    await click(bot, open.联络人, { a: 'clues.report', n: 'n-1' }, form(ids.阿满));
    expect(await clueCount()).toBe(1);
    expect((await cardsTo('管理员', before)).map(title)).toContain('新的问题线索待受理');
    const [entry] = await bot.handle.db.select().from(poolEntries);
    const hist = await bot.handle.db.select().from(poolHistory).where(eq(poolHistory.entryId, entry.id));
    expect(hist.map((h) => h.kind)).toEqual(['hold']);
  });

  it('the hold blocks promotion proposals while the clue is open', async () => {
    const [entry] = await bot.handle.db.select().from(poolEntries);
    const raised = await bot.handle.db.transaction((tx) =>
      raiseProposals(
        tx,
        entry,
        [
          { ruleId: 't.up', action: 'tier_up', exitReason: null, reason: '两年优秀', dedupKey: 'd-up', basis: null },
          { ruleId: 't.w', action: 'watch', exitReason: null, reason: '观察', dedupKey: 'd-w', basis: null },
        ],
        bot.clock.now(),
      ),
    );
    expect(raised).toHaveLength(1);
    const rows = await bot.handle.db.select().from(poolProposals);
    expect(rows.map((r) => r.action)).toEqual(['watch']);
    await bot.handle.db.delete(poolProposals);
    // The pool list flags the entry.
    const list = await click(bot, open.管理员, { a: 'pool.members', page: 0 });
    const text = JSON.stringify(list.card.data);
    expect(text).toContain('阿满');
    expect(text).toContain('暂缓');
  });

  it('need-to-know: the leader and the cadre cannot read the clue before 受理; refusals are audited', async () => {
    const forged = await click(bot, open.副手, { a: 'clues.view', c: clueId });
    expect(forged.toast).toEqual({ type: 'error', content: '您无权查看该问题线索' });
    const cadre = await click(bot, open.阿满, { a: 'clues.view', c: clueId });
    expect(cadre.toast).toEqual({ type: 'error', content: '您无权查看该问题线索' });
    const denied = await audits('clue.view.denied');
    expect(denied.map((a) => a.actorPersonId).sort()).toEqual([ids.副手, ids.阿满].sort());
    // The liaison sees everything: source, reporter, evidence.
    const before = await lastOutboxId(bot);
    await click(bot, open.联络人, { a: 'clues.view', c: clueId });
    const detail = JSON.stringify((await cardsTo('联络人', before)).at(-1));
    expect(detail).toContain('信访');
    expect(detail).toContain('来信 2026-11-20');
    expect((await audits('clue.view')).length).toBeGreaterThan(0);
  });

  it('out of order and wrong person are refused, nothing changes', async () => {
    const early = await click(bot, open.管理员, { a: 'clues.close', c: clueId, finding: 'unfounded', handling: 'x' });
    expect(early.toast).toEqual({ type: 'error', content: '该线索当前待受理，不能进行此操作' });
    const liaisonAccept = await click(bot, open.联络人, { a: 'clues.accept', c: clueId, leader: ids.副手 });
    expect(liaisonAccept.toast).toEqual({ type: 'error', content: '此操作仅限组织部门' });
    const badLeader = await click(bot, open.管理员, { a: 'clues.accept', c: clueId, leader: ids.联络人 });
    expect(badLeader.toast).toEqual({ type: 'error', content: '请选择该干部的谈心谈话责任领导' });
    const noReason = await click(bot, open.管理员, { a: 'clues.return', c: clueId, reason: ' ' });
    expect(noReason.toast).toEqual({ type: 'error', content: '请填写退回理由' });
    const [c] = await bot.handle.db.select().from(clues);
    expect(c.step).toBe('reported');
    expect(await bot.handle.db.select().from(clueEvents)).toHaveLength(1);
  });

  it('受理 assigns the leader (due in 5 workdays), who gets only what the talk needs', async () => {
    const before = await lastOutboxId(bot);
    const ok = await click(bot, open.管理员, { a: 'clues.accept', c: clueId, leader: ids.副手 });
    expect(ok.toast.type).toBe('success');
    const [c] = await bot.handle.db.select().from(clues);
    expect(c).toMatchObject({ step: 'reminding', leaderPersonId: ids.副手, dueOn: '2026-12-10' });
    const toLeader = await cardsTo('副手', before);
    expect(toLeader.map(title)).toContain('请进行警醒谈话');
    await click(bot, open.副手, { a: 'clues.view', c: clueId });
    const view = JSON.stringify((await cardsTo('副手', before)).at(-1));
    expect(view).toContain('群众反映办事推诿');
    expect(view).not.toContain('信访');
    expect(view).not.toContain('来信');
    expect(view).not.toContain('联络人');
  });

  it('提醒 only through a warning talk by the assigned leader about this cadre; refusals write no talk', async () => {
    const values = { cadre: String(ids.阿满), date: '2026-12-03', kind: 'regular', topics: '廉洁自律' };
    const before = await lastOutboxId(bot);
    await click(bot, open.副手, { a: 'clues.talk', c: clueId });
    const formCard = (await cardsTo('副手', before)).at(-1);
    expect(title(formCard)).toBe('记录谈心谈话');
    const submit = buttons(formCard).find((b) => b.a === 'talks.submit')!;
    expect(submit.l).toBe(`clue:${clueId}`);
    const encourage = await click(bot, open.副手, submit, { ...values, tone: 'encourage' });
    expect(encourage.toast).toEqual({
      type: 'error',
      content: '问题线索的提醒须为警醒谈话，请将谈话类型选为“警醒谈（提醒）”',
    });
    // Another leader who may talk to the cadre cannot complete this clue's step.
    const other = await click(bot, open.主任, { ...submit, n: 'other' }, { ...values, tone: 'warning' });
    expect(other.toast).toEqual({ type: 'error', content: '此操作仅限指定的谈话领导' });
    const correctEarly = await click(bot, open.副手, { a: 'clues.correct', c: clueId, text: '已整改' });
    expect(correctEarly.toast).toEqual({ type: 'error', content: '该线索当前待提醒（警醒谈话），不能进行此操作' });
    expect(await bot.handle.db.select().from(talks)).toEqual([]);
    const ok = await click(bot, open.副手, submit, { ...values, tone: 'warning' });
    expect(ok.toast).toEqual({ type: 'success', content: '谈话记录已保存' });
    const [t] = await bot.handle.db.select().from(talks);
    expect(t.tone).toBe('warning');
    const [c] = await bot.handle.db.select().from(clues);
    expect(c).toMatchObject({ step: 'correcting', talkId: t.id });
  });

  it('纠正 by the leader, then 办结: no finding refused; 不属实 closes and lifts the hold in the pool history', async () => {
    const empty = await click(bot, open.副手, { a: 'clues.correct', c: clueId, text: '' });
    expect(empty.toast).toEqual({ type: 'error', content: '请填写整改纠正情况' });
    const ok = await click(bot, open.副手, { a: 'clues.correct', c: clueId, text: '已向群众道歉并整改' });
    expect(ok.toast.type).toBe('success');
    const noFinding = await click(bot, open.管理员, { a: 'clues.close', c: clueId, handling: '澄清' });
    expect(noFinding.toast).toEqual({ type: 'error', content: '请选择核查结论（属实/部分属实/不属实）' });
    let [c] = await bot.handle.db.select().from(clues);
    expect(c.step).toBe('closing');
    const closed = await click(bot, open.管理员, {
      a: 'clues.close',
      c: clueId,
      finding: 'unfounded',
      handling: '予以澄清',
    });
    expect(closed.toast).toEqual({ type: 'success', content: '问题线索已办结' });
    [c] = await bot.handle.db.select().from(clues);
    expect(c).toMatchObject({ step: 'closed', finding: 'unfounded', dueOn: null });
    const hist = await bot.handle.db.select().from(poolHistory);
    expect(hist.map((h) => h.kind)).toEqual(['hold', 'hold_lifted']);
    const list = await click(bot, open.管理员, { a: 'pool.members', page: 0 });
    expect(JSON.stringify(list.card.data)).not.toContain('暂缓');
    expect((await bot.handle.db.select().from(clueEvents)).map((e) => e.action)).toEqual([
      'report',
      'accept',
      'talk',
      'correct',
      'close',
    ]);
    expect((await audits('clue.%')).map((a) => a.action)).toEqual(
      expect.arrayContaining(['clue.report', 'clue.accept', 'clue.remind', 'clue.correct', 'clue.close']),
    );
  });

  it('属实 proposes a downgrade citing the finding', async () => {
    await click(bot, open.联络人, { a: 'clues.report', n: 'n-2' }, { ...form(ids.阿满), summary: '违规吃请' });
    const [c2] = (await bot.handle.db.select().from(clues)).filter((c) => c.id !== clueId);
    await click(bot, open.管理员, { a: 'clues.accept', c: c2.id, leader: ids.副手 });
    await bot.handle.db.transaction(async (tx) => {
      await tx.update(clues).set({ step: 'closing' }).where(eq(clues.id, c2.id));
    });
    await click(bot, open.管理员, { a: 'clues.close', c: c2.id, finding: 'substantiated', handling: '诫勉谈话' });
    const [p] = await bot.handle.db.select().from(poolProposals);
    expect(p).toMatchObject({ action: 'tier_down', ruleId: 'clue.substantiated' });
    expect(p.reason).toContain('属实');
    expect(p.reason).toContain('诫勉谈话');
  });
});

describe('overdue reminders and escalation', () => {
  it('the step owner once a day; after 3 overdue workdays org_admin too', async () => {
    await click(bot, open.联络人, { a: 'clues.report', n: 'n-3' }, { ...form(ids.阿满), summary: '脱岗' });
    const c3 = (await bot.handle.db.select().from(clues)).find((c) => c.summary === '脱岗')!;
    await click(bot, open.管理员, { a: 'clues.accept', c: c3.id, leader: ids.副手 });
    // due 2026-12-10; Fri 12-11 is overdue; Tue 12-15 is the 3rd workday after the due date.
    let before = await lastOutboxId(bot);
    const r1 = await runClueReminders(bot.deps, new Date('2026-12-11T09:10:00+08:00'));
    expect(r1).toEqual({ reminded: 1, escalated: 0 });
    expect((await cardsTo('副手', before)).map(title)).toEqual(['问题线索超期提醒']);
    expect(await runClueReminders(bot.deps, new Date('2026-12-11T15:00:00+08:00'))).toEqual({
      reminded: 0,
      escalated: 0,
    });
    expect(await runClueReminders(bot.deps, new Date('2026-12-12T09:10:00+08:00'))).toMatchObject({
      skipped: 'not_workday',
    });
    before = await lastOutboxId(bot);
    const r2 = await runClueReminders(bot.deps, new Date('2026-12-15T09:10:00+08:00'));
    expect(r2).toEqual({ reminded: 1, escalated: 1 });
    expect((await cardsTo('管理员', before)).map(title)).toEqual(['问题线索超期督办']);
    const sends = await bot.handle.db.select().from(clueSends);
    expect(sends.map((s) => [s.recipient, s.kind, s.localDate])).toEqual([
      [`person:${ids.副手}`, 'overdue', '2026-12-11'],
      [`person:${ids.副手}`, 'overdue', '2026-12-15'],
      [`person:${ids.管理员}`, 'escalation', '2026-12-15'],
    ]);
  });

  it('the digest counts open clues by step and age, without names', async () => {
    const d = await cluesCapability.digest!(bot.deps, '2026-12-15');
    expect(d!.title).toBe('问题线索');
    expect(d!.lines[0]).toBe('在办问题线索 1 件');
    expect(d!.lines.join('')).not.toContain('阿满');
  });
});

describe('report parts', () => {
  it('chapter 管 › 问题线索 counts reports, warning talks and closures of the period', async () => {
    const [part] = await cluesCapability.report!(
      bot.deps,
      { from: '2026-12-01', to: '2026-12-31' },
      { countyId: ids.county, unitIds: null },
    );
    expect(part.chapter).toBe('管');
    const figures = Object.fromEntries(part.figures.map((f) => [f.key, f.value]));
    expect(figures).toEqual({ 'clues.reported': 3, 'clues.warned': 1, 'clues.closed': 2, 'clues.substantiated': 1 });
    const list = await part.figures[0].list!();
    expect(list.rows).toHaveLength(3);
    const none = await cluesCapability.report!(
      bot.deps,
      { from: '2025-01-01', to: '2025-12-31' },
      { countyId: ids.county, unitIds: null },
    );
    expect(none[0].figures.map((f) => f.value)).toEqual([0, 0, 0, 0]);
  });
});
