import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../../src/db/client.js';
import { deputySupervisions, leadershipPositions, leaderUnitLinks, units } from '../../../../src/db/schema/org.js';
import type { Deps } from '../../../../src/deps.js';
import { exportRoster } from '../../../../src/domain/org/roster/roster.export.js';
import { importRoster } from '../../../../src/domain/org/roster/roster.import.js';
import { exportStructure } from '../../../../src/domain/org/structure/structure.export.js';
import { importStructure } from '../../../../src/domain/org/structure/structure.import.js';
import { createTestDb } from '../../../helpers/db.js';
import { type OrgFixture, seededCounty, testDeps } from '../org.fixture.js';

/** Every sheet of a workbook as rows of cell texts. */
async function sheets(data: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    out[ws.name] = [];
    ws.eachRow((row) => {
      out[ws.name].push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
  }
  return out;
}

describe('组织架构 export → import round trip on the demo county 示范县', () => {
  let demo: OrgFixture;
  let fresh: DbHandle;
  let freshDeps: Deps;
  let exported: Buffer;
  beforeAll(async () => {
    demo = await seededCounty();
    fresh = await createTestDb();
    freshDeps = testDeps(fresh).deps;
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
    await fresh?.close();
  });

  const count = async (
    db: DbHandle['db'],
    t: typeof units | typeof leadershipPositions | typeof leaderUnitLinks | typeof deputySupervisions,
  ) => (await db.select().from(t as typeof units)).length;

  it('exports every unit, post, link and supervision; importing it back changes nothing', async () => {
    const r = await exportStructure(demo.deps, {});
    exported = r.data;
    const db = demo.handle.db;
    expect(r.counts).toEqual({
      units: await count(db, units),
      posts: await count(db, leadershipPositions),
      links: await count(db, leaderUnitLinks),
      supervisions: await count(db, deputySupervisions),
    });
    expect(r.counts.units).toBe(63);
    const back = await importStructure(demo.deps, exported, { fileName: 'demo.xlsx' });
    expect(back.errors).toEqual([]);
    expect(back).toMatchObject({
      ok: true,
      units: { created: 0, updated: 0, unchanged: r.counts.units },
      posts: { created: 0, ended: 0, updated: 0, unchanged: r.counts.posts },
      links: { created: 0, ended: 0, updated: 0, unchanged: r.counts.links },
      supervisions: { created: 0, ended: 0, updated: 0, unchanged: r.counts.supervisions },
      countyLeaders: 0,
    });
  }, 120_000);

  it('a new county goes live from the two exports: units, roster, whole workbook — and exports the same', async () => {
    const unitsFirst = await importStructure(freshDeps, exported, { unitsOnly: true });
    expect(unitsFirst).toMatchObject({
      ok: true,
      units: { created: 63 },
      ignoredSheets: ['领导班子', '联系分管', '分管干部'],
    });
    const roster = await exportRoster(demo.deps, { includeInactive: true });
    expect(await importRoster(freshDeps, roster.data, {})).toMatchObject({ ok: true, created: roster.count });
    const whole = await importStructure(freshDeps, exported);
    expect(whole.errors).toEqual([]);
    expect(whole.units).toEqual({ created: 0, updated: 0, unchanged: 63 });
    const again = await exportStructure(freshDeps, {});
    expect(await sheets(again.data)).toEqual(await sheets(exported));
  }, 120_000);
});
