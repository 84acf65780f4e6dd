/**
 * Times the 组织架构 export and import at a given demo scale (N counties of ~3,000 people) on PGlite (in memory)
 * or PostgreSQL (BENCH_DATABASE_URL: scratch databases are created on that server and dropped): export, re-import of the export (no changes), and a
 * county going live on an empty database (units only → roster → whole workbook).
 * Usage: npx tsx bench/structure.ts [scale]
 */
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { SettableClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import type { DbHandle } from '../src/db/client.js';
import { units } from '../src/db/schema/org.js';
import { createDeps, type Logger } from '../src/deps.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';
import { exportRoster } from '../src/domain/org/roster/roster.export.js';
import { importRoster } from '../src/domain/org/roster/roster.import.js';
import { exportStructure } from '../src/domain/org/structure/structure.export.js';
import { importStructure } from '../src/domain/org/structure/structure.import.js';
import { createLarkClient } from '../src/feishu/client.js';
import { benchDatabase } from './db.js';

const scale = Number(process.argv[2] ?? 1);
const config = loadConfig({ PORT: '3999', SEED_DEMO: 'never' });
const clock = new SettableClock();

const depsOf = (h: DbHandle) =>
  createDeps({
    db: h.db,
    clock,
    config,
    log: pino({ level: 'silent' }) as unknown as Logger,
    lark: createLarkClient(config),
    outboxWake: () => {},
  });

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  console.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  return r;
}

const demo = await benchDatabase();
const deps = depsOf(demo);
await seedDemo(demo.db, { scale, clock });
const { data, counts } = await timed('export structure (all counties)', () => exportStructure(deps));
console.log(`${demo.driver} scale=${scale}:`, counts);
const same = await timed('import the export back (no changes)', () => importStructure(deps, data));
if (!same.ok || same.posts.unchanged !== counts.posts) throw new Error('round trip changed something');
for (const t of ['deputy_supervisions', 'leader_unit_links', 'leadership_positions'])
  await demo.db.execute(sql.raw(`delete from ${t}`));
const all = await timed('import into emptied posts/links/supervisions (all created)', () =>
  importStructure(deps, data),
);
if (!all.ok || all.supervisions.created !== counts.supervisions) throw new Error('full import failed');
// One county goes live on an empty database (the roster names units by name, so one county at a time).
const [first] = await demo.db.select({ id: units.id }).from(units).where(eq(units.code, 'SFX'));
const one = await exportStructure(deps, { countyIds: [first.id] });
const roster = await exportRoster(deps, { countyIds: [first.id], includeInactive: true });
await demo.close();

const fresh = await benchDatabase();
const freshDeps = depsOf(fresh);
await timed('new county: units only', () => importStructure(freshDeps, one.data, { unitsOnly: true }));
await timed(`new county: roster (${roster.count} people)`, () => importRoster(freshDeps, roster.data, {}));
const whole = await timed('new county: whole workbook', () => importStructure(freshDeps, one.data));
if (!whole.ok) throw new Error(JSON.stringify(whole.errors.slice(0, 5)));
await fresh.close();
