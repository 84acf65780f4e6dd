/**
 * `npm run fuzz [-- <count> <seed>]`: the long webhook fuzz run (default 20,000 requests, seed 1) against the
 * whole bot (every capability, PGlite or TEST_DATABASE_URL), then a health check. Exit 1 on any 5xx.
 */
import { inboxEvents } from '../src/db/schema/transport.js';
import { createTestBot } from '../test/helpers/bot.js';
import { LOCAL_ENCRYPT_KEY } from '../test/helpers/feishu-events.js';
import { runFuzz } from '../test/helpers/fuzz.js';

const count = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? 1);
const bot = await createTestBot();
const rss0 = process.memoryUsage().rss;
const stats = await runFuzz({ app: bot.app, now: () => bot.clock.now(), encryptKey: LOCAL_ENCRYPT_KEY, count, seed });
await bot.router.idle();
const health = await bot.app.inject({ url: '/healthz' });
const rows = await bot.handle.db.select().from(inboxEvents);
// Failed rows carry their reason (e.g. a NUL in the id to answer to); pending rows would be stuck events.
const notDone = rows.filter((r) => r.status === 'pending' || (r.status === 'failed' && !r.lastError)).length;
const failed = rows.filter((r) => r.status === 'failed').length;
console.log(
  JSON.stringify(
    {
      count,
      seed,
      seconds: stats.ms / 1000,
      byStatus: stats.byStatus,
      fiveXx: stats.fiveXx.length,
      inboxRows: rows.length,
      inboxFailedWithReason: failed,
      inboxStuck: notDone,
      healthz: health.statusCode,
      rssGrowthMb: Math.round((process.memoryUsage().rss - rss0) / 1e6),
    },
    null,
    2,
  ),
);
for (const f of stats.fiveXx.slice(0, 5)) console.error('5xx:', f);
await bot.close();
process.exitCode = stats.fiveXx.length === 0 && health.statusCode === 200 && notDone === 0 ? 0 : 1;
