import type { DbHandle } from '../src/db/client.js';
import { scratchDatabase } from '../test/helpers/db.js';

/**
 * A fresh, migrated database for one benchmark: PGlite in memory by default, or a scratch database
 * created on the server named by BENCH_DATABASE_URL and dropped on close (nothing else is touched).
 */
export function benchDatabase(): Promise<DbHandle> {
  return scratchDatabase(process.env.BENCH_DATABASE_URL, 'qm_bench');
}
