/** Assessment results by xlsx: all or nothing, per-row errors; the rules table proposes, org_admin decides. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentResults } from '../../../src/db/schema/assessments.js';
import { poolEntries, poolHistory, poolProposals } from '../../../src/db/schema/pool.js';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import { importAssessments } from '../../../src/domain/assessments/assessments.import.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import {
  buildWorld,
  buttons,
  click,
  intoPool,
  lastOutboxId,
  sentSince,
  text,
  type World,
  xlsx,
} from '../selection/world.js';

const HEADER = ['姓名', '身份证号', '单位', '考核类别', '考核周期', '考核结果', '备注'];

describe('assessment import and proposals', () => {
  let w: World;
  let zhang: number;
  let li: number;
  let wang: number;
  let n = 0;
  const run = async (data: Buffer, as = '林组织') =>
    importAssessments(w.bot.deps, data, {
      actor: await loadActor(w.db, w.p[as], '2026-11-30'),
      fileName: 'kh.xlsx',
      batchId: `b${++n}`,
    });
  const entry = async (id: number) => (await w.db.select().from(poolEntries).where(eq(poolEntries.id, id)))[0];
  const proposalsOf = (entryId: number) => w.db.select().from(poolProposals).where(eq(poolProposals.entryId, entryId));

  beforeAll(async () => {
    w = await buildWorld();
    zhang = await intoPool(w, '张小明', [['一中党委', 'A']], 'mid_term');
    li = await intoPool(w, '李一中', [['教育联络', 'B']], 'long_term');
    wang = await intoPool(w, '王青山', [['青山党委', 'A']], 'mid_term');
  });
  afterAll(async () => w.bot.close());

  it('reports every bad row and writes nothing', async () => {
    const data = await xlsx(HEADER, [
      ['张小明', null, null, '年度考核', '2025', '优秀', null],
      ['李一中', null, null, '述职评议', '2025', '优秀', null],
      ['王青山', null, null, '年度考核', '2025Q1', '优秀', null],
      ['陈白水', null, null, '平时考核', '2025年第三季度', '优秀', null],
      ['无此人', null, null, '年度考核', '2025', '称职', null],
      ['张小明', null, null, '年度', '2025年度', '优秀', '重复'],
      ['李一中', '110101199001011234', null, '信访', '2025-06', '属实', null],
    ]);
    const r = await run(data);
    expect(r?.ok).toBe(false);
    expect(r?.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '考核类别'],
      [4, '考核周期'],
      [5, '考核结果'],
      [6, '姓名'],
      [7, '考核周期'],
      [8, '身份证号'],
    ]);
    expect(r?.errors[0].message).toContain('不是可识别的考核类别');
    expect(r?.errors[2].message).toBe('“优秀”不是平时考核的有效结果，应为 好/较好/一般/较差');
    expect(r?.errors[4].message).toBe('与第 2 行重复（同一人、同一类别、同一周期）');
    expect(await w.db.select().from(assessmentResults)).toHaveLength(0);
  });

  it('answers a sheet without a required column', async () => {
    const r = await run(await xlsx(['姓名', '考核类别', '考核结果'], [['张小明', '年度考核', '优秀']]));
    expect(r?.errors).toEqual([{ row: 1, column: '考核周期', message: '缺少“考核周期”列' }]);
    expect(await run(await xlsx(['姓名', '性别', '出生年月'], [['张小明', '男', '1995.04']]))).toBeNull();
  });

  it('优秀 twice proposes a move up; confirming changes the tier and writes history', async () => {
    const before = await lastOutboxId(w);
    const r = await run(
      await xlsx(
        HEADER,
        [
          ['张小明', null, '县第一中学', '年度考核', '2024', '优秀', null],
          ['张小明', null, '县第一中学', '年度考核', '2025年度', '优秀', null],
          ['李一中', null, null, '年度考核', 2024, '优秀', null],
          ['李一中', null, null, '年度考核', 2025, '优秀', null],
          ['王青山', null, null, '平时考核', '2025年第三季度', '好', null],
        ],
        '2025年度考核结果',
      ),
    );
    expect(r).toMatchObject({ ok: true, total: 5, created: 5, updated: 0, proposals: 2 });
    const [pz] = await proposalsOf(zhang);
    expect(pz).toMatchObject({
      action: 'tier_up',
      toTier: 'near_term',
      ruleId: 'annual_excellent_twice',
      status: 'open',
    });
    expect((await entry(zhang)).tier).toBe('mid_term');
    // Each proposal reached both org_admin staff as its own card.
    const cards = (await sentSince(w, before)).filter((m) => text(m.content).includes('资源库调整建议'));
    expect(cards.map((c) => c.target).sort()).toEqual(['ou_周组织', 'ou_周组织', 'ou_林组织', 'ou_林组织']);
    expect(buttons(cards[0].content).map((b) => b.a)).toEqual(['pool.confirm', 'pool.dismiss']);

    const res = await click(w, '周组织', { a: 'pool.confirm', id: pz.id }, { note: '' });
    expect(res.toast).toEqual({ type: 'success', content: '已确认调整' });
    expect(text(res.card)).toContain('已确认');
    expect(await entry(zhang)).toMatchObject({ tier: 'near_term', status: 'active' });
    const history = await w.db.select().from(poolHistory).where(eq(poolHistory.entryId, zhang));
    expect(history.at(-1)).toMatchObject({
      kind: 'tier_changed',
      fromTier: 'mid_term',
      toTier: 'near_term',
      proposalId: pz.id,
      decidedByPersonId: w.p.周组织,
      note: '连续两年年度考核优秀，建议上调一个层级',
    });
    const again = await click(w, '林组织', { a: 'pool.confirm', id: pz.id });
    expect(again.toast).toEqual({ type: 'error', content: '该建议已处理' });
  });

  it('dismissing changes nothing, and the same facts do not raise it again', async () => {
    const [pl] = await proposalsOf(li);
    const historyBefore = await w.db.select().from(poolHistory).where(eq(poolHistory.entryId, li));
    // 驳回 asks first: a confirmation card with the reason (prefilled from the note), nothing decided yet.
    const ask = await click(w, '林组织', { a: 'pool.dismiss', id: pl.id }, { note: '尚需历练' });
    expect(ask.toast).toEqual({ type: 'info', content: '请填写驳回理由并确认' });
    expect(text(ask.card)).toContain('驳回调整建议');
    expect(buttons(ask.card!.data).map((b) => b.a)).toEqual(['pool.dismissConfirm', 'pool.dismissBack']);
    expect(JSON.stringify(ask.card!.data)).toContain('"default_value":"尚需历练"');
    expect((await proposalsOf(li))[0]).toMatchObject({ status: 'open' });
    // Without a reason nothing is written.
    const bare = await click(w, '林组织', { a: 'pool.dismissConfirm', id: pl.id }, { reason: '  ' });
    expect(bare.toast).toEqual({ type: 'error', content: '请填写驳回理由' });
    expect((await proposalsOf(li))[0]).toMatchObject({ status: 'open' });
    const back = await click(w, '林组织', { a: 'pool.dismissBack', id: pl.id });
    expect(buttons(back.card!.data).map((b) => b.a)).toEqual(['pool.confirm', 'pool.dismiss']);
    const res = await click(w, '林组织', { a: 'pool.dismissConfirm', id: pl.id }, { reason: '尚需历练' });
    expect(res.toast?.content).toBe('已驳回，资源库不作调整');
    expect(await entry(li)).toMatchObject({ tier: 'long_term', status: 'active' });
    expect(await w.db.select().from(poolHistory).where(eq(poolHistory.entryId, li))).toEqual(historyBefore);
    expect((await proposalsOf(li))[0]).toMatchObject({ status: 'dismissed', decisionNote: '尚需历练' });
    const r = await run(await xlsx(HEADER, [['李一中', null, null, '年度考核', '2025', '优秀', null]]));
    expect(r).toMatchObject({ ok: true, created: 0, unchanged: 1, proposals: 0 });
  });

  it('a confirmed petition finding proposes an exit; confirming takes the cadre out and frees the lists', async () => {
    const r = await run(await xlsx(HEADER, [['王青山', null, '青山镇', '信访', '2026-03', '查实', '违规收受礼品']]));
    expect(r).toMatchObject({ ok: true, proposals: 1 });
    const [p] = await proposalsOf(wang);
    expect(p).toMatchObject({ action: 'exit', exitReason: 'discipline', ruleId: 'petition_confirmed' });
    await click(w, '林组织', { a: 'pool.confirm', id: p.id });
    expect(await entry(wang)).toMatchObject({ status: 'exited', exitReason: 'discipline', exitedOn: '2026-11-30' });
    const recs = await w.db.select().from(recommendations).where(eq(recommendations.personId, w.p.王青山));
    expect(recs.every((x) => !x.current)).toBe(true);
  });

  it('only org_admin imports', async () => {
    await expect(
      run(await xlsx(HEADER, [['张小明', null, null, '年度考核', '2023', '优秀', null]]), '县领导'),
    ).rejects.toThrow('只有组织部门可以导入考核结果');
  });
});
