/** Times `seedDemo` at a given scale on PGlite (in memory) or PostgreSQL (BENCH_DATABASE_URL, a scratch database). */
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/client.js';
import { seedDemo } from '../src/domain/org/demo/seed.js';

const scale = Number(process.argv[2] ?? 30);
const url = process.env.BENCH_DATABASE_URL;
const handle = openDatabase(url ? { url } : { dataDir: 'memory://' });
await handle.migrate();
const t0 = performance.now();
const result = await seedDemo(handle.db, { scale, clock: systemClock });
const ms = performance.now() - t0;
console.log(
  `${handle.driver} scale=${scale}: ${result.people} people, ${result.units} units in ${(ms / 1000).toFixed(2)} s`,
);
await handle.close();
