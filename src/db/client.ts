import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './lock.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** What every query and service sees; satisfied by PGlite, postgres.js and their transactions. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** postgres.js when `url` is set, else PGlite in `dataDir` ('memory://' for in-memory). */
export function openDatabase(opts: { url?: string; dataDir?: string; pglite?: PGlite }): DbHandle {
  if (opts.url) {
    const sql = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema, casing: 'snake_case' });
    return {
      db: db as unknown as Database,
      driver: 'postgres',
      migrate: () => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  let client = opts.pglite;
  let release = () => {};
  if (!client) {
    const dir = opts.dataDir ?? './data';
    if (!dir.startsWith('memory://')) {
      mkdirSync(dir, { recursive: true });
      release = lockDataDir(dir);
    }
    client = new PGlite(dir);
  }
  const pg = client;
  const db = drizzlePglite(pg, { schema, casing: 'snake_case' });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}

/** Rows of a raw `db.execute(sql...)`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
