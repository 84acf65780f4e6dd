import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { auditLog, people, roleGrants } from '../../../src/db/schema/org.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { cliRunner } from '../../helpers/cli.js';
import { createTestDb } from '../../helpers/db.js';
import { HEADERS, xlsx } from './roster.fixture.js';

describe('org CLI', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  const cli = cliRunner(() => handle, [org]);

  // Only the org capability installed: seed-demo runs org's step alone (test/cli/seed-demo.test.ts runs them all).
  it('seed-demo seeds once and lists the personas; a second run is refused', async () => {
    const first = await cli('seed-demo');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/已生成 1 个县、63 个单位、\d+ 名干部/);
    expect(first.out).toContain('林晓燕');
    const again = await cli('seed-demo');
    expect(again.code).toBe(1);
    expect(again.err).toContain('数据库中已有示范县数据');
    expect((await cli('seed-demo', '--scale', '0')).code).toBe(2);
  });

  it('import roster prints every bad row and exits 1; a clean file imports', async () => {
    const bad = join(tmpdir(), `qm-bad-${process.pid}.xlsx`);
    await writeFile(bad, await xlsx(['姓名', '出生年月', '单位'], [['甲', '1990.13', '青山镇']]));
    const r = await cli('import', 'roster', bad, '--county', '示范县');
    expect(r.code).toBe(1);
    expect(r.out).toContain('缺少必填列“性别”');
    expect(r.out).toContain('“1990.13”中的月份不对');
    const good = join(tmpdir(), `qm-good-${process.pid}.xlsx`);
    await writeFile(
      good,
      await xlsx(HEADERS, [['新来的', '男', '1998.03', '', '大学', '青山镇', '', '', '', '', '', '', '']]),
    );
    const ok = await cli('import', 'roster', good, '--county', 'SFX');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('新增 1');
    expect((await cli('import', 'roster', good, '--county', '无此县')).code).toBe(2);
  });

  it('export roster writes the file', async () => {
    const file = join(tmpdir(), `qm-export-${process.pid}.xlsx`);
    const r = await cli('export', 'roster', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已导出 \d+ 人/);
  });

  it('role grant / list / revoke, audited', async () => {
    const g = await cli('role', 'grant', '13900000005', '组织部门');
    expect(g.code).toBe(0);
    expect(g.out).toContain('已授予 陈思雨（青山镇）角色：组织部门（org_admin）');
    expect((await cli('role', 'grant', '13900000005', 'org_admin')).err).toContain('该人员已有此角色');
    expect((await cli('role', 'grant', '13900000005', 'domain_dept', '--unit', '县教育局')).err).toContain(
      '须指定领域',
    );
    expect((await cli('role', 'grant', '13900000005', '皇帝')).err).toContain('没有角色“皇帝”');
    expect((await cli('role', 'list', 'org_admin')).out).toContain('陈思雨');
    const [chen] = await handle.db.select({ id: people.id }).from(people).where(eq(people.mobile, '13900000005'));
    const revoked = await cli('role', 'revoke', '13900000005', 'org_admin');
    expect(revoked.code).toBe(0);
    const active = await handle.db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.personId, chen.id), isNull(roleGrants.revokedAt)));
    expect(active).toHaveLength(0);
    const actions = (await handle.db.select({ action: auditLog.action }).from(auditLog)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['role.grant', 'role.revoke', 'roster.import', 'roster.export']));
  });
});
