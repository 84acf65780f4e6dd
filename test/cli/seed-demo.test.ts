/** `seed-demo` and `npm start` (SEED_DEMO=auto, empty database) seed the same complete demo county. */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { SettableClock } from '../../src/clock.js';
import { type Database, type DbHandle, rowsOf } from '../../src/db/client.js';
import { createTestDb } from '../helpers/db.js';
import { type Emulated, startEmulated } from '../helpers/emulated.js';

const NOW = '2026-11-30T09:00:00+08:00';

/** Every table a capability's demo step fills. */
const TABLES = [
  'units',
  'people',
  'leadership_positions',
  'deputy_supervisions',
  'leader_unit_links',
  'role_grants',
  'recommendations',
  'pool_entries',
  'pool_history',
  'pool_proposals',
  'assessment_results',
  'frontline_observations',
  'talks',
  'talk_problems',
  'mentoring_pairs',
  'clues',
  'clue_events',
  'clue_attachments',
  'ledger_tasks',
  'ledger_entries',
];

async function counts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from ${t}`)));
    out[t] = Number(row.n);
  }
  return out;
}

describe('the demo county: seed-demo = npm start', () => {
  let emu: Emulated;
  let handle: DbHandle;
  beforeAll(async () => {
    [emu, handle] = await Promise.all([startEmulated({ now: NOW, env: { SEED_DEMO: 'auto' } }), createTestDb()]);
  }, 180_000);
  afterAll(async () => {
    await emu?.close();
    await handle?.close();
  });

  async function seedDemo(...args: string[]) {
    const clock = new SettableClock();
    clock.freeze(new Date(NOW));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['seed-demo', ...args],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      { handle, clock, env: { PORT: '3999', SEED_DEMO: 'never' }, log: pino({ level: 'silent' }) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('writes the same rows in every table, none of them empty', { timeout: 120_000 }, async () => {
    const r = await seedDemo();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已生成 1 个县、63 个单位/);
    expect(r.out).toContain('资源库：1 个县共 787 人上榜入库');
    expect(r.out).toMatch(/谈心谈话（示范县）：谈话 \d+ 人次/);
    expect(r.out).toMatch(/问题线索（示范县）：10 件，覆盖报送、受理、提醒、纠正、办结各环节，其中超期 \d+ 件/);
    expect(r.out).toMatch(/跟踪考核台账（示范县）：重点任务 3 项，台账 \d+ 条/);
    const cli = await counts(handle.db);
    const started = await counts(emu.handle.db);
    for (const t of TABLES) expect(cli[t], t).toBeGreaterThan(0);
    expect(cli).toEqual(started);
  });

  it('refuses a second run and writes nothing', async () => {
    const before = await counts(handle.db);
    const again = await seedDemo();
    expect(again.code).toBe(1);
    expect(again.err).toContain('数据库中已有示范县数据');
    expect(await counts(handle.db)).toEqual(before);
  });
});
