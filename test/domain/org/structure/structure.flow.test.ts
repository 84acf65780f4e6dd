import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, leadershipPositions, people, roleGrants, units } from '../../../../src/db/schema/org.js';
import { help } from '../../../../src/domain/help/help.handlers.js';
import { org } from '../../../../src/domain/org/org.handlers.js';
import { importRoster } from '../../../../src/domain/org/roster/roster.import.js';
import { importStructure } from '../../../../src/domain/org/structure/structure.import.js';
import { type Emulated, startEmulated } from '../../../helpers/emulated.js';
import { FIXTURE_AT } from '../../../helpers/stamps.js';
import { HEADERS, xlsx } from '../roster.fixture.js';
import {
  LINK_HEADERS,
  mobileOf as m,
  POST_HEADERS,
  rosterFile,
  UNIT_HEADERS,
  UNITS,
  workbook,
} from './structure.fixture.js';

const ADMIN = m('组织庚');
const CADRE = m('干部丁');
const text = (msg: any) => JSON.stringify(msg?.content ?? '');

/** The bot on the emulator: an org_admin sends 组织架构 workbooks in private chat. */
describe('组织架构 through Feishu (emulator)', () => {
  let emu: Emulated;
  beforeAll(async () => {
    emu = await startEmulated({
      users: [
        { name: '组织庚', mobile: ADMIN },
        { name: '干部丁', mobile: CADRE },
      ],
      now: '2026-11-30T09:00:00+08:00',
      capabilities: [help, org],
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
  }, 60_000);
  afterAll(async () => emu?.close());

  const card = async (mobile: string) => (await emu.lastCard(mobile))!;

  it('an org_admin sends the workbook in private chat and gets the summary card', async () => {
    const file = await workbook(
      ['领导班子', POST_HEADERS, [['书记乙', m('书记乙'), '青山镇', '主要领导', '党委书记', '2024-01-01', '']]],
      ['联系分管', LINK_HEADERS, [['县长甲', m('县长甲'), '青山镇', '联系', '2024-01-01', '']]],
    );
    await emu.sendFile(ADMIN, '班子.xlsx', file);
    const result = await card(ADMIN);
    expect(result.content.header.title.content).toBe('组织架构导入完成');
    expect(text(result)).toContain('班子职务：任职 **1**');
    expect(text(result)).toContain('县级领导联系/分管单位：新增 **1**');
    expect(text(result)).toContain('新标记县级领导 **1** 人');
    const [post] = await emu.handle.db.select().from(leadershipPositions);
    expect(post).toMatchObject({ role: 'main', title: '党委书记', startDate: '2024-01-01' });
  });

  it('a messy workbook comes back as an error table with the sheet of each problem; nothing is written', async () => {
    const file = await workbook(
      ['单位', UNIT_HEADERS, [['红旗镇', '城镇', '测试县', '', '', '']]],
      ['领导班子', POST_HEADERS, [['无名氏', '13800009999', '青山镇', '分管领导', '', '2024-01-01', '']]],
    );
    await emu.sendFile(ADMIN, '有问题.xlsx', file);
    const result = await card(ADMIN);
    expect(result.content.header.title.content).toBe('组织架构未导入');
    const table = result.content.body.elements.find((e: any) => e.tag === 'table');
    expect(table.rows.map((r: any) => [r.sheet, r.row, r.column])).toEqual([
      ['单位', 2, '单位类别'],
      ['领导班子', 2, '手机号'],
    ]);
    expect(await emu.handle.db.select().from(units).where(eq(units.name, '红旗镇'))).toHaveLength(0);
  });

  it('refuses someone who is not org_admin, politely and audited', async () => {
    await emu.sendFile(CADRE, '组织架构.xlsx', await workbook(['单位', UNIT_HEADERS, UNITS]));
    const refusal = await card(CADRE);
    expect(refusal.content.header.title.content).toBe('无法导入');
    // Refused before the file is even downloaded: the role is checked first, whatever the workbook holds.
    expect(text(refusal)).toContain('表格只能由组织部门导入');
    const denied = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'upload.denied'));
    expect(denied).toHaveLength(1);
    expect(denied[0].detail).toEqual({ reason: 'not_org_admin' });
  });

  it('a roster still goes to the roster import', async () => {
    const rows = [['新干部', '女', '1999.03', '', '大学', '青山镇', '科员', '', '13800000101', '', '', '', '']];
    await emu.sendFile(ADMIN, '花名册.xlsx', await xlsx(HEADERS, rows));
    expect((await card(ADMIN)).content.header.title.content).toBe('花名册预览（尚未写入）');
  });

  it('导出 组织架构 sends the xlsx to the org_admin only', async () => {
    await emu.send(ADMIN, '导出 组织架构');
    await emu.deliverAll();
    const msgs = await emu.messages({ openId: ADMIN });
    expect(msgs.filter((x) => x.msg_type === 'file').at(-1)?.content.file_name).toBe('组织架构_2026-11-30.xlsx');
    expect(text(await card(ADMIN))).toContain('单位 6 个，班子职务 1 条，联系/分管 1 条，分管干部 0 条');
    await emu.send(CADRE, '导出 组织架构');
    expect(text(await card(CADRE))).toContain('只有组织部门可以导出组织架构');
  });
});
