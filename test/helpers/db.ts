import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type DbHandle, openDatabase } from '../../src/db/client.js';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on
 * the real server named by TEST_DATABASE_URL (created from a migrated template, dropped on close).
 */
export function createTestDb(): Promise<DbHandle> {
  return scratchDatabase(process.env.TEST_DATABASE_URL, 'qm_test', process.env.QM_TEMPLATE_DB);
}

/**
 * A migrated database nobody else uses: in-memory PGlite when `serverUrl` is unset, else a new database
 * `<prefix>_<random>` on that server (copied from `template` when given), dropped on close. Benches use it too.
 */
export async function scratchDatabase(serverUrl: string | undefined, prefix: string, template?: string) {
  if (!serverUrl) {
    const handle = openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return handle;
  }
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const handle = openDatabase({ url: dbUrl.toString() });
  if (!template) await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  } satisfies DbHandle;
}
