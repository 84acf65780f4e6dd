import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reminderLedger } from '../../../src/db/schema/talks.js';
import { designateLeaders } from '../../../src/domain/chats/chats.queries.js';
import { runDailyReminders } from '../../../src/domain/talks/talks.reminders.js';
import { talkCounts } from '../../../src/domain/talks/talks.stats.js';
import { buildWorld, buttons, click, formFields, lastOutboxId, sent, type World } from './world.js';

const at = (local: string) => new Date(`${local}T09:00:00+08:00`);

async function runJob(w: World, name: string, day: string) {
  w.bot.clock.freeze(at(day));
  return w.bot.scheduler.runNow(name) as Promise<any>;
}

/** Cards sent by the job run, as [recipient name or chat, title]. */
async function cardsSince(w: World, after: number) {
  const byOpen = new Map(Object.entries(w.open).map(([name, o]) => [o, name]));
  return (await sent(w.bot, after)).map((r) => [
    byOpen.get(r.target) ?? r.target,
    (r.content as any).header.title.content,
    r.content,
  ]);
}

describe('due reminders: one consolidated card per leader, once a day', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('2026-12-28T09:00:00+08:00');
  });
  afterAll(async () => w.bot.close());

  it('sends each leader with open obligations inside the cadence reminder window one card', async () => {
    const before = await lastOutboxId(w.bot);
    const result = await runJob(w, 'talks.reminders', '2026-12-28');
    expect(result).toMatchObject({ date: '2026-12-28', due: 4, overdue: 0, escalations: 1 });
    const cards = await cardsSince(w, before);
    const due = cards.filter((c) => c[1] === '谈心谈话提醒').map((c) => c[0]);
    expect(due.sort()).toEqual(['主任', '二镇主', '副手', '县领导'].sort());
    const main = cards.find((c) => c[0] === '主任')![2];
    expect(
      buttons(main)
        .map((b) => [b.a, b.c])
        .sort(),
    ).toEqual(
      [
        ['talks.open', w.ids.小白],
        ['talks.open', w.ids.阿满],
      ].sort(),
    );
    // Escalation of the periods that ended long ago goes to org_admin only.
    expect(cards.filter((c) => c[1] === '谈心谈话逾期督办').map((c) => c[0])).toEqual(['管理员']);
  });

  it('never sends the same reminder twice in a day, even from two instances at once', async () => {
    let before = await lastOutboxId(w.bot);
    await runJob(w, 'talks.reminders', '2026-12-28');
    expect(await sent(w.bot, before)).toEqual([]);
    before = await lastOutboxId(w.bot);
    const deps = w.bot.deps;
    const [a, b] = await Promise.all([
      runDailyReminders(deps, at('2026-12-29')),
      runDailyReminders(deps, at('2026-12-29')),
    ]);
    expect(a.due + b.due).toBe(4);
    const rows = await sent(w.bot, before);
    expect(rows.map((r) => r.target).sort()).toEqual([w.open.主任, w.open.二镇主, w.open.副手, w.open.县领导].sort());
    const ledger = await w.bot.handle.db.select().from(reminderLedger);
    expect(ledger.filter((l) => l.localDate === '2026-12-29')).toHaveLength(4);
  });

  it('reminder → 记录谈话 → obligation done → statistics updated', async () => {
    const before = await lastOutboxId(w.bot);
    w.bot.clock.freeze(at('2026-12-29'));
    const res = await click(w.bot, w.open.副手, { a: 'talks.open', c: w.ids.阿满 });
    expect(res.toast.type).toBe('info');
    const [formMsg] = await sent(w.bot, before);
    // The form always goes to the clicker's private chat (a button on a group card must not open it there).
    expect(formMsg).toMatchObject({ kind: 'send', target: w.open.副手 });
    const fields = formFields(formMsg.content);
    expect(fields.cadre.initial_option).toBe(String(w.ids.阿满));
    const submit = buttons(formMsg.content).find((b) => b.a === 'talks.submit')!;
    const done = await click(w.bot, w.open.副手, submit, {
      cadre: String(w.ids.阿满),
      date: '2026-12-29 +0800',
      kind: 'flexible',
      tone: 'encourage',
      topics: '年终工作',
    });
    expect(done.toast.type).toBe('success');
    const counts = await talkCounts(w.bot.handle.db, '2026-01-01', '2026-12-31');
    expect(counts).toMatchObject({ talks: 1, cadres: 1, warningTalks: 0 });
    const after = await lastOutboxId(w.bot);
    const result = await runJob(w, 'talks.reminders', '2026-12-30');
    expect(result.due).toBe(3);
    expect((await sent(w.bot, after)).some((r) => r.target === w.open.副手)).toBe(false);
  });

  it('writes ledger and cards per batch of leaders, each leader exactly once (batches of 1, then a rerun)', async () => {
    const before = await lastOutboxId(w.bot);
    const deps = w.bot.deps;
    const first = await runDailyReminders(deps, at('2026-12-31'), { batchSize: 1 });
    expect(first.due).toBe(3);
    const rows = await sent(w.bot, before);
    expect(rows.map((r) => r.target).sort()).toEqual([w.open.主任, w.open.二镇主, w.open.县领导].sort());
    const again = await runDailyReminders(deps, at('2026-12-31'), { batchSize: 2 });
    expect(again.due).toBe(0);
    expect(await sent(w.bot, before)).toHaveLength(rows.length);
    const ledger = await w.bot.handle.db.select().from(reminderLedger);
    expect(ledger.filter((l) => l.localDate === '2026-12-31' && l.kind === 'due')).toHaveLength(3);
  });
});

