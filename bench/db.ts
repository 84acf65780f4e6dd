import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DbHandle, openDatabase } from '../src/db/client.js';

/**
 * A fresh, migrated database for one benchmark: PGlite in memory by default, or a scratch database
 * created on the server named by BENCH_DATABASE_URL and dropped on close (nothing else is touched).
 */
export async function benchDatabase(): Promise<DbHandle> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const handle = openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  }
  const name = `qm_bench_${randomBytes(6).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = openDatabase({ url: dbUrl.toString() });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
