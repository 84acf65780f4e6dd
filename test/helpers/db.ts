import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
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
 *
 * PGlite: when the global setup left a migrated data directory (QM_PGLITE_SNAPSHOT, see global-setup.ts), the
 * database starts from a copy of it — no initdb, no migrations; otherwise it is migrated here.
 */
export async function scratchDatabase(serverUrl: string | undefined, prefix: string, template?: string) {
  if (!serverUrl) {
    const snapshot = migratedSnapshot();
    if (snapshot) return openDatabase({ pglite: await PGlite.create({ loadDataDir: await snapshot }) });
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

let snapshot: Promise<Blob> | undefined;

/** The migrated PGlite data directory of this run, read once per test file (null outside vitest's global setup). */
function migratedSnapshot(): Promise<Blob> | null {
  const file = process.env.QM_PGLITE_SNAPSHOT;
  if (!file) return null;
  snapshot ??= readFile(file).then((bytes) => new Blob([bytes]));
  return snapshot;
}
