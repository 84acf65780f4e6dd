/** The pool: views per role scope, entry history, manual decisions, xlsx export, the age-out job. */
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/db/schema/org.js';
import { poolEntries, poolHistory, poolProposals } from '../../../src/db/schema/pool.js';
import { POOL_EXPORT_HEADERS, poolWorkbook } from '../../../src/domain/pool/pool.export.js';
import { proposeAgeOuts } from '../../../src/domain/pool/pool.jobs.js';
import {
  buildWorld,
  buttons,
  click,
  intoPool,
  lastOutboxId,
  say,
  sentSince,
  text,
  type World,
} from '../selection/world.js';

describe('pool', () => {
  let w: World;
  let zhang: number;
  let wang: number;
  let kuai: number;
  beforeAll(async () => {
    w = await buildWorld();
    zhang = await intoPool(
      w,
      '张小明',
      [
        ['一中党委', 'A'],
        ['教育联络', 'B'],
      ],
      'near_term',
    );
    await intoPool(w, '李一中', [['林组织', 'C']], 'long_term');
    wang = await intoPool(w, '王青山', [['青山党委', 'A']], 'mid_term');
    kuai = await intoPool(w, '快满', [['青山党委', 'A']], 'mid_term');
  });
  afterAll(async () => w.bot.close());

  const replyAfter = async (before: number) => (await sentSince(w, before)).find((r) => r.kind === 'reply')!;

  it('org_admin sees the whole county with counts per tier and unit', async () => {
    const before = await lastOutboxId(w);
    await say(w, '林组织', '资源库');
    const card = (await replyAfter(before)).content;
    expect(text(card)).toContain('在库 **4** 人');
    expect(text(card)).toContain('近期使用 **1**　中期培养 **2**　长期跟踪 **1**');
    expect(text(card)).toContain('三张清单上榜 **4** 人（单位党组织 3，领域主管部门 1，组织部门 1；一人多榜只计一次）');
    const rows = (card as any).body.elements.find((e: any) => e.tag === 'table').rows;
    expect(rows).toContainEqual({ unit: '青山镇', near: 0, mid: 2, long: 0, total: 2 });
    expect(rows).toContainEqual({ unit: '县第一中学', near: 1, mid: 0, long: 1, total: 2 });
  });

  it('a county leader sees only the pool of the units he contacts; a plain cadre has no view', async () => {
    const before = await lastOutboxId(w);
    await say(w, '县领导', '资源库');
    expect(text((await replyAfter(before)).content)).toContain('在库 **2** 人');
    const res = await click(w, '县领导', { a: 'pool.entry', id: zhang });
    expect(res.toast).toEqual({ type: 'error', content: '您无权查看该干部的资源库信息' });
    const denied = await w.db.select().from(auditLog).where(eq(auditLog.action, 'pool.view.denied'));
    expect(denied).toMatchObject([{ entityId: String(zhang), detail: { reason: 'out_of_scope' } }]);
    const list = await click(w, '县领导', { a: 'pool.members', tier: 'mid_term', page: 0 });
    expect(text(list.card)).toContain('王青山');
    expect(text(list.card)).not.toContain('张小明');
    const cadre = await click(w, '陈白水', { a: 'pool.overview' });
    expect(cadre.toast?.content).toBe('年轻干部资源库仅对组织部门和相关领导开放');
  });

  it('a domain department sees its domain; a unit Party org its unit', async () => {
    const edu = await click(w, '教育联络', { a: 'pool.overview' });
    expect(text(edu.card)).toContain('在库 **2** 人');
    const unit = await click(w, '青山党委', { a: 'pool.members', page: 0 });
    expect(text(unit.card)).toContain('共 **2** 人');
  });

  it('shows one entry with both lists and its history; the view is audited', async () => {
    const res = await click(w, '林组织', { a: 'pool.entry', id: zhang });
    const t = text(res.card);
    expect(t).toContain('单位党组织（A）：一中党委推荐');
    expect(t).toContain('领域主管部门（B）：教育联络推荐');
    expect(t).toContain('入库（近期使用，A、B清单）');
    expect(buttons(res.card).map((b) => b.a)).toEqual(['pool.setTier', 'pool.watch', 'pool.exit']);
    const views = await w.db.select().from(auditLog).where(eq(auditLog.action, 'pool.view'));
    expect(views.some((v) => v.entityId === String(zhang) && v.actorPersonId === w.p.林组织)).toBe(true);
  });

  it('org_admin changes a tier, puts on watch and takes out by hand, each in the history with who decided', async () => {
    const set = await click(w, '林组织', { a: 'pool.setTier', id: wang }, { tier: 'near_term', note: '实绩突出' });
    expect(set.toast?.content).toBe('层级已调整');
    await click(w, '周组织', { a: 'pool.watch', id: wang }, { note: '群众反映作风问题，观察' });
    const noReason = await click(w, '林组织', { a: 'pool.exit', id: wang }, { note: '' });
    expect(noReason.toast).toEqual({ type: 'error', content: '请选择出库原因' });
    const out = await click(
      w,
      '林组织',
      { a: 'pool.exit', id: wang },
      { exitReason: 'promoted', note: '提拔为副镇长' },
    );
    expect(out.toast?.content).toBe('已调出资源库');
    const h = await w.db.select().from(poolHistory).where(eq(poolHistory.entryId, wang)).orderBy(poolHistory.id);
    expect(h.map((x) => [x.kind, x.toTier, x.exitReason, x.decidedByPersonId, x.note])).toEqual([
      ['entered', 'mid_term', null, w.p.林组织, null],
      ['tier_changed', 'near_term', null, w.p.林组织, '实绩突出'],
      ['watch', 'near_term', null, w.p.周组织, '群众反映作风问题，观察'],
      ['exited', 'near_term', 'promoted', w.p.林组织, '提拔为副镇长'],
    ]);
    expect(text(out.card)).toContain('调出资源库（提拔使用）：提拔为副镇长');
    const leader = await click(w, '县领导', { a: 'pool.setTier', id: kuai }, { tier: 'near_term' });
    expect(leader.toast).toEqual({ type: 'error', content: '此操作仅限本县组织部门' });
  });

  it('exports the 名册 that reads back with the listed columns', async () => {
    const { data, rows } = await poolWorkbook(w.db, sql`true`, '2026-12-01');
    expect(rows).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...POOL_EXPORT_HEADERS]);
    expect(POOL_EXPORT_HEADERS).toEqual([
      '姓名',
      '性别',
      '出生年月',
      '学历',
      '单位及职务',
      '入库时间',
      '层级',
      '推荐来源',
      '备注',
    ]);
    const values = [2, 3, 4].map((r) => (ws.getRow(r).values as unknown[]).slice(1));
    expect(values).toContainEqual([
      '张小明',
      '男',
      '1995.04',
      '大学',
      '县第一中学科员',
      '2026-11-30',
      '近期使用',
      '单位党组织、领域主管部门',
      '',
    ]);
    expect(values).toContainEqual([
      '李一中',
      '男',
      '1993.02',
      '大学',
      '县第一中学科员',
      '2026-11-30',
      '长期跟踪',
      '组织部门',
      '',
    ]);
  });

  it('导出 资源库 sends the file through the outbox to org_admin only', async () => {
    const before = await lastOutboxId(w);
    await say(w, '林组织', '导出 资源库');
    const file = (await sentSince(w, before)).find((r) => r.kind === 'file');
    expect(file).toMatchObject({ target: 'ou_林组织', fileName: '年轻干部资源库名册_2026-11-30.xlsx' });
    const mid = await lastOutboxId(w);
    await say(w, '县领导', '导出 资源库');
    const sent = await sentSince(w, mid);
    expect(sent.some((r) => r.kind === 'file')).toBe(false);
    expect(text(sent[0].content)).toContain('资源库名册导出仅限组织部门');
    const audited = await w.db.select().from(auditLog).where(eq(auditLog.action, 'pool.export'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entity: 'pool', actorOpenId: 'ou_林组织' });
  });

  it('proposes an exit a month before a cadre turns 36 (35周岁以下 includes 35), once', async () => {
    // Turning 35 on 2026-12-20 keeps the cadre young (民法典 第1259条): no proposal a year early.
    expect(await proposeAgeOuts(w.bot.deps, new Date('2026-11-30T08:00:00+08:00'))).toEqual({ proposed: 0 });
    const before = await lastOutboxId(w);
    expect(await proposeAgeOuts(w.bot.deps, new Date('2027-11-30T08:00:00+08:00'))).toEqual({ proposed: 1 });
    const [p] = await w.db.select().from(poolProposals).where(eq(poolProposals.entryId, kuai));
    expect(p).toMatchObject({
      action: 'exit',
      exitReason: 'over_age',
      reason: '将于2027-12-20年满36周岁，建议调出资源库',
    });
    expect((await sentSince(w, before)).filter((r) => r.kind === 'send')).toHaveLength(2);
    expect(await proposeAgeOuts(w.bot.deps, new Date('2027-12-01T08:00:00+08:00'))).toEqual({ proposed: 0 });
    const [e] = await w.db.select().from(poolEntries).where(eq(poolEntries.id, kuai));
    expect(e.status).toBe('active');
  });

  it('the scheduler knows the selection jobs', () => {
    const names = w.bot.scheduler.list().map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(['pool.age-out', 'recommendations.review-digest']));
  });
});
