/** Preview then commit, and import → export → import in both layouts (issue 16). */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettableClock } from '../../../src/clock.js';
import type { DbHandle } from '../../../src/db/client.js';
import { auditLog, people, roleGrants, units } from '../../../src/db/schema/org.js';
import { rosterUploads } from '../../../src/db/schema/roster.js';
import type { Deps } from '../../../src/deps.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { rosterPreviewLines } from '../../../src/domain/org/roster/roster.cards.js';
import { exportRoster } from '../../../src/domain/org/roster/roster.export.js';
import { importRoster } from '../../../src/domain/org/roster/roster.import.js';
import { confirmUpload, previewUpload } from '../../../src/domain/org/roster/roster.preview.js';
import { findRosterSheet, loadWorkbook } from '../../../src/domain/org/roster/roster.read.js';
import { huamingce, yilanbiao } from '../../fixtures/build-rosters.js';
import { createTestDb } from '../../helpers/db.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';
import { testDeps } from './org.fixture.js';
import { twoCounties } from './roster.fixture.js';

describe('roster preview and round trip', () => {
  let handle: DbHandle;
  let deps: Deps;
  let clock: SettableClock;
  let w: Awaited<ReturnType<typeof twoCounties>>;
  const all = async () =>
    (await handle.db.select().from(people).orderBy(people.id)).map(({ updatedAt: _u, ...p }) => p);
  beforeAll(async () => {
    handle = await createTestDb();
    ({ deps, clock } = testDeps(handle));
    w = await twoCounties(handle.db);
    for (const [code, name] of [
      ['CS-I01', '县人民医院'],
      ['CS-I02', '县疾控中心'],
    ])
      await handle.db.insert(units).values({ code, name, kind: 'institution', countyId: w.a, parentId: w.a, ...T0 });
  });
  afterAll(async () => handle.close());

  it('previews without writing; only the uploader confirms, once, before it expires', async () => {
    const admin = await loadActor(handle.db, w.adminId, '2026-11-30');
    const book = await loadWorkbook(await huamingce());
    const { report, token } = await previewUpload(deps, admin, book, { fileName: '花名册.xlsx' });
    expect(report).toMatchObject({ ok: true, dryRun: true, total: 4, created: 4, updated: 0, skippedRows: 3 });
    expect(token).toBeTruthy();
    expect(await handle.db.select().from(people).where(eq(people.name, '张三'))).toHaveLength(0);
    const [kept] = await handle.db.select().from(rosterUploads);
    expect(kept).toMatchObject({ uploaderPersonId: w.adminId, usedAt: null });

    // Another org_admin of the county cannot confirm someone else's upload.
    const [other] = await handle.db
      .insert(people)
      .values({
        personKey: 'K-admin2',
        name: '另一管理员',
        gender: '男',
        birthDate: '1982-01-01',
        education: '大学',
        unitId: w.a,
        ...T0,
      })
      .returning({ id: people.id });
    await handle.db
      .insert(roleGrants)
      .values({ personId: other.id, role: 'org_admin', unitId: w.a, grantedAt: FIXTURE_AT });
    const otherActor = await loadActor(handle.db, other.id, '2026-11-30');
    await expect(confirmUpload(deps, otherActor, token!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirmUpload(deps, admin, 'forged')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const denied = await handle.db.select().from(auditLog).where(eq(auditLog.action, 'roster.confirm.denied'));
    expect(denied.map((d) => d.detail)).toEqual([{ reason: 'not_uploader' }, { reason: 'unknown_token' }]);

    const done = await confirmUpload(deps, admin, token!);
    expect(done).toMatchObject({ ok: true, created: 4 });
    expect(await handle.db.select().from(people).where(eq(people.name, '张三'))).toHaveLength(1);
    await expect(confirmUpload(deps, admin, token!)).rejects.toMatchObject({ code: 'INVALID' });

    // Expired: 30 minutes.
    const second = await previewUpload(deps, admin, await loadWorkbook(await yilanbiao()), { fileName: 'b.xlsx' });
    clock.freeze(new Date(deps.clock.now().getTime() + 31 * 60_000));
    await expect(confirmUpload(deps, admin, second.token!)).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('超过 30 分钟'),
    });
    expect(await handle.db.select().from(people).where(eq(people.name, '任怡'))).toHaveLength(0);
  });

  it('the dry run lists the changed fields of updated people and the columns read and ignored', async () => {
    const sheet = findRosterSheet(await loadWorkbook(await huamingce()))!;
    expect(sheet.rows).toHaveLength(4);
    const wb = await huamingce();
    const r = await importRoster(deps, wb, { countyIds: [w.a], dryRun: true });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4 });
    await handle.db.update(people).set({ nativePlace: '旧籍贯', rank: '一级科员' }).where(eq(people.name, '张三'));
    const changed = await importRoster(deps, wb, { countyIds: [w.a], dryRun: true });
    expect(changed.updates).toEqual([{ row: 6, name: '张三', fields: ['职级', '籍贯'] }]);
    const lines = rosterPreviewLines(changed);
    expect(lines[0]).toBe('预览（未写入）：共 4 行人员，新增 0，更新 1，未变化 3，拒绝 0。');
    expect(lines.join('\n')).toContain('全日制教育 › 学历学位 → 全日制学历');
    expect(lines.join('\n')).toContain('身份证号（隐藏列） → 身份证号');
    expect(lines.join('\n')).toContain('忽略的列：序号、备注');
    expect(lines.at(-1)).toBe('  第 6 行 张三：职级、籍贯');
    const [p] = await handle.db.select().from(people).where(eq(people.name, '张三'));
    expect(p).toMatchObject({ nativePlace: '旧籍贯', rank: '一级科员' });
    expect((await importRoster(deps, wb, { countyIds: [w.a] })).updated).toBe(1);
  });

  it.each(['huamingce', 'qingmiao'] as const)(
    'import → export (%s layout) → import changes nothing',
    async (layout) => {
      await importRoster(deps, await yilanbiao(), { countyIds: [w.a] });
      const before = await all();
      expect(before.length).toBeGreaterThanOrEqual(9);
      const { data, count } = await exportRoster(deps, { countyIds: [w.a], layout });
      expect(count).toBe(before.length);
      const back = await importRoster(deps, data, { countyIds: [w.a] });
      expect(back.errors).toEqual([]);
      expect(back).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: count });
      expect(await all()).toEqual(before);
      if (layout === 'huamingce') {
        const sheet = findRosterSheet(await loadWorkbook(data))!;
        expect(sheet).toMatchObject({ headerRow: 2, headerRows: 2 });
        expect(sheet.ignored).toEqual([]);
      }
    },
  );
});
