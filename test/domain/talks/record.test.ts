import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/db/schema/org.js';
import { talkProblems, talks } from '../../../src/db/schema/talks.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { viewProfile } from '../../../src/domain/org/org.profile.js';
import { buildWorld, buttons, click, formFields, lastOutboxId, say, sent, type World } from './world.js';

let w: World;
beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
});
afterAll(async () => w.bot.close());

const form = (cadre: number | string, patch: Record<string, unknown> = {}) => ({
  cadre: String(cadre),
  date: '2026-11-28 +0800',
  kind: 'regular',
  tone: 'warning',
  topics: '思想状况、工作困难',
  problems: '住房困难\n孩子入学',
  notes: '',
  ...patch,
});

async function talkCount() {
  return (await w.bot.handle.db.select().from(talks)).length;
}

describe('谈话: the talk record card', () => {
  it('offers only the cadres the user may talk to', async () => {
    const before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.副手, '谈话');
    const [reply] = await sent(w.bot, before);
    expect(reply.kind).toBe('reply');
    const cadre = formFields(reply.content).cadre;
    expect(cadre.options.map((o: any) => o.value)).toEqual([String(w.ids.阿满)]);
    expect(buttons(reply.content)[0]).toMatchObject({ a: 'talks.submit' });
    expect(buttons(reply.content)[0].n).toEqual(expect.any(String));
  });

  it('the main leader sees all young cadres of his unit; a county leader those of his units', async () => {
    let before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.主任, '谈话');
    const [r1] = await sent(w.bot, before);
    expect(
      formFields(r1.content)
        .cadre.options.map((o: any) => o.value)
        .sort(),
    ).toEqual([String(w.ids.阿满), String(w.ids.小白)].sort());
    before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.主任, '谈话 小白');
    const [r2] = await sent(w.bot, before);
    expect(formFields(r2.content).cadre.options.map((o: any) => o.value)).toEqual([String(w.ids.小白)]);
  });

  it.each([
    [{ date: '2026-12-01' }, '谈话日期不能晚于今天'],
    [{ topics: '   ' }, '请填写谈话主题'],
    [{ cadre: undefined }, '请选择谈话对象'],
    [{ kind: 'chat' }, '请选择谈话方式（常规谈/灵活谈）'],
    [{ date: undefined }, '请选择谈话日期'],
  ])('an invalid form %o gets an error toast and writes nothing', async (patch, message) => {
    const audits = (await w.bot.handle.db.select().from(auditLog)).length;
    const res = await click(w.bot, w.open.副手, { a: 'talks.submit', n: `bad-${message}` }, form(w.ids.阿满, patch));
    expect(res).toEqual({ toast: { type: 'error', content: message } });
    expect(await talkCount()).toBe(0);
    // Nothing written but the refusal itself: schema-invalid forms are audited by the router as refused.action.
    const written = (await w.bot.handle.db.select().from(auditLog)).slice(audits);
    expect(written.every((a) => a.action === 'refused.action')).toBe(true);
    expect(written.length).toBeLessThanOrEqual(1);
  });

  it('a cadre outside the scope cannot be submitted, even with a forged payload', async () => {
    for (const forged of [w.ids.小白, w.ids.二镇青, w.ids.主任, 999999]) {
      const res = await click(w.bot, w.open.副手, { a: 'talks.submit', n: `forged-${forged}` }, form(forged));
      expect(res).toEqual({ toast: { type: 'error', content: '该干部不在您的谈心谈话范围内，不能登记' } });
    }
    const opened = await click(w.bot, w.open.副手, { a: 'talks.open', c: w.ids.小白 });
    expect(opened).toEqual({ toast: { type: 'error', content: '该干部已不在您的谈心谈话范围内' } });
    expect(await talkCount()).toBe(0);
  });

  it('a valid form is saved once and turns into a read-only summary', async () => {
    const res = await click(w.bot, w.open.副手, { a: 'talks.submit', n: 'nonce-1' }, form(w.ids.阿满));
    expect(res.toast).toEqual({ type: 'success', content: '谈话记录已保存' });
    const summary = res.card.data;
    expect(summary.header.title.content).toBe('谈话记录已保存');
    expect(Object.keys(formFields(summary))).toEqual([]);
    expect(JSON.stringify(summary)).toContain('阿满');
    expect(JSON.stringify(summary)).toContain('**计入**：2026年11月（单位分管领导）');
    expect(buttons(summary).map((b) => b.a)).toEqual(['talks.solve', 'talks.solve']);
    // The same form submitted again (double click, retry) records nothing new.
    const again = await click(w.bot, w.open.副手, { a: 'talks.submit', n: 'nonce-1' }, form(w.ids.阿满));
    expect(again.card.data.header.title.content).toBe('谈话记录已保存');
    const rows = await w.bot.handle.db.select().from(talks);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      talkerPersonId: w.ids.副手,
      cadrePersonId: w.ids.阿满,
      talkDate: '2026-11-28',
      tone: 'warning',
      topics: ['思想状况', '工作困难'],
    });
    expect(await w.bot.handle.db.select().from(talkProblems)).toHaveLength(2);
    const audits = await w.bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'talk.create'));
    expect(audits).toHaveLength(1);
  });

  it('待办 lists open obligations and problems; a problem is solved from it', async () => {
    let before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.副手, '待办');
    const [todo] = await sent(w.bot, before);
    const solve = buttons(todo.content).filter((b) => b.a === 'talks.solve');
    expect(solve).toHaveLength(2);
    expect(JSON.stringify(todo.content)).not.toContain('本期待谈'); // November's talk with 阿满 is done
    const other = await click(w.bot, w.open.主任, solve[0]);
    expect(other).toEqual({ toast: { type: 'error', content: '只有谈话人可以标记该问题已解决' } });
    const res = await click(w.bot, w.open.副手, solve[0]);
    expect(res.toast.content).toBe('已标记为已解决');
    expect(buttons(res.card.data).filter((b) => b.a === 'talks.solve')).toHaveLength(1);
    const [p] = await w.bot.handle.db.select().from(talkProblems).where(eq(talkProblems.id, solve[0].p));
    expect(p).toMatchObject({ status: 'solved', solvedOn: '2026-11-30', solvedByPersonId: w.ids.副手 });
    before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.主任, '待办');
    const [mainTodo] = await sent(w.bot, before);
    // Q3 ended without talks (overdue, 补录) and Q4 is open: both list 阿满 and 小白.
    const opens = buttons(mainTodo.content)
      .filter((b) => b.a === 'talks.open')
      .map((b) => b.c);
    expect(opens.sort()).toEqual([w.ids.阿满, w.ids.阿满, w.ids.小白, w.ids.小白].sort());
    expect(JSON.stringify(mainTodo.content)).toContain('逾期未谈 2 人');
    expect(JSON.stringify(mainTodo.content)).toContain('本期待谈 2 人');
    // 查看全部: the whole list arrives as a new card (待办 stays); paging updates it in place.
    before = await lastOutboxId(w.bot);
    const all = await click(w.bot, w.open.主任, { a: 'talks.todoList', k: 'open', page: 0, fresh: 1 });
    expect(all.toast).toEqual({ type: 'info', content: '已发送完整名单' });
    const [list] = await sent(w.bot, before);
    expect((list.content as any).header.title.content).toBe('本期待谈（全部）');
    expect(
      buttons(list.content)
        .filter((b) => b.a === 'talks.open')
        .map((b) => b.c)
        .sort(),
    ).toEqual([w.ids.阿满, w.ids.小白].sort());
    const paged = await click(w.bot, w.open.主任, { a: 'talks.todoList', k: 'overdue', page: 0 });
    expect(paged.card.data.header.title.content).toBe('上一周期逾期未谈（全部）');
  });

  it('统计 counts talks, warning talks (提醒) and problems', async () => {
    const before = await lastOutboxId(w.bot);
    await say(w.bot, w.open.管理员, '统计 2026');
    const [stats] = await sent(w.bot, before);
    const text = JSON.stringify(stats.content);
    expect(text).toContain('**谈心谈话**：1 人次（1 名干部）');
    expect(text).toContain('**提醒（警醒谈）**：1 人次');
    expect(text).toContain('**反映问题**：2 个，期间解决 1 个，目前待解决 1 个');
  });

  it('the 查询 profile card shows the talks held with a cadre to his viewers, not to the cadre himself', async () => {
    const deps = w.bot.deps;
    const admin = await loadActor(deps.db, w.ids.管理员, '2026-11-30');
    const profile = JSON.stringify((await viewProfile(deps, admin, w.ids.阿满)).sections);
    expect(profile).toContain('**谈心谈话**：今年 1 次');
    expect(profile).toContain('2026-11-28 副手（常规谈·警醒谈）');
    const none = JSON.stringify((await viewProfile(deps, admin, w.ids.小白)).sections);
    expect(none).toContain('**谈心谈话**：暂无记录');
    const self = await loadActor(deps.db, w.ids.阿满, '2026-11-30');
    expect(JSON.stringify((await viewProfile(deps, self, w.ids.阿满)).sections)).not.toContain('谈心谈话');
  });
});
