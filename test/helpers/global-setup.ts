import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.js';

/**
 * Migrate once per run, copy per test file.
 * - PGlite (default): migrate one in-memory PGlite and dump its data directory to a tarball; each test file's
 *   databases start from it (`loadDataDir`), which skips both initdb and the migrations (test/helpers/db.ts).
 * - A real server (TEST_DATABASE_URL): migrate one template database; each test file creates its database from it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return pgliteSnapshot();
  const template = `qm_template_${process.pid}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${template}`);
  await admin.unsafe(`create database ${template}`);
  const u = new URL(url);
  u.pathname = `/${template}`;
  const handle = openDatabase({ url: u.toString() });
  await handle.migrate();
  await handle.close();
  process.env.QM_TEMPLATE_DB = template;
  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

async function pgliteSnapshot(): Promise<() => Promise<void>> {
  const pg = await PGlite.create('memory://');
  const handle = openDatabase({ pglite: pg });
  await handle.migrate();
  const tarball = await pg.dumpDataDir('none');
  await handle.close();
  const file = join(tmpdir(), `qm-pglite-migrated-${process.pid}.tar`);
  await writeFile(file, new Uint8Array(await tarball.arrayBuffer()));
  process.env.QM_PGLITE_SNAPSHOT = file;
  return async () => {
    delete process.env.QM_PGLITE_SNAPSHOT;
    await rm(file, { force: true });
  };
}
