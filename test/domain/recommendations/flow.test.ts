/** 推荐 → 审核 → 资源库, through the router: lists from roles, scope on the server, one entry per person. */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/db/schema/org.js';
import { poolEntries, poolHistory } from '../../../src/db/schema/pool.js';
import { recommendations } from '../../../src/db/schema/recommendations.js';
import { listedCounts } from '../../../src/domain/pool/pool.queries.js';
import {
  buildWorld,
  buttons,
  click,
  lastOutboxId,
  REC_TEXT,
  say,
  sentSince,
  text,
  type World,
} from '../selection/world.js';

describe('recommendations', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(async () => w.bot.close());

  const recsOf = (personId: number) =>
    w.db.select().from(recommendations).where(eq(recommendations.personId, personId));

  it('offers the lists the submitter holds and finds candidates only in scope', async () => {
    const before = await lastOutboxId(w);
    await say(w, '一中党委', '推荐 李');
    const [reply] = await sentSince(w, before);
    expect(reply.kind).toBe('reply');
    const forms = buttons(reply.content).filter((b) => b.a === 'recommendations.form');
    expect(forms).toEqual([{ a: 'recommendations.form', list: 'A', personId: w.p.李一中 }]);
    // Over-age staff of the same unit are not offered.
    await say(w, '青山党委', '推荐 老赵');
    const [none] = await sentSince(w, before + 1);
    expect(buttons(none.content).some((b) => b.a === 'recommendations.form')).toBe(false);
  });

  it('a unit contact recommends, the domain department recommends the same person, org_admin accepts once', async () => {
    const before = await lastOutboxId(w);
    const form = await click(w, '一中党委', { a: 'recommendations.form', list: 'A', personId: w.p.张小明 });
    expect(text(form.card)).toContain('A 单位党组织推荐清单');
    const a = await click(w, '一中党委', { a: 'recommendations.submit', list: 'A', personId: w.p.张小明 }, REC_TEXT);
    expect(a.toast).toEqual({ type: 'success', content: '推荐已提交' });
    const b = await click(w, '教育联络', { a: 'recommendations.submit', list: 'B', personId: w.p.张小明 }, REC_TEXT);
    expect(b.toast?.type).toBe('success');
    expect(text(b.card)).toContain('同时在 A 清单中');

    // Each recommendation went to both org_admin staff as a review card.
    const reviews = (await sentSince(w, before)).filter((r) => r.ref?.startsWith('rec:'));
    expect(reviews.map((r) => r.target).sort()).toEqual(['ou_周组织', 'ou_周组织', 'ou_林组织', 'ou_林组织']);
    const [recA, recB] = (await recsOf(w.p.张小明)).sort((x, y) => x.list.localeCompare(y.list));
    const accept = buttons(reviews[0].content).find((x) => x.a === 'recommendations.accept');
    expect(accept).toEqual({ a: 'recommendations.accept', id: recA.id });

    const afterSubmit = await lastOutboxId(w);
    const res = await click(
      w,
      '林组织',
      { a: 'recommendations.accept', id: recA.id },
      { tier: 'mid_term', declineReason: '' },
    );
    expect(res.toast).toEqual({ type: 'success', content: '已入库（A、B清单）' });
    expect(text(res.card)).toContain('已入库（中期培养）');

    const entries = await w.db.select().from(poolEntries).where(eq(poolEntries.personId, w.p.张小明));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ tier: 'mid_term', status: 'active', enteredOn: '2026-11-30' });
    const recs = await recsOf(w.p.张小明);
    expect(recs.map((r) => [r.list, r.status, r.poolEntryId]).sort()).toEqual([
      ['A', 'accepted', entries[0].id],
      ['B', 'accepted', entries[0].id],
    ]);
    const [history] = await w.db.select().from(poolHistory).where(eq(poolHistory.entryId, entries[0].id));
    expect(history).toMatchObject({
      kind: 'entered',
      toTier: 'mid_term',
      lists: ['A', 'B'],
      decidedByPersonId: w.p.林组织,
    });

    // Both recommenders are told.
    const notices = (await sentSince(w, afterSubmit)).filter((r) => r.kind === 'send');
    expect(notices.map((r) => r.target).sort()).toEqual(['ou_一中党委', 'ou_教育联络']);
    expect(text(notices[0].content)).toContain('已纳入年轻干部资源库（中期培养）');
    // 上榜人数 counts people, not recommendations.
    expect(await listedCounts(w.db)).toEqual({ people: 1, byList: { A: 1, B: 1, C: 0 } });

    // The second admin's click on the other card finds it already decided.
    const late = await click(w, '周组织', { a: 'recommendations.accept', id: recB.id }, { tier: 'near_term' });
    expect(late.toast).toEqual({ type: 'error', content: '该推荐已同意入库' });
    expect(recB.id).toBeGreaterThan(recA.id);
  });

  it('refuses a second recommendation of the same person on the same list, politely', async () => {
    const n = (await recsOf(w.p.张小明)).length;
    const res = await click(w, '一中党委', { a: 'recommendations.submit', list: 'A', personId: w.p.张小明 }, REC_TEXT);
    expect(res.toast?.type).toBe('error');
    expect(res.toast?.content).toMatch(
      /^张小明已由一中党委于2026-11-30列入A 单位党组织推荐清单，已纳入资源库，无需重复推荐/,
    );
    expect(await recsOf(w.p.张小明)).toHaveLength(n);
    // Earlier than that: the search marks him as on the list (no 推荐 button), and the form is refused before filling.
    const found = await click(w, '一中党委', { a: 'recommendations.search', list: 'A' }, { q: '张小明' });
    expect(text(found.card!.data)).toContain('已在A清单中（已入库），无需重复推荐');
    expect(buttons(found.card!.data).filter((b) => b.a === 'recommendations.form')).toHaveLength(0);
    const early = await click(w, '一中党委', { a: 'recommendations.form', list: 'A', personId: w.p.张小明 });
    expect(early.toast?.type).toBe('error');
    expect(early.toast?.content).toContain('无需重复推荐');
    expect(early.card).toBeUndefined();
  });

  it('a unit contact cannot recommend from another unit, even with a forged payload', async () => {
    const res = await click(w, '青山党委', { a: 'recommendations.submit', list: 'A', personId: w.p.李一中 }, REC_TEXT);
    expect(res.toast).toEqual({ type: 'error', content: '该同志不在您的推荐范围内' });
    const forgedList = await click(
      w,
      '青山党委',
      { a: 'recommendations.submit', list: 'C', personId: w.p.王青山 },
      REC_TEXT,
    );
    expect(forgedList.toast).toEqual({ type: 'error', content: '您不能提交「C 组织部门推荐清单」的推荐' });
    const formOther = await click(w, '青山党委', { a: 'recommendations.form', list: 'A', personId: w.p.陈白水 });
    expect(formOther.toast?.content).toBe('该同志不在您的推荐范围内');
    expect(await recsOf(w.p.李一中)).toHaveLength(0);
    expect(await recsOf(w.p.陈白水)).toHaveLength(0);
  });

  it('a domain department recommends only from its domain', async () => {
    const out = await click(w, '教育联络', { a: 'recommendations.submit', list: 'B', personId: w.p.王青山 }, REC_TEXT);
    expect(out.toast).toEqual({ type: 'error', content: '该同志不在您的推荐范围内' });
    const ok = await click(w, '教育联络', { a: 'recommendations.submit', list: 'B', personId: w.p.李一中 }, REC_TEXT);
    expect(ok.toast?.type).toBe('success');
  });

  it('a leader without a list cannot recommend', async () => {
    const res = await click(w, '县领导', { a: 'recommendations.submit', list: 'A', personId: w.p.王青山 }, REC_TEXT);
    expect(res.toast?.content).toContain('推荐需由单位党组织、领域主管部门或组织部门提交');
  });

  it('validates the form in Chinese and writes nothing on bad input', async () => {
    const short = await click(
      w,
      '青山党委',
      { a: 'recommendations.submit', list: 'A', personId: w.p.王青山 },
      { ...REC_TEXT, reason: '好' },
    );
    expect(short.toast).toEqual({ type: 'error', content: '推荐理由不少于5个字' });
    const missing = await click(w, '青山党委', { a: 'recommendations.submit', list: 'A', personId: w.p.王青山 }, {});
    expect(missing.toast).toEqual({ type: 'error', content: '请填写推荐理由' });
    const overAge = await click(
      w,
      '青山党委',
      { a: 'recommendations.submit', list: 'A', personId: w.p.老赵 },
      REC_TEXT,
    );
    expect(overAge.toast?.content).toContain('已满36周岁'); // 35周岁以下 includes 35: out from the 36th birthday;
    const noBasis = await click(
      w,
      '林组织',
      { a: 'recommendations.submit', list: 'C', personId: w.p.王青山 },
      REC_TEXT,
    );
    expect(noBasis.toast).toEqual({ type: 'error', content: '组织部门推荐请选择推荐依据' });
    expect(await recsOf(w.p.王青山)).toHaveLength(0);
    expect(await recsOf(w.p.老赵)).toHaveLength(0);
  });

  it('org_admin declines with a reason; the recommender is told; the person may be recommended again', async () => {
    await click(
      w,
      '林组织',
      { a: 'recommendations.submit', list: 'C', personId: w.p.陈白水 },
      { ...REC_TEXT, basis: '专题调研' },
    );
    const [rec] = await recsOf(w.p.陈白水);
    expect(rec).toMatchObject({ list: 'C', basis: '专题调研', status: 'pending' });
    const noReason = await click(w, '周组织', { a: 'recommendations.decline', id: rec.id }, { declineReason: '' });
    expect(noReason.toast).toEqual({ type: 'error', content: '请填写不予入库的理由' });
    const before = await lastOutboxId(w);
    const res = await click(
      w,
      '周组织',
      { a: 'recommendations.decline', id: rec.id },
      { declineReason: '基层经历不足' },
    );
    expect(res.toast?.type).toBe('success');
    const [notice] = (await sentSince(w, before)).filter((r) => r.target === 'ou_林组织');
    expect(text(notice.content)).toContain('基层经历不足');
    expect(await w.db.select().from(poolEntries).where(eq(poolEntries.personId, w.p.陈白水))).toHaveLength(0);
    const again = await click(
      w,
      '林组织',
      { a: 'recommendations.submit', list: 'C', personId: w.p.陈白水 },
      { ...REC_TEXT, basis: '干部考察' },
    );
    expect(again.toast?.type).toBe('success');
  });

  it('only org_admin of the county reviews', async () => {
    const [rec] = await w.db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.personId, w.p.李一中), eq(recommendations.list, 'B')));
    const res = await click(w, '一中党委', { a: 'recommendations.accept', id: rec.id }, { tier: 'near_term' });
    expect(res.toast).toEqual({ type: 'error', content: '此操作仅限本县组织部门' });
    const view = await click(w, '教育联络', { a: 'recommendations.review', id: rec.id });
    expect(view.toast?.type).toBe('error');
  });

  it('audits every recommendation and decision', async () => {
    const rows = await w.db.select({ action: auditLog.action }).from(auditLog);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['recommendation.create', 'recommendation.accept', 'recommendation.decline'])
      expect(actions).toContain(a);
  });
});