describe('overdue escalation over holidays and 调休 make-up days (M = 5 workdays)', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('2026-10-01T09:00:00+08:00');
  });
  afterAll(async () => w.bot.close());

  it.each([
    ['2026-10-01', '非工作日', [] as string[]],
    [
      '2026-10-08',
      undefined,
      ['主任:谈心谈话逾期提醒', '二镇主:谈心谈话逾期提醒', '副手:谈心谈话逾期提醒', '管理员:谈心谈话逾期督办'],
    ],
    ['2026-10-09', undefined, ['主任:谈心谈话逾期提醒', '二镇主:谈心谈话逾期提醒', '副手:谈心谈话逾期提醒']],
    ['2026-10-10', undefined, ['主任:谈心谈话逾期提醒', '二镇主:谈心谈话逾期提醒', '副手:谈心谈话逾期提醒']],
    ['2026-10-11', '非工作日', []],
    ['2026-10-13', undefined, ['主任:谈心谈话逾期提醒', '二镇主:谈心谈话逾期提醒', '副手:谈心谈话逾期提醒']],
    ['2026-10-14', undefined, ['管理员:谈心谈话逾期督办']],
    ['2026-10-15', undefined, []],
  ])('%s', async (day, skipped, expected) => {
    const before = await lastOutboxId(w.bot);
    const result = await runJob(w, 'talks.reminders', day);
    expect(result.skipped).toBe(skipped);
    const cards = await cardsSince(w, before);
    expect(cards.map((c) => `${c[0]}:${c[1]}`).sort()).toEqual([...expected].sort());
  });

  it('the escalation lists leaders and overdue counts by unit', async () => {
    const rows = (await sent(w.bot)).filter((r) => (r.content as any).header.title.content === '谈心谈话逾期督办');
    const text = JSON.stringify(rows.at(-1)!.content);
    expect(text).toContain('一镇');
    expect(text).toContain('主任');
    expect(text).toContain('单位主要领导 · 2026年第三季度');
    expect(text).toContain('单位分管领导 · 2026年9月');
  });
});

