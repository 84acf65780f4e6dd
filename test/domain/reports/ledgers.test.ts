/** `导出 提拔台账` / `导出 班子结构台账` (用's ledgers through the reports' ledger extension point). */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, people } from '../../../src/db/schema/org.js';
import { usePromotions } from '../../../src/db/schema/use.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { reportsCapability } from '../../../src/domain/reports/reports.handlers.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, link, person, post, unit } from '../talks/builders.js';
import { lastOutboxId, say, sent } from '../talks/world.js';

const NOW = '2026-07-15T09:00:00+08:00';
let bot: TestBot;
const open: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  bot = await createTestBot({
    now: new Date(NOW),
    capabilities: [org, useCapability, reportsCapability(() => [useCapability])],
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
  await add('二镇青', { unitId: t2, birthDate: '1997-01-01' });
  await grant(db, ids.管理员, 'org_admin', county);
  await link(db, ids.县领导, t1, 'contact', '2025-01-01');
  await post(db, ids.主任, t1, 'main', '2025-01-01');
  await post(db, ids.阿满, t1, 'deputy', '2026-03-01');
  await post(db, ids.二镇青, t2, 'deputy', '2024-01-01', '2026-07-01'); // end exclusive: on post on 30 June
  const promote = (personId: number, date: string, kind: 'promotion' | 'rank', toUnitId: number) =>
    db.insert(usePromotions).values({
      personId,
      countyId: county,
      date,
      kind,
      toUnitId,
      toPost: kind === 'promotion' ? '副镇长' : null,
      toRole: kind === 'promotion' ? 'deputy' : null,
      source: 'card',
      ...T0,
    });
  await promote(ids.阿满, '2026-03-01', 'promotion', t1);
  await promote(ids.二镇青, '2026-04-01', 'rank', t2);
  await promote(ids.阿满, '2025-05-01', 'rank', t1);
  bot.router.actorResolver(
    async (s) => {
      const [p] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.openId, s.openId));
      return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
    },
    async () => {},
  );
}, 240_000);
afterAll(async () => bot?.close());

async function ask(who: string, text: string) {
  const before = await lastOutboxId(bot);
  await say(bot, open[who], text);
  return sent(bot, before);
}

async function sheetOf(file: { fileBase64?: string | null }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.fileBase64!, 'base64') as any);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  return rows;
}

describe('导出 提拔台账 / 班子结构台账', () => {
  it.each([
    ['导出 提拔台账 2026', '提拔台账_2026-01-01_2026-07-15.xlsx', 2],
    ['导出 提拔台账 2025-01-01 2025-12-31', '提拔台账_2025-01-01_2025-12-31.xlsx', 1],
    ['导出 提拔台账', '提拔台账_2026-01-01_2026-07-15.xlsx', 2],
    ['导出 班子结构台账 2026-01-01 2026-06-30', '班子结构台账_2026-01-01_2026-06-30.xlsx', 3],
    ['导出 班子结构台账', '班子结构台账_2026-01-01_2026-07-15.xlsx', 2],
  ])('%s → an xlsx in the private chat with the rows of the range, audited', async (text, name, n) => {
    const before = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.export'));
    const rows = await ask('管理员', text);
    const file = rows.find((r) => r.kind === 'file')!;
    expect([file.target, file.fileName]).toEqual([open.管理员, name]);
    expect((await sheetOf(file)).length - 1).toBe(n);
    const after = await bot.handle.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.export'));
    const added = after.filter((a) => !before.some((b) => b.id === a.id));
    expect(added.map((a) => [a.entity, (a.detail as any).rows, a.actorPersonId])).toEqual([
      [name.split('_')[0], n, ids.管理员],
    ]);
  });

  it('the rows say who, what and where', async () => {
    const promotions = await sheetOf((await ask('管理员', '导出 提拔台账 2026')).find((r) => r.kind === 'file')!);
    expect(promotions[0]).toEqual(expect.arrayContaining(['日期', '姓名', '类别', '新单位', '新职务', '班子职务']));
    expect(promotions.slice(1).map((r) => [r[0], r[1], r[2], r[5], r[6], r[8]])).toEqual([
      ['2026-03-01', '阿满', '提拔', '一镇', '副镇长', '副职'],
      ['2026-04-01', '二镇青', '职级晋升', '二镇', undefined, undefined],
    ]);
    const teams = await sheetOf((await ask('管理员', '导出 班子结构台账 2026')).find((r) => r.kind === 'file')!);
    expect(teams.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([
      ['一镇', '主任', '否'],
      ['一镇', '阿满', '是'],
    ]);
  });

  it('a county leader gets his units only; a cadre without the role is refused and nothing is sent', async () => {
    const mine = await ask('县领导', '导出 提拔台账 2026');
    const rows = await sheetOf(mine.find((r) => r.kind === 'file')!);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['阿满']);
    const team = await sheetOf((await ask('县领导', '导出 班子结构台账')).find((r) => r.kind === 'file')!);
    expect(team.slice(1).map((r) => r[3])).toEqual(['主任', '阿满']);
    for (const text of ['导出 提拔台账', '导出 班子结构台账 2026']) {
      const refused = await ask('主任', text);
      expect(refused.map((r) => r.kind)).toEqual(['reply']);
      expect(JSON.stringify(refused[0].content)).toContain('仅限组织部门和县级领导');
    }
  });
});
