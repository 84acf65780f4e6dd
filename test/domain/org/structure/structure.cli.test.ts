import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../../src/db/client.js';
import { org } from '../../../../src/domain/org/org.handlers.js';
import { cliRunner } from '../../../helpers/cli.js';
import { createTestDb } from '../../../helpers/db.js';
import { mobileOf as m, POST_HEADERS, rosterFile, UNIT_HEADERS, UNITS, workbook } from './structure.fixture.js';

const tmp = (name: string) => join(tmpdir(), `qm-structure-${process.pid}-${name}`);

describe('structure CLI', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  const cli = cliRunner(() => handle, [org]);

  it('a new county: units only, then the roster, then the whole workbook; export writes it back', async () => {
    const file = tmp('county.xlsx');
    const posts = [['书记乙', m('书记乙'), '青山镇', '主要领导', '党委书记', '2024-01-01', '']];
    await writeFile(file, await workbook(['单位', UNIT_HEADERS, UNITS], ['领导班子', POST_HEADERS, posts]));
    const early = await cli('import', 'structure', file);
    expect(early.code).toBe(1);
    expect(early.out).toContain('未导入：发现 1 处问题，整个文件未写入。');
    expect(early.out).toMatch(/领导班子\s+2\s+手机号\s+花名册中没有手机号为 13800000002 的人员，请先导入花名册/);
    const units = await cli('import', 'structure', file, '--units-only');
    expect(units.code).toBe(0);
    expect(units.out).toContain('单位：新增 6，修改 0，未变化 0');
    expect(units.out).toContain('未导入的工作表：领导班子');
    const roster = tmp('roster.xlsx');
    await writeFile(roster, await rosterFile());
    expect((await cli('import', 'roster', roster)).code).toBe(0);
    const whole = await cli('import', 'structure', file, '--county', '测试县');
    expect(whole.code).toBe(0);
    expect(whole.out).toContain('班子职务：任职 1，免职 0，修改 0，未变化 0');
    const out = tmp('export.xlsx');
    const exported = await cli('export', 'structure', out, '--county', '测试县');
    expect(exported.out).toBe(`已导出到 ${out}：单位 6，班子职务 1，联系/分管 0，分管干部 0。`);
    const back = await cli('import', 'structure', out);
    expect(back.out).toContain('单位：新增 0，修改 0，未变化 6');
    expect((await cli('export', 'structure', 'x.csv')).code).toBe(2);
    expect((await cli('import', 'structure', file, '--county', '无此县')).code).toBe(2);
    expect((await cli('import', 'structure', tmp('missing.xlsx'))).err).toContain('无法读取文件');
  });
});