describe('December calendar warning and the weekly digest', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('2026-12-01T09:00:00+08:00');
  });
  afterAll(async () => w.bot.close());

  it('warns org_admin weekly in December until next year is loaded', async () => {
    const titles = async (day: string) => {
      const before = await lastOutboxId(w.bot);
      await runJob(w, 'talks.reminders', day);
      return (await cardsSince(w, before)).filter((c) => c[0] === '管理员').map((c) => c[1]);
    };
    expect(await titles('2026-12-01')).toContain('2027 年节假日安排尚未载入');
    expect(await titles('2026-12-02')).not.toContain('2027 年节假日安排尚未载入');
    expect(await titles('2026-12-08')).toContain('2027 年节假日安排尚未载入');
    const bad = await click(
      w.bot,
      w.open.管理员,
      { a: 'talks.calendar.save' },
      { year: '2027', text: '元旦 放假 2027-13-01' },
    );
    expect(bad.toast.type).toBe('error');
    const forbidden = await click(
      w.bot,
      w.open.主任,
      { a: 'talks.calendar.save' },
      { year: '2027', text: '元旦 放假 2027-01-01' },
    );
    expect(forbidden).toEqual({ toast: { type: 'error', content: '此操作仅限组织部门' } });
    const ok = await click(
      w.bot,
      w.open.管理员,
      { a: 'talks.calendar.save' },
      {
        year: '2027',
        text: '元旦 放假 2027-01-01 至 2027-01-03\n春节 放假 2027-02-06 至 2027-02-13\n春节 上班 2027-02-20',
      },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '已载入 2027 年节假日安排（12 天）' });
    expect(await titles('2026-12-15')).not.toContain('2027 年节假日安排尚未载入');
    // 2027-02-20 is a Saturday make-up workday: reminders run.
    const sat = await runJob(w, 'talks.reminders', '2027-02-20');
    expect(sat.skipped).toBeUndefined();
    const newYear = await runJob(w, 'talks.reminders', '2027-01-01');
    expect(newYear.skipped).toBe('非工作日');
  });

  it('sends the weekly digest to the leaders group on the first workday of the week', async () => {
    // The weekly leaders' digest is the county digest (reports.digest); talks contributes its 谈心谈话 block.
    const noChat = await runJob(w, 'reports.digest', '2026-12-07');
    expect(noChat).toMatchObject({ sent: false, skipped: '未设置领导群' });
    await designateLeaders(w.bot.handle.db, 'oc_leaders', '县领导群', at('2026-12-01'));
    const before = await lastOutboxId(w.bot);
    expect(await runJob(w, 'reports.digest', '2026-12-07')).toMatchObject({ sent: true, sections: ['谈心谈话'] });
    expect(await runJob(w, 'reports.digest', '2026-12-08')).toMatchObject({ sent: false, skipped: '本周已发送' });
    const rows = await sent(w.bot, before);
    expect(rows.map((r) => r.target)).toEqual(['oc_leaders']);
    const text = JSON.stringify(rows[0].content);
    expect(text).toContain('干部工作周报');
    expect(text).toContain('谈心谈话');
    expect(text).toContain('上一周期逾期未谈');
    expect(text).toContain('一镇');
    // Counts only in the group: no cadre's name; no @mention unless DIGEST_MENTIONS=on.
    expect(text).not.toContain('阿满');
    expect(text).not.toContain('<at ');
    expect(await runJob(w, 'reports.digest', '2026-12-14')).toMatchObject({ sent: true });
  });
});

