/**
 * End-of-term evaluation end to end through the emulator: a month before the end the host contact gets the
 * evaluation card; a forged evaluation (the cadre himself) is refused; 不称职 raises a pool proposal to
 * org_admin citing the evaluation (rules as data, dispatches.rules.ts), which org_admin confirms; 称职 raises none;
 * a changed grade voids the earlier grade's still-open proposal in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAssignments, dispatchBatches, dispatchEvaluations } from '../../../src/db/schema/dispatches.js';
import { auditLog } from '../../../src/db/schema/org.js';
import { poolEntries, poolProposals } from '../../../src/db/schema/pool.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { evaluate } from '../../../src/domain/dispatches/dispatches.service.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { confirmProposal } from '../../../src/domain/pool/pool.proposals.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { TEST_PEOPLE, testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { T0 } from '../../helpers/stamps.js';
import { grant, person, pool, unit } from '../talks/builders.js';
import { buttons } from '../talks/world.js';

const USERS: DirectoryEntry[] = [TEST_PEOPLE.admin, TEST_PEOPLE.host, TEST_PEOPLE.cadre, TEST_PEOPLE.silent];
const ADMIN = '13900000001';
const HOST = '13900000002';
const CADRE = '13900000006';

describe('host evaluation feeds the pool rules', () => {
  let emu: Emulated;
  const asg: Record<string, number> = {};
  const ids: Record<string, number> = {};
  const title = (m: any) => m?.content?.header?.title?.content;
  const proposals = () => emu.handle.db.select().from(poolProposals);

  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, org, poolCapability, dispatchesCapability],
      now: '2026-12-01T08:50:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const home = await unit(db, '青山镇', { countyId: county });
    const dest = await unit(db, '白水镇', { countyId: county });
    const mk = async (name: string, unitId: number, birthDate: string) => {
      ids[name] = (await person(db, name, { unitId, birthDate, openId: open.get(name) })).id;
    };
    await mk('林晓燕', county, '1985-01-01');
    await mk('白水联络', dest, '1980-01-01');
    await mk('刘子轩', home, '1997-05-05');
    await mk('陈思雨', home, '1999-05-05');
    await grant(db, ids.林晓燕, 'org_admin', county);
    await pool(db, ids.刘子轩, '2025-01-01');
    await pool(db, ids.陈思雨, '2025-01-01');
    const [b] = await db
      .insert(dispatchBatches)
      .values({
        countyId: county,
        kind: 'first_secretary',
        name: '第五批',
        startDate: '2024-12-20',
        endDate: '2026-12-20',
        ...T0,
      })
      .returning();
    for (const name of ['刘子轩', '陈思雨']) {
      const [a] = await db
        .insert(dispatchAssignments)
        .values({
          batchId: b.id,
          personId: ids[name],
          homeUnitId: home,
          destUnitId: dest,
          destPlace: '石门村',
          hostUnitName: '白水镇',
          hostContactPersonId: ids.白水联络,
          startDate: '2024-12-20',
          plannedEnd: '2026-12-20',
          ...T0,
        })
        .returning();
      asg[name] = a.id;
    }
  });
  afterAll(async () => emu?.close());

  it('不称职 from the host contact raises an exit proposal citing the evaluation; org_admin confirms it', async () => {
    await emu.setClock('2026-12-01T09:10:00+08:00');
    const run = await emu.runJob('dispatches.reminders');
    expect(run).toMatchObject({ result: expect.objectContaining({ termNotices: 2 }) });
    await emu.deliverAll();
    const forms = (await emu.messages({ openId: HOST })).filter((m) => title(m) === '选派干部期满评价');
    expect(forms).toHaveLength(2);
    const formOf = (name: string) => forms.find((m) => JSON.stringify(m.content).includes(name))!;
    const submit = (name: string) => buttons(formOf(name).content).find((b) => b.a === 'dispatch.evaluate')!;

    // The cadre pressing the host's button for himself is refused; nothing written.
    const own = (await emu.lastCard(CADRE))!;
    expect(title(own)).toBe('选派期满总结');
    const forged = await emu.click(own.message_id, CADRE, submit('刘子轩'), { grade: '优秀' });
    expect(forged.toast).toEqual({ type: 'error', content: '只有接收单位联系人或组织部门可以评价' });
    const bad = await emu.click(formOf('刘子轩').message_id, HOST, submit('刘子轩'), { grade: '很好' });
    expect(bad.toast).toEqual({ type: 'error', content: '请选择评价等次' });
    expect(await emu.handle.db.select().from(dispatchEvaluations)).toEqual([]);
    expect(await proposals()).toEqual([]);

    const ok = await emu.click(formOf('刘子轩').message_id, HOST, submit('刘子轩'), {
      grade: '不称职',
      comment: '到岗天数不足',
    });
    expect(ok.toast).toEqual({ type: 'success', content: '评价已提交' });
    const [p] = await proposals();
    expect(p).toMatchObject({ ruleId: 'dispatch_unfit', action: 'exit', exitReason: 'assessment', status: 'open' });
    await emu.deliverAll();
    const card = (await emu.lastCard(ADMIN))!;
    expect(title(card)).toBe('资源库调整建议：刘子轩');
    const shown = JSON.stringify(card.content);
    expect(shown).toContain('选派期满接收单位评价不称职，建议调出资源库');
    expect(shown).toContain('选派期满评价 第五批驻村第一书记（2024-12-20 至 2026-12-20）：不称职');

    const confirm = buttons(card.content).find((b) => b.a === 'pool.confirm')!;
    const done = await emu.click(card.message_id, ADMIN, confirm, {}, { name: 'pool.confirm' });
    expect(done.toast?.type).toBe('success');
    const [e] = await emu.handle.db.select().from(poolEntries).where(eq(poolEntries.personId, ids.刘子轩));
    expect(e.status).toBe('exited');

    // The evaluation shows on the profile.
    await emu.send(ADMIN, '查询 刘子轩');
    await emu.deliverAll();
    expect(JSON.stringify((await emu.lastCard(ADMIN))!.content)).toContain('期满评价 不称职');
  });

  it('称职 proposes nothing; the same evaluation again raises nothing twice', async () => {
    await evaluate(emu.bot.deps, ids.白水联络, asg.陈思雨, '称职', null);
    expect(await proposals()).toHaveLength(1);
    const first = await evaluate(emu.bot.deps, ids.白水联络, asg.陈思雨, '优秀', '表现突出');
    expect(first).toHaveLength(1);
    const again = await evaluate(emu.bot.deps, ids.白水联络, asg.陈思雨, '优秀', '表现突出');
    expect(again).toEqual([]);
    const mine = (await proposals()).filter((x) => x.ruleId === 'dispatch_excellent');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ action: 'tier_up', toTier: 'near_term' });
  });

  it('a new grade voids the earlier grade’s open proposal (已失效) and raises its own', async () => {
    const [before] = (await proposals()).filter((x) => x.ruleId === 'dispatch_excellent');
    expect(before.status).toBe('open');
    const raised = await evaluate(emu.bot.deps, ids.白水联络, asg.陈思雨, '基本称职', '后期到岗不足');
    expect(raised).toHaveLength(1);
    const all = await proposals();
    const old = all.find((x) => x.id === before.id)!;
    expect(old).toMatchObject({ status: 'void', decisionNote: '接收单位已重新评价为基本称职，此建议已失效' });
    expect(old.decidedAt).not.toBeNull();
    const fresh = all.find((x) => x.id === raised[0])!;
    expect(fresh).toMatchObject({ ruleId: 'dispatch_basic', action: 'watch', status: 'open' });
    // The exited 刘子轩's confirmed proposal is untouched.
    expect(all.find((x) => x.ruleId === 'dispatch_unfit')!.status).toBe('confirmed');
    const voided = await emu.handle.db.select().from(auditLog).where(eq(auditLog.action, 'pool.proposal.void'));
    expect(voided.map((a) => a.entityId)).toEqual([String(before.id)]);
    // org_admin pressing 确认 on the old card is answered, nothing changes.
    await expect(confirmProposal(emu.bot.deps, ids.林晓燕, before.id)).rejects.toThrow('该建议已处理');
    const [e] = await emu.handle.db.select().from(poolEntries).where(eq(poolEntries.personId, ids.陈思雨));
    expect(e.tier).not.toBe('near_term');
    // The same grade again leaves its open proposal open.
    await evaluate(emu.bot.deps, ids.白水联络, asg.陈思雨, '基本称职', '后期到岗不足');
    expect((await proposals()).find((x) => x.id === raised[0])!.status).toBe('open');
  });
});
