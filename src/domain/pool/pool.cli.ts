import { writeFile } from 'node:fs/promises';
import { and, eq, or, sql } from 'drizzle-orm';
import { defineCommand, failure, usageError } from '../../cli/command.js';
import { units } from '../../db/schema/org.js';
import { localDate } from '../../time.js';
import { audit } from '../org/org.audit.js';
import { poolWorkbook } from './pool.export.js';

/** `export pool <file>`: the pool roster (名册) as xlsx, all counties or one (--county 县名或代码). */
export const exportPoolCommand = defineCommand({
  name: 'export pool',
  description: '导出年轻干部资源库名册（xlsx：姓名、性别、出生年月、学历、单位及职务、入库时间、层级、推荐来源）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: { county: { type: 'string', value: '县名或代码', description: '只导出该县（默认全部）' } },
  run: async (ctx, input) => {
    const [file] = input.args;
    if (!/\.xlsx$/i.test(file)) throw usageError('文件名应以 .xlsx 结尾');
    let scope = sql`true`;
    const county = input.options.county;
    if (typeof county === 'string') {
      const [row] = await ctx.db
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.kind, 'county'), or(eq(units.name, county.trim()), eq(units.code, county.trim()))));
      if (!row) throw usageError(`没有名为“${county}”的县（按县名或单位代码查找）`);
      scope = sql`people.unit_id in (select u.id from units u where u.county_id = ${row.id})`;
    }
    const { data, rows } = await poolWorkbook(ctx.db, scope, localDate(ctx.clock.now(), ctx.config.timezone));
    await writeFile(file, data).catch(() => {
      throw failure(`无法写入文件“${file}”`);
    });
    await audit(ctx.db, ctx.clock.now(), {
      action: 'pool.export',
      entity: 'pool',
      detail: { count: rows, via: 'cli', file, county: county ?? null },
    });
    ctx.print(`已导出资源库名册：${rows} 人 → ${file}`);
  },
});
