/**
 * Findings 2, 10, 11 (upload side): role before download, size and decompression limits, the parse off the
 * event loop, a Chinese answer for every broken file, formula cells by their cached value.
 */

import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Capability } from '../../../src/capability.js';
import { auditLog, people, roleGrants, units } from '../../../src/db/schema/org.js';
import { help } from '../../../src/domain/help/help.handlers.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { importStructure } from '../../../src/domain/org/structure/structure.import.js';
import { button, card } from '../../../src/feishu/cards/atoms.js';
import { enqueue } from '../../../src/feishu/outbox.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { FIXTURE_AT } from '../../helpers/stamps.js';
import { xlsxBomb } from '../../helpers/zip.js';
import { HEADERS, xlsx } from '../org/roster.fixture.js';
import { mobileOf as m, rosterFile, UNIT_HEADERS, UNITS, workbook } from '../org/structure/structure.fixture.js';

const ADMIN = m('组织庚');
const CADRE = m('干部丁');
const text = (msg: any) => JSON.stringify(msg?.content ?? '');

/** A button anyone can press: the "other users' callbacks" that must keep answering during an upload. */
const ping: Capability = {
  name: 'ping',
  register(router) {
    router.action('ping.click', z.object({}).passthrough(), async (ctx) => {
      ctx.ack({ toast: { type: 'success', content: 'pong' } });
    });
  },
};

