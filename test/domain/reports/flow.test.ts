import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../../src/capability.js';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { talkProblems, talks } from '../../../src/db/schema/talks.js';
import { designateLeaders } from '../../../src/domain/chats/chats.queries.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { recommendationsCapability } from '../../../src/domain/recommendations/recommendations.handlers.js';
import { reportsCapability } from '../../../src/domain/reports/reports.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, link, person, pool, post, unit } from '../talks/builders.js';
import { buttons, click, lastOutboxId, say, sent } from '../talks/world.js';

const NOW = '2026-07-15T09:00:00+08:00';
const FEEDING: Capability[] = [recommendationsCapability, poolCapability, talksCapability, mentoringCapability];
let bot: TestBot;
const open: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  bot = await createTestBot({
    now: new Date(NOW),
    // org for 导出 (the ledgers register export targets on it).
    capabilities: [org, ...FEEDING, reportsCapability(() => FEEDING)],
    env: { REPORT_PATCH_WAIT_MS: '0' },
  });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  const t1 = await unit(db, '一镇', { countyId: county });
  const t2 = await unit(db, '二镇', { countyId: county });
  const add = async (name: string, o: Parameters<typeof person>[2]) => {
    const p = await person(db, name, { ...o, openId: `ou_${name}` });
    ids[name] = p.id;
    open[name] = p.openId;
  };
  await add('管理员', { unitId: county, birthDate: '1980-01-01' });
  await add('县领导', { unitId: county, birthDate: '1970-01-01', isCountyLeader: true });
  await add('主任', { unitId: t1, birthDate: '1975-01-01' });
  await add('阿满', { unitId: t1, birthDate: '1994-03-03' });
  await add('二镇青', { unitId: t2, birthDate: '1997-01-01', isXuandiao: true });
  await grant(db, ids.管理员, 'org_admin', county);
  await post(db, ids.主任, t1, 'main', '2025-01-01');
  await link(db, ids.县领导, t1, 'contact', '2025-01-01');
  await pool(db, ids.阿满, '2025-01-01');
  const talk = async (talker: string, cadre: string, date: string, tone: 'encourage' | 'warning') => {
    const [t] = await db
      .insert(talks)
      .values({
        talkerPersonId: ids[talker],
        cadrePersonId: ids[cadre],
        talkDate: date,
        kind: 'regular',
        tone,
        topics: ['工作'],
        ...T0,
      })
      .returning({ id: talks.id });
    return t.id;
  };
  await talk('主任', '阿满', '2026-02-10', 'encourage');
  const warned = await talk('主任', '阿满', '2026-05-10', 'warning');
  await talk('县领导', '二镇青', '2026-03-01', 'encourage');
  await talk('主任', '阿满', '2025-03-01', 'encourage');
  await db.insert(talkProblems).values([
    { talkId: warned, text: '住房困难', status: 'solved', solvedOn: '2026-06-01', ...T0 },
    { talkId: warned, text: '孩子入学', status: 'open', ...T0 },
  ]);
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
}, 240_000);
afterAll(async () => bot?.close());

const cardText = (r: { content: unknown }) => JSON.stringify(r.content);

async function ask(who: string, text: string) {
  const before = await lastOutboxId(bot);
  await say(bot, open[who], text);
  return sent(bot, before);
}

