import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchAssignments, dispatchBatches, dispatchReports } from '../../../src/db/schema/dispatches.js';
import { designateLeaders } from '../../../src/domain/chats/chats.queries.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { runDispatchDigest } from '../../../src/domain/dispatches/dispatches.jobs.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { TEST_PEOPLE, testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { T0 } from '../../helpers/stamps.js';
import { person, unit } from '../talks/builders.js';

const USERS: DirectoryEntry[] = [TEST_PEOPLE.admin];
const NAMES = ['刘子轩', '陈思雨', '王一帆', '赵明', '孙海涛'];

describe('leaders’ group monthly dispatch digest', () => {
  let emu: Emulated;
  let chatId: string;
  let viewer: string;
  const digests = async (county?: string) =>
    (await emu.messages({ chatId }, viewer)).filter(
      (m) =>
        m.content?.header?.title?.content?.startsWith('选派墩苗月报') &&
        (!county || m.content.header.subtitle?.content === `${county} · 仅统计数字`),
    );

  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, dispatchesCapability],
      now: '2026-11-30T08:50:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    viewer = (await emu.users())[0].open_id;
    chatId = await emu.leadersChatId();
    await designateLeaders(db, chatId, '领导群', T0.createdAt);
    const county = await unit(db, '示范县', { kind: 'county' });
    const home = await unit(db, '青山镇', { countyId: county });
    const ids = [];
    const county2 = await unit(db, '河西县', { kind: 'county' });
    const home2 = await unit(db, '河口镇', { countyId: county2 });
    for (const [i, name] of NAMES.entries())
      ids.push((await person(db, name, { unitId: i === 4 ? home2 : home, birthDate: `199${i}-05-05` })).id);
    const batch = async (kind: 'first_secretary' | 'rotation', name: string, countyId = county) =>
      (
        await db
          .insert(dispatchBatches)
          .values({ countyId, kind, name, startDate: '2026-10-01', endDate: '2028-09-30', ...T0 })
          .returning()
      )[0].id;
    const six = await batch('first_secretary', '第六批');
    const liuyang = await batch('rotation', '第一批');
    const assign = async (
      batchId: number,
      personId: number,
      startDate: string,
      plannedEnd: string,
      homeUnitId = home,
    ) =>
      (
        await db
          .insert(dispatchAssignments)
          .values({ batchId, personId, homeUnitId, destPlace: '石门村', startDate, plannedEnd, ...T0 })
          .returning()
      )[0].id;
    const a = await assign(six, ids[0], '2026-10-01', '2028-09-30');
    await assign(six, ids[1], '2026-10-01', '2028-09-30');
    const c = await assign(six, ids[2], '2026-10-01', '2026-12-15');
    await assign(liuyang, ids[3], '2026-10-20', '2027-01-19');
    const hexi = await batch('first_secretary', '第二批', county2);
    await assign(hexi, ids[4], '2026-10-01', '2027-01-10', home2);
    for (const id of [a, c])
      await db.insert(dispatchReports).values({
        assignmentId: id,
        periodKey: '2026-11',
        workDone: '走访农户',
        submittedOn: '2026-11-28',
        ...T0,
      });
  });
  afterAll(async () => emu?.close());

  it('sends last month’s reports in / missing by batch and the assignments ending, counts only', async () => {
    await emu.setClock('2026-12-01T09:25:00+08:00');
    const run = await emu.runJob('dispatches.digest');
    expect(run).toMatchObject({
      result: {
        date: '2026-12-01',
        sent: true,
        counties: [
          { county: '示范县', sent: true, batches: 2 },
          { county: '河西县', sent: true, batches: 1 },
        ],
      },
    });
    await emu.deliverAll();
    expect(await digests()).toHaveLength(2);
    const [card] = await digests('示范县');
    const shown = JSON.stringify(card.content);
    expect(card.content.header.title.content).toBe('选派墩苗月报（2026年12月）');
    expect(shown).toContain(
      '2026年11月选派工作报告应交 **4** 份，已交 **2** 份，未交 **2** 份；本月期满 **1** 人，下月期满 **1** 人。',
    );
    const table = card.content.body.elements.find((e: any) => e.tag === 'table');
    expect(table.rows).toEqual([
      { batch: '驻村第一书记 第六批', expected: 3, submitted: 2, missing: 1, ending: 1, next: 0 },
      { batch: '外出跟岗学习 第一批', expected: 1, submitted: 0, missing: 1, ending: 0, next: 1 },
    ]);
    for (const name of NAMES) expect(shown).not.toContain(name);
    expect(shown).not.toContain('第二批');
  });

  it('gives the second county its own card with its own batches only', async () => {
    const [card] = await digests('河西县');
    const shown = JSON.stringify(card.content);
    expect(card.content.header.title.content).toBe('选派墩苗月报（2026年12月）');
    expect(shown).toContain(
      '2026年11月选派工作报告应交 **1** 份，已交 **0** 份，未交 **1** 份；本月期满 **0** 人，下月期满 **1** 人。',
    );
    const table = card.content.body.elements.find((e: any) => e.tag === 'table');
    expect(table.rows).toEqual([
      { batch: '驻村第一书记 第二批', expected: 1, submitted: 0, missing: 1, ending: 0, next: 1 },
    ]);
    expect(shown).not.toContain('第六批');
    for (const name of NAMES) expect(shown).not.toContain(name);
  });

  it('goes out once a month: not again on a rerun, a second instance, or another day of the month', async () => {
    const [r1, r2] = await Promise.all([
      runDispatchDigest(emu.bot.deps, new Date('2026-12-01T09:25:00+08:00')),
      runDispatchDigest(emu.bot.deps, new Date('2026-12-01T09:25:00+08:00')),
    ]);
    expect([r1.sent, r2.sent]).toEqual([false, false]);
    await emu.setClock('2026-12-02T09:25:00+08:00');
    expect(await emu.runJob('dispatches.digest')).toMatchObject({
      result: { sent: false, skipped: '本月已发送' },
    });
    await emu.setClock('2026-12-05T09:25:00+08:00');
    expect(await emu.runJob('dispatches.digest')).toMatchObject({ result: { sent: false, skipped: '非工作日' } });
    await emu.deliverAll();
    expect(await digests()).toHaveLength(2);

    await emu.setClock('2027-01-04T09:25:00+08:00');
    expect(await emu.runJob('dispatches.digest')).toMatchObject({ result: { sent: true } });
    await emu.deliverAll();
    const all = await digests('示范县');
    expect(all).toHaveLength(2);
    expect(all[1].content.header.title.content).toBe('选派墩苗月报（2027年1月）');
    const hexi = await digests('河西县');
    expect(hexi).toHaveLength(2);
    expect(hexi[1].content.header.title.content).toBe('选派墩苗月报（2027年1月）');
  });
});