describe('spreadsheets sent to the bot', () => {
  let emu: Emulated;
  let pingCard: string;
  beforeAll(async () => {
    emu = await startEmulated({
      users: [
        { name: '组织庚', mobile: ADMIN },
        { name: '干部丁', mobile: CADRE },
      ],
      now: '2026-11-30T09:00:00+08:00',
      capabilities: [help, org, ping],
      env: { UPLOAD_MAX_ROWS: '5000' },
      callbackTimeoutMs: 10_000,
    });
    const deps = emu.bot.deps;
    await importStructure(deps, await workbook(['单位', UNIT_HEADERS, UNITS]));
    await importRoster(deps, await rosterFile());
    for (const u of await emu.users())
      await deps.db.update(people).set({ openId: u.open_id }).where(eq(people.mobile, u.mobile!));
    const [admin] = await deps.db.select().from(people).where(eq(people.mobile, ADMIN));
    const [county] = await deps.db.select().from(units).where(eq(units.name, '测试县'));
    await deps.db
      .insert(roleGrants)
      .values({ personId: admin.id, role: 'org_admin', unitId: county.id, grantedAt: FIXTURE_AT });
    const [cadre] = await deps.db.select().from(people).where(eq(people.mobile, CADRE));
    await enqueue(deps.db, {
      kind: 'send',
      to: { openId: cadre.openId! },
      card: card({ title: '测试按钮' }, [button('按我', 'ping.click')]),
    });
    pingCard = (await emu.lastCard(CADRE))!.message_id;
  }, 60_000);
  afterAll(async () => emu?.close());

  // Replies to one person are paced by the outbox (5/s per receiver): wait until every reply has left.
  const last = async (mobile: string) => {
    await emu.deliverAll();
    return (await emu.lastCard(mobile))!;
  };
  const adminOpenId = async () => (await emu.users()).find((u) => u.mobile === ADMIN)!.open_id;
  const downloads = async () => {
    const s = await emu.stats();
    return Object.entries(s.requests as Record<string, number>)
      .filter(([api]) => api.includes('resources'))
      .reduce((n, [, c]) => n + c, 0);
  };

  it('a plain cadre is refused before the file is downloaded, and the refusal is audited', async () => {
    const before = await downloads();
    await emu.sendFile(CADRE, '花名册.xlsx', await rosterFile());
    const answer = await last(CADRE);
    expect(answer.content.header.title.content).toBe('无法导入');
    expect(text(answer)).toContain('表格只能由组织部门导入');
    expect(await downloads()).toBe(before);
    const denied = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'upload.denied'));
    expect(denied.map((d) => d.detail)).toContainEqual({ reason: 'not_org_admin' });
  });

  it('the decompression bomb (≈2 MB holding a 500 MB sheet) is refused in under 1 s of CPU', async () => {
    const bomb = xlsxBomb({ sheetMb: 500 });
    expect(bomb.length).toBeLessThan(2.5 * 1024 * 1024);
    const cpu = process.cpuUsage();
    const clicks = Promise.all(Array.from({ length: 10 }, () => emu.click(pingCard, CADRE, { a: 'ping.click' })));
    await emu.sendFile(ADMIN, '花名册.xlsx', bomb);
    const answer = await last(ADMIN);
    const used = process.cpuUsage(cpu);
    expect(answer.content.header.title.content).toBe('无法导入');
    expect(text(answer)).toContain('疑似压缩炸弹');
    // The whole test process (bot, emulator, database) spent under a second of CPU on it.
    expect((used.user + used.system) / 1e6).toBeLessThan(1);
    for (const c of await clicks) expect(c.toast).toEqual({ type: 'success', content: 'pong' });
  });

  it('a bomb that lies about its size is stopped in the worker while other users’ callbacks keep answering', async () => {
    const liar = xlsxBomb({ sheetMb: 500, declareMb: 5 });
    const sent = emu.sendFile(ADMIN, '花名册.xlsx', liar);
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const res = await emu.click(pingCard, CADRE, { a: 'ping.click' });
      latencies.push(performance.now() - t0);
      expect(res.toast.content).toBe('pong');
      await new Promise((r) => setTimeout(r, 50));
    }
    await sent;
    const answer = await last(ADMIN);
    expect(answer.content.header.title.content).toBe('无法导入');
    // Whichever stops it first: the row limit, the memory cap, the time limit, or the zip stream's own checks.
    expect(text(answer)).toMatch(/超过 5000 行|超时|超出内存|无法读取该文件/);
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.ceil(latencies.length * 0.99) - 1]).toBeLessThan(1000);
  }, 120_000);

  it('files over the row limit are refused with the limit named', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => [`人${i}`, '男', '1990.01', '', '大学', '青山镇']);
    await emu.sendFile(ADMIN, '花名册.xlsx', await xlsx(HEADERS, rows));
    expect(text(await last(ADMIN))).toContain('超过 5000 行');
  }, 60_000);

  it.each([
    ['corrupt bytes', '花名册.xlsx', () => Buffer.from('这不是表格'.repeat(100)), '文件已损坏或不是 Excel .xlsx 文件'],
    ['a truncated file', '花名册.xlsx', async () => (await rosterFile()).subarray(0, 3000), '文件不完整'],
    [
      'an old .xls',
      '花名册.xls',
      () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      '只能导入 Excel .xlsx 文件',
    ],
    [
      'an .xls renamed .xlsx',
      '花名册.xlsx',
      () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      '旧版 Excel（.xls）',
    ],
    ['a workbook with unknown headers', '名单.xlsx', () => xlsx(['甲', '乙'], [['1', '2']]), '未能识别该表格'],
  ])('%s gets a Chinese refusal, not the help card', async (_what, name, file, message) => {
    await emu.sendFile(ADMIN, name, await file());
    const answer = await last(ADMIN);
    expect(answer.content.header.title.content).not.toContain('帮助');
    expect(text(answer)).toContain(message);
  });

  it('an import with thousands of bad rows answers with a card under 30 KB and the full list as a file', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`错${i}`, '未知', '某年', '', '识字', '无此镇']);
    await emu.sendFile(ADMIN, '大花名册.xlsx', await xlsx(HEADERS, rows));
    const msgs = await emu.messages({ openId: await adminOpenId() });
    const result = msgs.filter((m) => m.msg_type === 'interactive').at(-1)!;
    expect(result.content.header.title.content).toBe('花名册未导入');
    expect(Buffer.byteLength(JSON.stringify(result.content))).toBeLessThan(30 * 1024);
    expect(text(result)).toContain('完整的问题清单已作为 Excel 文件发送给您');
    const file = msgs.filter((m) => m.msg_type === 'file').at(-1)!;
    expect(file.content.file_name).toBe('大花名册_问题清单.xlsx');
  }, 120_000);

  it('a formula without a stored result is a row error; one with a cached value is read by that value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.addRow(['姓名', '性别', '出生年月', '学历', '单位']);
    ws.addRow(['公式甲', '男', '1990.01', '大学', { formula: 'CONCAT("青山","镇")', result: '青山镇' }]);
    ws.addRow(['公式乙', '女', '1991.02', '大学', { formula: 'CONCAT("青山","镇")' }]);
    await emu.sendFile(ADMIN, '花名册.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const report = text(await last(ADMIN));
    expect(report).not.toContain('[object Object]');
    expect(report).toContain('没有保存计算结果');
    expect(report).toContain('第 3 行 · 单位');
    expect(report).not.toContain('第 2 行');
  });
});
