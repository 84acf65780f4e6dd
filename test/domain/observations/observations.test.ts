/** 一线识人: recorded by leaders and the department within scope, shown on the profile card (查询). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontlineObservations } from '../../../src/db/schema/observations.js';
import { auditLog } from '../../../src/db/schema/org.js';
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

const OBS = {
  frontline: '乡村振兴',
  project: '青山村人居环境整治',
  performance: '连续三个月驻村，带头清理垃圾堆放点',
  evaluations: '群众：办事实在；村干部：能吃苦；镇党委：组织协调能力强',
  results: '完成改厕120户，村容村貌明显改善',
  flaws: '与群众沟通时方法较简单',
  observedOn: '2026-11-20 +0800',
};

describe('frontline observations', () => {
  let w: World;
  const obsOf = (personId: number) =>
    w.db.select().from(frontlineObservations).where(eq(frontlineObservations.personId, personId));
  beforeAll(async () => {
    w = await buildWorld();
    await intoPool(w, '王青山', [['青山党委', 'A']], 'mid_term');
  });
  afterAll(async () => w.bot.close());

  it('a county leader finds a cadre of his contact unit and records an observation', async () => {
    const before = await lastOutboxId(w);
    await say(w, '县领导', '一线识人 王');
    const [reply] = await sentSince(w, before);
    expect(buttons(reply.content)).toContainEqual({ a: 'observations.form', personId: w.p.王青山 });
    const form = await click(w, '县领导', { a: 'observations.form', personId: w.p.王青山 });
    expect(text(form.card)).toContain('observedOn');
    const res = await click(w, '县领导', { a: 'observations.submit', personId: w.p.王青山 }, OBS);
    expect(res.toast).toEqual({ type: 'success', content: '已保存' });
    const [row] = await obsOf(w.p.王青山);
    expect(row).toMatchObject({ frontline: '乡村振兴', observedOn: '2026-11-20', observerPersonId: w.p.县领导 });
    const audited = await w.db.select().from(auditLog).where(eq(auditLog.action, 'observation.create'));
    expect(audited).toHaveLength(1);
    // Opening the form (and submitting it) shows the cadre: each is a view of personal data.
    const views = await w.db.select().from(auditLog).where(eq(auditLog.action, 'person.view'));
    expect(views.filter((v) => (v.detail as any)?.via === 'observation.form')).toHaveLength(2);
  });

  it('refuses cadres outside scope (even forged), the cadre himself, and bad input, writing nothing', async () => {
    const out = await click(w, '县领导', { a: 'observations.submit', personId: w.p.陈白水 }, OBS);
    expect(out.toast).toEqual({ type: 'error', content: '该同志不在您的识人范围内' });
    const denied = await w.db.select().from(auditLog).where(eq(auditLog.action, 'observation.denied'));
    expect(denied).toMatchObject([{ entityId: String(w.p.陈白水), detail: { reason: 'out_of_scope' } }]);
    const cadre = await click(w, '陈白水', { a: 'observations.submit', personId: w.p.王青山 }, OBS);
    expect(cadre.toast?.content).toBe('一线识人记录由组织部门和单位、县级领导填写');
    const future = await click(
      w,
      '林组织',
      { a: 'observations.submit', personId: w.p.陈白水 },
      { ...OBS, observedOn: '2026-12-05' },
    );
    expect(future.toast).toEqual({ type: 'error', content: '观察日期不能晚于今天' });
    const empty = await click(w, '林组织', { a: 'observations.submit', personId: w.p.陈白水 }, { ...OBS, results: '' });
    expect(empty.toast).toEqual({ type: 'error', content: '请填写工作成效' });
    const badLine = await click(
      w,
      '林组织',
      { a: 'observations.submit', personId: w.p.陈白水 },
      { ...OBS, frontline: '后方' },
    );
    expect(badLine.toast).toEqual({ type: 'error', content: '请选择一线领域' });
    expect(await obsOf(w.p.陈白水)).toHaveLength(0);
  });

  it('shows observations and the pool tier on the profile card within scope, with the 一线识人 button', async () => {
    const before = await lastOutboxId(w);
    await say(w, '林组织', '查询 王青山');
    const card = (await sentSince(w, before)).find((r) => r.kind === 'reply')!.content;
    expect(text(card)).toContain('**资源库**：中期培养 · A清单 · 2026-11-30入库');
    expect(text(card)).toContain('青山村人居环境整治（县领导）');
    expect(text(card)).toContain('通病瑕疵：与群众沟通时方法较简单');
    expect(buttons(card)).toEqual(
      expect.arrayContaining([
        { a: 'pool.entry', id: expect.any(Number) },
        { a: 'observations.form', personId: w.p.王青山 },
      ]),
    );
  });

  it('the cadre does not see notes about himself or his tier', async () => {
    const before = await lastOutboxId(w);
    await say(w, '王青山', '查询 王青山');
    const card = (await sentSince(w, before)).find((r) => r.kind === 'reply')!.content;
    expect(text(card)).toContain('干部信息 · 王青山');
    expect(text(card)).not.toContain('一线识人');
    expect(text(card)).not.toContain('资源库');
  });
});
