import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../../src/capabilities.js';
import type { Capability } from '../../../src/capability.js';
import { ROLES } from '../../../src/db/schema/org.js';
import { helpCapability } from '../../../src/domain/help/help.handlers.js';
import { helpFor, mayPress } from '../../../src/domain/help/help.rules.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { Router } from '../../../src/feishu/router.js';
import { testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, post, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

/** The router with every product capability registered (registration reads no data). */
function productRouter(): Router {
  const quiet = { info() {}, debug() {}, warn() {}, error() {} };
  const router = new Router({
    db: {} as never,
    log: quiet as never,
    clock: { now: () => new Date(0) },
    outboxWake() {},
    download: async () => Buffer.alloc(0),
  });
  const deps = new Proxy({}, { get: (_t, k) => (k === 'config' ? {} : () => {}) }) as never;
  for (const c of capabilities) c.register?.(router, deps);
  return router;
}

const entries = capabilities.flatMap((c) => c.help ?? []);
const words = (view: ReturnType<typeof helpFor>) => view.sections.flatMap((s) => s.commands.map((c) => c.words[0]));

describe('help entries declared by the capabilities', () => {
  const commands = productRouter().commandList();

  it('every registered command is declared once and shown to at least one role', () => {
    const declared = entries.map((e) => e.command);
    expect(new Set(declared).size).toBe(declared.length);
    for (const c of commands) {
      const e = entries.find((x) => x.command === c.words[0]);
      expect(e, `no help entry for ${c.words[0]}`).toBeDefined();
      expect(e!.roles.length).toBeGreaterThan(0);
      expect(ROLES.some((r) => words(helpFor([r], commands, entries)).includes(c.words[0]))).toBe(true);
    }
    // No stale entry for a command that is no longer registered.
    for (const e of entries)
      expect(
        commands.some((c) => c.words[0] === e.command),
        e.command,
      ).toBe(true);
    for (const w of [
      '线索',
      '台账',
      '班子',
      '用',
      '选派',
      '选派报告',
      '报告',
      '导出',
      '待办',
      '谈话',
      '统计',
      '结对',
    ]) {
      expect(declared).toContain(w);
    }
    for (const w of ['推荐', '推荐审核', '资源库', '查询']) expect(declared).toContain(w);
  });

  it("a cadre's help shows none of the organization department's own commands", () => {
    const cadre = words(helpFor(['cadre'], commands, entries));
    const adminOnly = entries.filter((e) => !e.roles.includes('cadre')).map((e) => e.command);
    expect(adminOnly.length).toBeGreaterThan(10);
    for (const w of adminOnly) expect(cadre).not.toContain(w);
    expect(cadre).toEqual(expect.arrayContaining(['帮助', '结对', '选派报告']));
    const admin = helpFor(['org_admin', 'cadre'], commands, entries);
    expect(words(admin)).toEqual(expect.arrayContaining(['推荐审核', '用', '班子', '导出', '报告']));
    expect(admin.buttons).toEqual(expect.arrayContaining(['待办', '推荐', '报告']));
  });

  it('groups in 选/育/管/用/报告 order and buttons only for commands the user may use', () => {
    const leader = helpFor(['county_leader', 'cadre'], commands, entries);
    const order = leader.sections.map((s) => s.group);
    expect(order).toEqual([...order].sort((a, b) => '选育管用报告通用'.indexOf(a) - '选育管用报告通用'.indexOf(b)));
    expect(leader.buttons).toContain('报告');
    expect(leader.buttons).not.toContain('推荐审核');
    expect(mayPress(['county_leader'], '推荐审核', entries)).toBe(false);
    expect(mayPress(['org_admin'], '推荐审核', entries)).toBe(true);
    expect(mayPress(['org_admin'], '节假日', entries)).toBe(false); // declared without a button
  });
});

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '吴海涛', mobile: '13900000004', unitName: '青山镇', roles: ['unit_deputy_leader'] },
  { name: '陈思雨', mobile: '13900000005', unitName: '青山镇', roles: ['cadre'] },
];
const ADMIN = '13900000001';
const DEPUTY = '13900000004';
const CADRE = '13900000005';

const text = (card: any) => JSON.stringify(card.body.elements);

describe('帮助 in the emulator', () => {
  let emu: Emulated;
  beforeAll(async () => {
    const installed: Capability[] = [];
    installed.push(
      testActors,
      helpCapability(() => installed),
      talksCapability,
      useCapability,
    );
    emu = await startEmulated({ users: USERS, capabilities: installed, now: '2026-12-28T08:50:00+08:00' });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const town = await unit(db, '青山镇', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    const deputy = await person(db, '吴海涛', { unitId: town, birthDate: '1988-01-01', openId: open.get('吴海涛') });
    await person(db, '陈思雨', { unitId: town, birthDate: '1999-05-05', openId: open.get('陈思雨') });
    await grant(db, admin.id, 'org_admin', county);
    await post(db, deputy.id, town, 'deputy', '2025-01-01');
  });
  afterAll(async () => emu?.close());

  it('shows each user only their commands, by section', async () => {
    await emu.send(CADRE, '帮助');
    await emu.deliverAll();
    const cadre = (await emu.lastCard(CADRE))!.content;
    expect(cadre.header.title.content).toBe('青苗 · 使用帮助');
    for (const w of ['谈话', '待办', '班子', '用', '节假日', '谈话周期']) expect(text(cadre)).not.toContain(`**${w}**`);
    expect(text(cadre)).toContain('**帮助**');
    expect(buttons(cadre)).toEqual([]);

    await emu.send(ADMIN, '帮助');
    await emu.deliverAll();
    const admin = (await emu.lastCard(ADMIN))!.content;
    for (const w of ['谈话', '待办', '班子', '用', '节假日']) expect(text(admin)).toContain(`**${w}**`);
    expect(text(admin).indexOf('管 · 从严管理')).toBeLessThan(text(admin).indexOf('用 · 选拔使用'));
    expect(buttons(admin).map((b) => b.cmd)).toEqual(['谈话', '待办']);
  });

  it('a button runs its command; a forged one is refused', async () => {
    await emu.send(DEPUTY, '帮助');
    await emu.deliverAll();
    const card = (await emu.lastCard(DEPUTY))!;
    const todo = buttons(card.content).find((b) => b.cmd === '待办')!;
    const answer = await emu.click(card.message_id, DEPUTY, todo);
    expect(answer.toast.type).toBe('info');
    await emu.deliverAll();
    expect((await emu.lastCard(DEPUTY))!.content.header.title.content).toBe('我的待办');

    const forged = await emu.click(card.message_id, DEPUTY, { a: 'help.run', cmd: '班子' });
    expect(forged.toast.type).toBe('error');
    await emu.deliverAll();
    expect((await emu.lastCard(DEPUTY))!.content.header.title.content).toBe('我的待办');
  });
});