describe('URGENT_OVERDUE=on: overdue cards and escalations go out as 应用内加急; due reminders do not', () => {
  it('marks the escalation to org_admin and the leaders’ overdue cards urgent, never a due reminder', async () => {
    const w = await buildWorld('2026-12-28T09:00:00+08:00', { URGENT_OVERDUE: 'on' });
    try {
      const before = await lastOutboxId(w.bot);
      await runJob(w, 'talks.reminders', '2026-12-28');
      const rows = await cardsSince(w, before);
      const urgent = (await sent(w.bot, before)).map((r) => r.urgent);
      expect(rows.map((r, i) => [r[1], urgent[i]]).filter(([, u]) => u)).toEqual([['谈心谈话逾期督办', true]]);
      expect(urgent.filter((u) => !u).length).toBeGreaterThan(0);
      // December's talks not held: on the first workday of January the leaders' overdue cards are urgent too.
      const jan = await lastOutboxId(w.bot);
      await runJob(w, 'talks.reminders', '2027-01-04');
      const janRows = await cardsSince(w, jan);
      const janUrgent = (await sent(w.bot, jan)).map((r) => r.urgent);
      const overdue = janRows.map((r, i) => [r[1], janUrgent[i]]).filter(([t]) => t === '谈心谈话逾期提醒');
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every(([, u]) => u === true)).toBe(true);
    } finally {
      await w.bot.close();
    }
  });
});

describe('DIGEST_MENTIONS=on: the digest @mentions the leaders with overdue talks, never the cadres', () => {
  const ats = (content: unknown) => [...JSON.stringify(content).matchAll(/<at id=([^>]+)><\/at>/g)].map((m) => m[1]);

  it('names each leader concerned once; the counts stay anonymous', async () => {
    const w = await buildWorld('2026-12-01T09:00:00+08:00', { DIGEST_MENTIONS: 'on' });
    try {
      await designateLeaders(w.bot.handle.db, 'oc_leaders', '县领导群', at('2026-12-01'));
      const before = await lastOutboxId(w.bot);
      expect(await runJob(w, 'reports.digest', '2026-12-07')).toMatchObject({ sent: true });
      const [row] = await sent(w.bot, before);
      const mentioned = ats(row.content);
      expect(mentioned.length).toBeGreaterThan(0);
      expect(new Set(mentioned).size).toBe(mentioned.length);
      // Only leaders: never a cadre the counts are about.
      const cadres = [w.open.阿满, w.open.小白, w.open.二镇青];
      expect(mentioned.filter((o) => cadres.includes(o))).toEqual([]);
      expect(mentioned).toEqual(expect.arrayContaining([w.open.主任]));
      expect(JSON.stringify(row.content)).toContain('请以下领导关注');
    } finally {
      await w.bot.close();
    }
  });

  it('DIGEST_MENTIONS_MAX caps the list and counts the rest', async () => {
    const w = await buildWorld('2026-12-01T09:00:00+08:00', { DIGEST_MENTIONS: 'on', DIGEST_MENTIONS_MAX: '1' });
    try {
      await designateLeaders(w.bot.handle.db, 'oc_leaders', '县领导群', at('2026-12-01'));
      const before = await lastOutboxId(w.bot);
      await runJob(w, 'reports.digest', '2026-12-07');
      const [row] = await sent(w.bot, before);
      expect(ats(row.content)).toHaveLength(1);
      expect(JSON.stringify(row.content)).toMatch(/等 \d+ 位领导/);
    } finally {
      await w.bot.close();
    }
  });
});

describe('no reminder on a statutory holiday of a year without an official schedule (2027, provisional)', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld('2026-12-31T09:00:00+08:00');
  });
  afterAll(async () => w.bot.close());

  it.each([
    ['2027-01-01', '元旦'],
    ['2027-02-08', '春节（正月初三，周一）'],
    ['2027-10-01', '国庆节'],
  ])('%s (%s): skipped, nothing sent', async (day) => {
    const before = await lastOutboxId(w.bot);
    const result = await runJob(w, 'talks.reminders', day);
    expect(result).toMatchObject({ date: day, skipped: '非工作日', due: 0, overdue: 0, escalations: 0 });
    expect(await sent(w.bot, before)).toEqual([]);
  });

  it('the first workday after 元旦 sends the overdue cards instead', async () => {
    const result = await runJob(w, 'talks.reminders', '2027-01-04');
    expect(result.skipped).toBeUndefined();
    expect(result.overdue).toBeGreaterThan(0);
  });
});