describe('报告', () => {
  it('org_admin: 生成中 first, then the report of this year to date for the county, in the seed’s structure', async () => {
    const rows = await ask('管理员', '报告');
    expect(rows.map((r) => r.kind)).toEqual(['send', 'send']);
    expect(cardText(rows[0])).toContain('生成中');
    const card = cardText(rows[1]);
    expect(card).toContain('2026-01-01 至 2026-07-15');
    expect(card).toContain('今年以来，与年轻干部谈心谈话3人次，覆盖干部2人，提醒1人次，帮助解决生活、工作难题1个。');
    const order = ['一、拓宽渠道', '二、一线淬炼', '三、宽严相济', '四、不拘一格'].map((h) => card.indexOf(h));
    expect(order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    expect(card).toContain('选派墩苗、交流学习、教育培训的数据尚未纳入统计');
    expect(card).toContain('"tag":"chart"');
    const acts = buttons(rows[1].content).map((b) => `${b.a}:${b.f ?? b.t}`);
    expect(acts).toEqual(
      expect.arrayContaining(['reports.download:docx', 'reports.download:xlsx', 'reports.download:md']),
    );
    expect(acts).toContain('reports.list:谈心谈话');
    const [viewed] = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'report.view'));
    expect(viewed.detail).toMatchObject({ from: '2026-01-01', to: '2026-07-15', scope: '全县' });
  });

  it('compares with the same period last year', async () => {
    const rows = await ask('管理员', '报告 2026-01-01 2026-06-30');
    const card = cardText(rows[1]);
    expect(card).toContain('2025-01-01 至 2025-06-30');
    expect(card).toContain('与上年同期相比，谈心谈话增加2人次，提醒增加1人次。');
  });

  it('a county leader sees only the units he is linked to', async () => {
    const rows = await ask('县领导', '报告 2026');
    const card = cardText(rows[1]);
    expect(card).toContain('联系和分管单位（1 个）');
    expect(card).toContain('谈心谈话2人次，覆盖干部1人');
  });

  it('refuses anyone else, and audits the refusal', async () => {
    const rows = await ask('主任', '报告');
    expect(rows).toHaveLength(1);
    expect(cardText(rows[0])).toContain('工作进展汇报仅限组织部门和县级领导查看');
    const refused = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'refused.command'));
    expect(refused.some((r) => r.actorPersonId === ids.主任)).toBe(true);
  });

  it.each([
    ['报告 2026-06-30 2026-01-01', '结束日期 2026-01-01 早于开始日期 2026-06-30'],
    ['报告 2027', '报告期 2027-01-01 至 2027-12-31 尚未开始'],
    ['报告 2026-13-01', '报告期格式'],
    ['报告 明年', '报告期格式'],
  ])('%s → a Chinese message, no report', async (text, message) => {
    const rows = await ask('管理员', text);
    expect(rows).toHaveLength(1);
    expect(cardText(rows[0])).toContain(message);
  });

  it('a period before any data says so', async () => {
    const rows = await ask('管理员', '报告 2010');
    expect(cardText(rows[1])).toContain('该报告期内尚无任何数据');
  });
});

describe('downloads and the lists behind the figures', () => {
  const p = { from: '2026-01-01', to: '2026-07-15' };
  it.each([
    ['docx', '工作进展汇报_2026-01-01_2026-07-15.docx'],
    ['xlsx', '工作进展汇报_2026-01-01_2026-07-15.xlsx'],
    ['md', '工作进展汇报_2026-01-01_2026-07-15.md'],
  ])('%s arrives in the private chat through the outbox, audited', async (f, name) => {
    const before = await lastOutboxId(bot);
    const res = await click(bot, open.管理员, { a: 'reports.download', ...p, f });
    expect(res.toast.type).toBe('info');
    const files = (await sent(bot, before)).filter((r) => r.kind === 'file');
    expect(files.map((r) => [r.target, r.fileName])).toEqual([[open.管理员, name]]);
    const exported = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'report.export'));
    expect(exported.some((r) => (r.detail as any).what === f)).toBe(true);
  });

  it('the 谈心谈话 名单 button sends the lists: one sheet per figure, rows = the figure', async () => {
    const before = await lastOutboxId(bot);
    await click(bot, open.管理员, { a: 'reports.list', ...p, c: '管', t: '谈心谈话' });
    const [file] = (await sent(bot, before)).filter((r) => r.kind === 'file');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.fileBase64!, 'base64') as any);
    expect(wb.getWorksheet('谈心谈话名单')!.actualRowCount - 1).toBe(3);
    expect(wb.getWorksheet('提醒（警醒谈）名单')!.actualRowCount - 1).toBe(1);
    expect(wb.getWorksheet('帮助解决难题名单')!.getRow(2).getCell(5).value).toBe('住房困难');
  });

  it('forged values are refused: a cadre clicking, a future period, an unknown format', async () => {
    const cadre = await click(bot, open.主任, { a: 'reports.download', ...p, f: 'docx' });
    expect(cadre.toast).toEqual({ type: 'error', content: '工作进展汇报仅限组织部门和县级领导查看' });
    const future = await click(bot, open.管理员, {
      a: 'reports.download',
      from: '2030-01-01',
      to: '2030-02-01',
      f: 'md',
    });
    expect(future.toast.type).toBe('error');
    expect(future.toast.content).toContain('尚未开始');
    const fmt = await click(bot, open.管理员, { a: 'reports.download', ...p, f: 'pdf' });
    expect(fmt.toast.type).toBe('error');
  });
});

