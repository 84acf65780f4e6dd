/**
 * A cadre away on dispatch, end to end through the emulator: his pool row and his profile say
 * 「在外选派：<kind>，<destination>，至 <planned end>」; the home-unit leader keeps the talk on his 待办, with a
 * line saying where the cadre is (docs/talks.md); once the assignment ends, the marks go.
 */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../../src/clock.js';
import { dispatchAssignments, dispatchBatches } from '../../../src/db/schema/dispatches.js';
import { people } from '../../../src/db/schema/org.js';
import { poolEntries } from '../../../src/db/schema/pool.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { changeStatus } from '../../../src/domain/dispatches/dispatches.service.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { poolWorkbook } from '../../../src/domain/pool/pool.export.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { TEST_PEOPLE, testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, person, pool, post, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

const USERS: DirectoryEntry[] = [TEST_PEOPLE.admin, TEST_PEOPLE.leader, TEST_PEOPLE.cadre, TEST_PEOPLE.silent];
const ADMIN = '13900000001';
const LEADER = '13900000003';
const AWAY = '在外选派：驻村第一书记，石门村 · 白水镇，至 2028-10-31';

describe('a cadre away on dispatch in the pool, on his profile and on the leader’s 待办', () => {
  let emu: Emulated;
  let asg: number;
  let adminId: number;
  const text = (m: any) => JSON.stringify(m?.content ?? m);
  /** Every markdown text of a card, nested columns included. */
  const markdowns = (node: any): string[] =>
    node && typeof node === 'object'
      ? [
          ...(node.tag === 'markdown' ? [node.content as string] : []),
          ...Object.values(node).flatMap((v) => markdowns(v)),
        ]
      : [];

  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, org, talksCapability, poolCapability, dispatchesCapability],
      now: '2026-11-26T10:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const home = await unit(db, '青山镇', { countyId: county });
    const dest = await unit(db, '白水镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    adminId = admin.id;
    const leader = await person(db, '周志远', { unitId: home, birthDate: '1975-01-01', openId: open.get('周志远') });
    const away = await person(db, '刘子轩', { unitId: home, birthDate: '1997-05-05', openId: open.get('刘子轩') });
    const stay = await person(db, '陈思雨', { unitId: home, birthDate: '1999-05-05', openId: open.get('陈思雨') });
    await grant(db, admin.id, 'org_admin', county);
    await post(db, leader.id, home, 'main', '2025-01-01');
    await pool(db, away.id, '2025-01-01');
    await pool(db, stay.id, '2025-01-01');
    const [b] = await db
      .insert(dispatchBatches)
      .values({
        countyId: county,
        kind: 'first_secretary',
        name: '第六批',
        startDate: '2026-11-01',
        endDate: '2028-10-31',
        ...T0,
      })
      .returning();
    const [a] = await db
      .insert(dispatchAssignments)
      .values({
        batchId: b.id,
        personId: away.id,
        homeUnitId: home,
        destUnitId: dest,
        destPlace: '石门村',
        hostUnitName: '白水镇',
        startDate: '2026-11-01',
        plannedEnd: '2028-10-31',
        ...T0,
      })
      .returning();
    asg = a.id;
  });
  afterAll(async () => emu?.close());

  it('the pool list row and the profile show where he is and until when', async () => {
    await emu.send(ADMIN, '资源库');
    await emu.deliverAll();
    const overview = (await emu.lastCard(ADMIN))!;
    const mid = buttons(overview.content).find((b) => b.a === 'pool.members' && b.tier === 'mid_term')!;
    await emu.click(overview.message_id, ADMIN, mid);
    const list = (await emu.messages({ openId: ADMIN })).find((m) => m.message_id === overview.message_id)!;
    const rows = (list.patches.at(-1)!.content as any).body.elements.filter((e: any) => e.tag === 'markdown');
    const row = (name: string) => rows.find((e: any) => e.content.includes(name))?.content as string;
    expect(row('刘子轩')).toContain(AWAY);
    expect(row('陈思雨')).toBeDefined();
    expect(row('陈思雨')).not.toContain('在外选派');

    await emu.send(ADMIN, '查询 刘子轩');
    await emu.deliverAll();
    expect(text(await emu.lastCard(ADMIN))).toContain(AWAY);
  });

  it('the pool entry’s 详情 card and the pool xlsx export say it too', async () => {
    const entryOf = async (name: string) => {
      const [p] = await emu.handle.db.select().from(people).where(eq(people.name, name));
      const [e] = await emu.handle.db.select().from(poolEntries).where(eq(poolEntries.personId, p.id));
      return e.id;
    };
    await emu.send(ADMIN, '资源库');
    await emu.deliverAll();
    const overview = (await emu.lastCard(ADMIN))!;
    const detail = async (name: string) => {
      const r = await emu.click(overview.message_id, ADMIN, { a: 'pool.entry', id: await entryOf(name) });
      expect(r.toast).toBeUndefined();
      const m = (await emu.messages({ openId: ADMIN })).find((x) => x.message_id === overview.message_id)!;
      const c = m.patches.at(-1)!.content as any;
      expect(c.header.title.content).toBe(`资源库：${name}`);
      return JSON.stringify(c);
    };
    expect(await detail('刘子轩')).toContain(AWAY);
    expect(await detail('陈思雨')).not.toContain('在外选派');

    const { data } = await poolWorkbook(emu.handle.db, sql`true`, today(emu.bot.deps));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(9).value).toBe('备注');
    const cells = (name: string) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === name) return ws.getRow(r);
      throw new Error(`no row for ${name}`);
    };
    expect(cells('刘子轩').getCell(9).value).toBe(AWAY);
    expect(cells('陈思雨').getCell(9).value ?? '').toBe('');
  });

  it('the home-unit leader keeps the talk; his 待办 line says the cadre is away (phone, video or a visit)', async () => {
    await emu.send(LEADER, '待办');
    await emu.deliverAll();
    const lines = markdowns((await emu.lastCard(LEADER))!.content);
    const his = lines.filter((l) => l.startsWith('刘子轩'));
    const hers = lines.filter((l) => l.startsWith('陈思雨'));
    expect(his.length).toBeGreaterThan(0);
    expect(hers.length).toBe(his.length);
    for (const l of his) expect(l).toContain(`${AWAY}（可电话、视频或到派驻地走访谈话）`);
    for (const l of hers) expect(l).not.toContain('在外选派');
  });

  it('the scheduled talks reminder cards say it on his line too', async () => {
    // The last weeks of the period: the due reminder goes out (still on dispatch until 2028-10-31).
    await emu.setClock('2026-12-21T10:00:00+08:00');
    const run = await emu.runJob('talks.reminders');
    await emu.setClock('2026-11-26T10:00:00+08:00');
    expect(run).toMatchObject({ result: { due: 1 } });
    await emu.deliverAll();
    const cards = (await emu.messages({ openId: LEADER })).filter((m) =>
      m.content?.header?.title?.content?.startsWith('谈心谈话'),
    );
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) {
      const lines = markdowns(c.content);
      const his = lines.filter((l) => l.startsWith('刘子轩'));
      const hers = lines.filter((l) => l.startsWith('陈思雨'));
      expect(his.length).toBeGreaterThan(0);
      for (const l of his) expect(l).toContain(`${AWAY}（可电话、视频或到派驻地走访谈话）`);
      for (const l of hers) expect(l).not.toContain('在外选派');
    }
  });

  it('once recalled, neither the pool row nor the 待办 line says he is away', async () => {
    await changeStatus(emu.bot.deps, adminId, asg, 'recalled', '2026-11-20');
    await emu.send(LEADER, '待办');
    await emu.deliverAll();
    const todo = text(await emu.lastCard(LEADER));
    expect(todo).toContain('刘子轩');
    expect(todo).not.toContain('在外选派');
    await emu.send(ADMIN, '查询 刘子轩');
    await emu.deliverAll();
    const profile = text(await emu.lastCard(ADMIN));
    expect(profile).toContain('选派经历');
    expect(profile).not.toContain('在外选派');
  });
});
