/**
 * 跟踪考核台账: key tasks (org_admin), entries by card (org_admin or the lead unit's main leader) and by xlsx
 * (all-or-nothing, Chinese row errors), the cadre's ledger, ratings feeding the pool rules, refusals audited.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerEntries, ledgerTasks } from '../../../src/db/schema/clues.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { poolProposals } from '../../../src/db/schema/pool.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import { ledgerCapability } from '../../../src/domain/ledger/ledger.handlers.js';
import { importLedger, isLedgerHeader, sheetRows } from '../../../src/domain/ledger/ledger.import.js';
import { ledgerProposals } from '../../../src/domain/ledger/ledger.rules.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { XlsxSheet } from '../../../src/xlsx/xlsx.book.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { grant, person, pool, post, unit } from '../talks/builders.js';
import { click, lastOutboxId, say, sent } from '../talks/world.js';

let bot: TestBot;
const ids: Record<string, number> = {};
const open: Record<string, string> = {};
let taskId: number;

beforeAll(async () => {
  bot = await createTestBot({
    now: new Date('2026-12-03T09:00:00+08:00'),
    capabilities: [talksCapability, cluesCapability, ledgerCapability],
  });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  ids.county = county;
  const t1 = await unit(db, '一镇', { countyId: county });
  const t2 = await unit(db, '二镇', { countyId: county });
  const add = async (name: string, unitId: number, birthDate: string) => {
    const p = await person(db, name, { unitId, birthDate, openId: `ou_${name}` });
    ids[name] = p.id;
    open[name] = p.openId;
  };
  await add('管理员', county, '1980-01-01');
  await add('一镇主', t1, '1975-01-01');
  await add('二镇主', t2, '1975-01-01');
  await add('阿满', t1, '1996-03-03');
  await add('小白', t1, '1997-03-03');
  await grant(db, ids.管理员, 'org_admin', county);
  await post(db, ids.一镇主, t1, 'main', '2025-01-01');
  await post(db, ids.二镇主, t2, 'main', '2025-01-01');
  await pool(db, ids.阿满, '2025-01-01');
  await pool(db, ids.小白, '2025-01-01');
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
});
afterAll(async () => bot?.close());

describe('key tasks', () => {
  it('org_admin adds one; a leader cannot; bad input refused, nothing written', async () => {
    const byLeader = await click(bot, open.一镇主, { a: 'ledger.addTask' }, { name: '乡村振兴', start: '2026-01-01' });
    expect(byLeader.toast).toEqual({ type: 'error', content: '重点任务仅限组织部门设置' });
    const noName = await click(bot, open.管理员, { a: 'ledger.addTask' }, { name: ' ', start: '2026-01-01' });
    expect(noName.toast).toEqual({ type: 'error', content: '请填写重点任务名称' });
    const backwards = await click(
      bot,
      open.管理员,
      { a: 'ledger.addTask' },
      { name: '乡村振兴', start: '2026-05-01', end: '2026-04-01' },
    );
    expect(backwards.toast).toEqual({ type: 'error', content: '结束日期不能早于开始日期' });
    const noUnit = await click(
      bot,
      open.管理员,
      { a: 'ledger.addTask' },
      { name: '乡村振兴', start: '2026-01-01', lead: '三镇' },
    );
    expect(noUnit.toast).toEqual({ type: 'error', content: '本县没有名为「三镇」的单位' });
    expect(await bot.handle.db.select().from(ledgerTasks)).toEqual([]);
    const ok = await click(
      bot,
      open.管理员,
      { a: 'ledger.addTask' },
      { name: '乡村振兴', start: '2026-01-01 +0800', lead: '一镇' },
    );
    expect(ok.toast).toEqual({ type: 'success', content: '重点任务已新增' });
    const dup = await click(bot, open.管理员, { a: 'ledger.addTask' }, { name: '乡村振兴', start: '2026-01-01' });
    expect(dup.toast).toEqual({ type: 'error', content: '重点任务「乡村振兴」已存在' });
    [{ id: taskId }] = await bot.handle.db.select().from(ledgerTasks);
  });
});

describe('entries by card', () => {
  const entry = { cadre: '阿满', role: '驻村队员', rating: 'good', facts: '推进产业项目', date: '2026-11-01 +0800' };

  it('another unit’s leader is refused and audited; bad input refused; nothing written', async () => {
    const other = await click(bot, open.二镇主, { a: 'ledger.entry', t: taskId }, entry);
    expect(other.toast).toEqual({ type: 'error', content: '只有组织部门或牵头单位主要领导可以登记该任务的台账' });
    expect(
      (await bot.handle.db.select().from(auditLog).where(like(auditLog.action, 'ledger.entry.create.denied'))).length,
    ).toBe(1);
    const view = await click(bot, open.二镇主, { a: 'ledger.task', t: taskId });
    expect(view.toast).toEqual({ type: 'error', content: '您无权查看该重点任务的台账' });
    const rating = await click(bot, open.一镇主, { a: 'ledger.entry', t: taskId }, { ...entry, rating: '优' });
    expect(rating.toast).toEqual({ type: 'error', content: '请选择表现评价（好/较好/一般/差）' });
    const future = await click(bot, open.一镇主, { a: 'ledger.entry', t: taskId }, { ...entry, date: '2026-12-30' });
    expect(future.toast).toEqual({ type: 'error', content: '日期不能晚于今天' });
    const nobody = await click(bot, open.一镇主, { a: 'ledger.entry', t: taskId }, { ...entry, cadre: '无名' });
    expect(nobody.toast).toEqual({ type: 'error', content: '本县没有名为「无名」的干部' });
    expect(await bot.handle.db.select().from(ledgerEntries)).toEqual([]);
  });

  it('the lead unit’s main leader records; two 好 propose moving up a tier; a 差 proposes the watch list', async () => {
    const first = await click(bot, open.一镇主, { a: 'ledger.entry', t: taskId }, entry);
    expect(first.toast).toEqual({ type: 'success', content: '台账已登记' });
    expect(await bot.handle.db.select().from(poolProposals)).toEqual([]);
    const second = await click(bot, open.一镇主, { a: 'ledger.entry', t: taskId }, { ...entry, date: '2026-11-20' });
    expect(second.toast).toEqual({ type: 'success', content: '台账已登记，并产生资源库调整建议' });
    await click(bot, open.管理员, { a: 'ledger.entry', t: taskId }, { ...entry, cadre: '小白', rating: '差' });
    const props = await bot.handle.db.select().from(poolProposals);
    expect(props.map((p) => [p.ruleId, p.action]).sort()).toEqual([
      ['ledger.poor', 'watch'],
      ['ledger.two_good', 'tier_up'],
    ]);
  });

  it('the cadre’s ledger: 台账 姓名 and the task view', async () => {
    const before = await lastOutboxId(bot);
    await say(bot, open.一镇主, '台账 阿满');
    const card = JSON.stringify((await sent(bot, before)).at(-1)!.content);
    expect(card).toContain('阿满的跟踪考核台账');
    expect(card).toContain('推进产业项目');
    const v = await click(bot, open.一镇主, { a: 'ledger.task', t: taskId });
    expect(JSON.stringify(v.card.data)).toContain('台账 **3** 条');
    expect((await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.person.view'))).length).toBe(
      1,
    );
  });
});

describe('xlsx import', () => {
  const sheet = (rows: string[][]) =>
    new XlsxSheet({
      name: '台账',
      rows: rows.map((r, i) => ({ number: i + 1, cells: [null, ...r.map((v) => ({ value: v }))] })),
    });
  const HEAD = ['重点任务', '姓名', '身份证号', '承担工作', '评价', '主要事实', '日期'];

  it('is recognised by its own headers only', () => {
    expect(isLedgerHeader(HEAD)).toBe(true);
    expect(isLedgerHeader(['姓名', '单位', '评价'])).toBe(false);
  });

  it('all rows or none, with Chinese row errors', async () => {
    const actor = await loadActor(bot.handle.db, ids.管理员, '2026-12-03');
    const before = (await bot.handle.db.select().from(ledgerEntries)).length;
    const bad = await importLedger(
      bot.deps,
      actor,
      sheetRows(
        sheet([
          HEAD,
          ['乡村振兴', '小白', '', '宣传员', '较好', '编写材料', '2026-10-01'],
          ['防汛救灾', '小白', '', '值守', '好', '值守', '2026-10-01'],
          ['乡村振兴', '阿满', '', '', '好', '无', '2026-10-01'],
        ]),
      ),
      { eventId: null },
    );
    expect(bad.errors).toEqual([
      { line: 3, message: '未找到重点任务「防汛救灾」，请先在「台账」中新增' },
      { line: 4, message: '请填写承担的工作（角色）' },
    ]);
    expect((await bot.handle.db.select().from(ledgerEntries)).length).toBe(before);
    const ok = await importLedger(
      bot.deps,
      actor,
      sheetRows(sheet([HEAD, ['乡村振兴', '小白', '', '宣传员', '较好', '编写材料', '2026/10/1']])),
      { eventId: null },
    );
    expect(ok).toMatchObject({ total: 1, written: 1, errors: [] });
  });
});

describe('report part', () => {
  it('chapter 管 › 跟踪考核台账 counts tasks, cadres and entries of the period', async () => {
    const [part] = await ledgerCapability.report!(
      bot.deps,
      { from: '2026-01-01', to: '2026-12-31' },
      { countyId: ids.county, unitIds: null },
    );
    const figures = Object.fromEntries(part.figures.map((f) => [f.key, f.value]));
    expect(figures).toMatchObject({
      'ledger.tasks': 1,
      'ledger.cadres': 2,
      'ledger.entries': 4,
      'ledger.rating.good': 2,
    });
    expect(part.chapter).toBe('管');
  });
});

describe('ledger pool rules (data)', () => {
  it('every second 好 is a new proposal; each 差 one', () => {
    expect(ledgerProposals(7, { good: 1 })).toEqual([]);
    expect(ledgerProposals(7, { good: 3 }).map((p) => p.dedupKey)).toEqual(['ledger.two_good:7:1']);
    expect(ledgerProposals(7, { good: 4, poor: 2 }).map((p) => p.dedupKey)).toEqual([
      'ledger.two_good:7:2',
      'ledger.poor:7:2',
    ]);
  });
});
