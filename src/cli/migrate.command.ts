import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client.js';
import { defineCommand } from './command.js';

/** The database is migrated whenever a command opens it; this one reports where it stands. */
export const migrate = defineCommand({
  name: 'migrate',
  description: '把数据库迁移到最新结构（drizzle/ 中的迁移），并显示已应用的迁移数',
  run: async (ctx) => {
    const rows = rowsOf<{ n: number | string }>(
      await ctx.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`),
    );
    const where = ctx.driver === 'postgres' ? 'PostgreSQL（DATABASE_URL）' : `PGlite（${ctx.config.dataDir}）`;
    ctx.print(`数据库${where}已是最新结构，共应用迁移 ${Number(rows[0]?.n ?? 0)} 个。`);
  },
});