describe('导出 台账', () => {
  it.each([
    ['导出 谈话台账 2026-01-01 2026-06-30', '谈话台账_2026-01-01_2026-06-30.xlsx', 3],
    ['导出 问题台账 2026', '问题台账_2026-01-01_2026-07-15.xlsx', 2],
    ['导出 提醒台账', '提醒台账_2026-01-01_2026-07-15.xlsx', 0],
    ['导出 结对台账', '结对台账_2026-01-01_2026-07-15.xlsx', 0],
  ])('%s → an xlsx in the private chat with the rows of the range, audited', async (text, name, n) => {
    const rows = await ask('管理员', text);
    const file = rows.find((r) => r.kind === 'file')!;
    expect([file.target, file.fileName]).toEqual([open.管理员, name]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.fileBase64!, 'base64') as any);
    expect(wb.worksheets[0].actualRowCount - 1).toBe(n);
    const audited = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.export'));
    expect(audited.some((a) => (a.detail as any).rows === n && a.entity === name.split('_')[0])).toBe(true);
  });

  it('a county leader gets his units only; others are refused; a bad range is explained', async () => {
    const mine = (await ask('县领导', '导出 谈话台账 2026')).find((r) => r.kind === 'file')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(mine.fileBase64!, 'base64') as any);
    expect(wb.worksheets[0].actualRowCount - 1).toBe(2);
    const refused = await ask('主任', '导出 谈话台账');
    expect(refused.map((r) => r.kind)).toEqual(['reply']);
    expect(cardText(refused[0])).toContain('工作进展汇报仅限组织部门和县级领导查看');
    const bad = await ask('管理员', '导出 谈话台账 2026-06-30 2026-01-01');
    expect(cardText(bad[0])).toContain('早于开始日期');
  });
});

describe('the county digest (reports.digest)', () => {
  it('goes to the leaders group once a week on a workday, built from every capability’s digest block', async () => {
    const run = (day: string) => {
      bot.clock.freeze(new Date(`${day}T09:05:00+08:00`));
      return bot.scheduler.runNow('reports.digest') as Promise<any>;
    };
    expect(await run('2026-07-13')).toMatchObject({ sent: false, skipped: '未设置领导群' });
    await designateLeaders(bot.handle.db, 'oc_leaders', '县领导群', new Date(NOW));
    expect(await run('2026-07-18')).toMatchObject({ sent: false, skipped: '非工作日' });
    const before = await lastOutboxId(bot);
    expect(await run('2026-07-13')).toMatchObject({ sent: true, sections: ['谈心谈话'] });
    expect(await run('2026-07-14')).toMatchObject({ sent: false, skipped: '本周已发送' });
    const rows = await sent(bot, before);
    expect(rows.map((r) => r.target)).toEqual(['oc_leaders']);
    expect(cardText(rows[0])).toContain('干部工作周报');
    expect(cardText(rows[0])).not.toContain('阿满');
    bot.clock.freeze(new Date(NOW));
  });

  it('the quarterly report goes to the group and to org_admin privately, with the Word file', async () => {
    bot.clock.freeze(new Date('2026-07-01T09:20:00+08:00'));
    const before = await lastOutboxId(bot);
    const r = (await bot.scheduler.runNow('reports.quarterly')) as any;
    expect(r).toMatchObject({ sent: 2, period: '2026-04-01..2026-06-30' });
    const rows = await sent(bot, before);
    expect(rows.map((x) => [x.kind, x.target])).toEqual([
      ['send', 'oc_leaders'],
      ['file', 'oc_leaders'],
      ['send', open.管理员],
      ['file', open.管理员],
    ]);
    expect(cardText(rows[0])).toContain('2026年第二季度工作进展汇报');
    expect(((await bot.scheduler.runNow('reports.quarterly')) as any).sent).toBe(0);
    bot.clock.freeze(new Date(NOW));
  });
});

it('the audit log never holds a report figure list (counts only in detail)', async () => {
  const rows = await bot.handle.db.execute(sql`select detail::text as d from audit_log where action like 'report.%'`);
  for (const r of (rows as any).rows ?? rows) expect(String(r.d)).not.toContain('阿满');
});
