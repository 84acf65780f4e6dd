/**
 * End to end through the local Feishu emulator (real SDK, signed + encrypted events, outbox):
 * a unit Party-org contact and the domain department recommend the same cadre, org_admin accepts once,
 * both are told; then assessments arrive as an xlsx, a proposal is confirmed, and the pool is exported.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolEntries, poolHistory } from '../../../src/db/schema/pool.js';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { buttons, grant, person, REC_TEXT, SELECTION, unit, xlsx } from '../selection/world.js';

const USERS: DirectoryEntry[] = [
  { name: '林组织', mobile: '13900000101', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '一中党委', mobile: '13900000102', unitName: '县第一中学', roles: ['unit_party_org'] },
  { name: '教育联络', mobile: '13900000103', unitName: '县教育局', roles: ['domain_dept'] },
];
const ADMIN = '13900000101';
const SCHOOL = '13900000102';
const EDU = '13900000103';

describe('selection end to end in the emulator', () => {
  let emu: Emulated;
  let cadre: number;
  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: SELECTION,
      now: '2026-11-30T10:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const orgDept = await unit(db, '县委组织部', { kind: 'county_department', countyId: county });
    const edu = await unit(db, '县教育局', { kind: 'county_department', countyId: county, domain: '教育' });
    const school = await unit(db, '县第一中学', { kind: 'institution', countyId: county, domain: '教育', deptId: edu });
    const admin = await person(db, '林组织', { unitId: orgDept, birthDate: '1980-01-01', openId: open.get('林组织') });
    const sp = await person(db, '一中党委', { unitId: school, birthDate: '1975-01-01', openId: open.get('一中党委') });
    const ep = await person(db, '教育联络', { unitId: edu, birthDate: '1978-01-01', openId: open.get('教育联络') });
    cadre = await person(db, '张小明', { unitId: school, birthDate: '1995-04-01', openId: null, position: '教师' });
    await grant(db, admin, 'org_admin', county);
    await grant(db, sp, 'unit_party_org', school);
    await grant(db, ep, 'domain_dept', edu, '教育');
  });
  afterAll(async () => emu?.close());

  /** Finds a candidate with 推荐 <name>, opens the form and submits it; returns the submitter's final card. */
  async function recommend(from: string) {
    await emu.send(from, '推荐 张小明');
    const list = (await emu.lastCard(from))!;
    const pick = buttons(list.content).find((b) => b.a === 'recommendations.form')!;
    expect(pick.personId).toBe(cadre);
    const opened = await emu.click(list.message_id, from, pick);
    const submit = buttons(opened.card.data).find((b) => b.a === 'recommendations.submit')!;
    const res = await emu.click(list.message_id, from, submit, REC_TEXT, { name: 'recommendations_submit' });
    expect(res.toast).toEqual({ type: 'success', content: '推荐已提交' });
    return res;
  }

  it('two lists, one acceptance, one pool entry with both lists; recommenders notified', async () => {
    await recommend(SCHOOL);
    const second = await recommend(EDU);
    expect(JSON.stringify(second.card.data)).toContain('同时在 A 清单中');

    const review = (await emu.lastCard(ADMIN))!;
    expect(review.content.header.title.content).toBe('推荐审核：张小明（B清单）');
    const accept = buttons(review.content).find((b) => b.a === 'recommendations.accept')!;
    const res = await emu.click(
      review.message_id,
      ADMIN,
      accept,
      { tier: 'mid_term', declineReason: '' },
      { name: 'recommendations_accept' },
    );
    expect(res.toast).toEqual({ type: 'success', content: '已入库（A、B清单）' });

    const db = emu.handle.db;
    const entries = await db.select().from(poolEntries).where(eq(poolEntries.personId, cadre));
    expect(entries).toHaveLength(1);
    const recs = await db.select().from(recommendations).where(eq(recommendations.personId, cadre));
    expect(recs.map((r) => `${r.list}:${r.status}:${r.poolEntryId}`).sort()).toEqual([
      `A:accepted:${entries[0].id}`,
      `B:accepted:${entries[0].id}`,
    ]);
    // The other review card (list A) already delivered to org_admin is patched to show the decision.
    await emu.deliverAll();
    const aCard = (await emu.messages({ openId: ADMIN })).find(
      (m) => m.content?.header?.title?.content === '推荐审核：张小明（A清单）',
    )!;
    expect(JSON.stringify(aCard.patches.at(-1)?.content)).toContain('**审核结果**：已入库（中期培养）');
    for (const who of [SCHOOL, EDU]) {
      const outcome = (await emu.lastCard(who))!;
      expect(outcome.content.header.title.content).toBe('推荐审核结果');
      expect(JSON.stringify(outcome.content)).toContain('已纳入年轻干部资源库（中期培养）');
    }
  });

  it('assessments by xlsx → a move-up proposal → confirmed on its card; the pool exports as a file', async () => {
    const file = await xlsx(
      ['姓名', '单位', '考核类别', '考核周期', '考核结果'],
      [
        ['张小明', '县第一中学', '年度考核', '2024', '优秀'],
        ['张小明', '县第一中学', '年度考核', '2025', '优秀'],
      ],
    );
    await emu.sendFile(ADMIN, '2025年度考核.xlsx', file);
    await emu.deliverAll();
    const chat = (await emu.messages({ openId: ADMIN })).filter((m) => m.msg_type === 'interactive');
    const report = chat.find((m) => m.content.header.title.content === '考核结果导入成功')!;
    expect(JSON.stringify(report.content)).toContain('生成 **1** 条资源库调整建议');
    const proposal = chat.find((m) => m.content.header.title.content === '资源库调整建议：张小明')!;
    const confirm = buttons(proposal.content).find((b) => b.a === 'pool.confirm')!;
    const res = await emu.click(proposal.message_id, ADMIN, confirm, { note: '' }, { name: 'pool_confirm' });
    expect(res.toast).toEqual({ type: 'success', content: '已确认调整' });
    const [entry] = await emu.handle.db.select().from(poolEntries).where(eq(poolEntries.personId, cadre));
    expect(entry.tier).toBe('near_term');
    const history = await emu.handle.db.select().from(poolHistory).where(eq(poolHistory.entryId, entry.id));
    expect(history.map((h) => h.kind)).toEqual(['entered', 'tier_changed']);

    await emu.send(ADMIN, '导出 资源库');
    await emu.deliverAll();
    const files = (await emu.messages({ openId: ADMIN })).filter(
      (m) => m.msg_type === 'file' && m.sender.type === 'app',
    );
    expect(files).toHaveLength(1);
    expect(JSON.stringify(files[0].content)).toContain('年轻干部资源库名册_2026-11-30.xlsx');
  });
});
