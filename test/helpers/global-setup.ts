import postgres from 'postgres';
import { openDatabase } from '../../src/db/client.js';

/** With a real server: migrate one template database once; each test file clones it. */
export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return async () => {};
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
