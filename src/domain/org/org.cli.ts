import { readFile, writeFile } from 'node:fs/promises';
import { and, eq, or } from 'drizzle-orm';
import { type CliContext, type CliInput, defineCommand, failure, intOption, usageError } from '../../cli/command.js';
import { table } from '../../cli/format.js';
import { units } from '../../db/schema/org.js';
import { DEMO_PERSONAS } from './demo/personas.js';
import { seedDemo } from './demo/seed.js';
import { bindAccounts } from './org.binding.js';
import { roleGrantCommand, roleListCommand, roleRevokeCommand } from './org.roles.cli.js';
import { exportRoster } from './roster/roster.export.js';
import { importRoster } from './roster/roster.import.js';

/** --county 示范县 / SFX → that county's id; absent → all counties. */
async function countyOption(ctx: CliContext, input: CliInput): Promise<number[] | null> {
  const raw = input.options.county;
  if (typeof raw !== 'string') return null;
  const rows = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, 'county'), or(eq(units.name, raw.trim()), eq(units.code, raw.trim()))));
  if (rows.length === 0) throw usageError(`没有名为“${raw}”的县（按县名或单位代码查找）`);
  return rows.map((r) => r.id);
}

const countyOpt = {
  type: 'string' as const,
  value: '县名或代码',
  description: '只在该县的单位中匹配/导出（默认全部）',
};

export const seedDemoCommand = defineCommand({
  name: 'seed-demo',
  description: '生成示范县演示数据（虚构人员，按种子确定）；--scale 30 约 9 万人，用于压测',
  options: {
    scale: { type: 'string', value: '倍数', description: '县的个数，每县约 3000 名干部，默认 1，最多 100' },
    seed: { type: 'string', value: '种子', description: '随机种子，默认 20260101' },
  },
  run: async (ctx, input) => {
    const scale = intOption(input, 'scale', { min: 1, max: 100 }, 1);
    const seed = intOption(input, 'seed', { min: 0, max: 2 ** 31 - 1 }, 20260101);
    const started = performance.now();
    const r = await seedDemo(ctx.db, { seed, scale, clock: ctx.clock, timezone: ctx.config.timezone });
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    ctx.print(`已生成 ${r.counties} 个县、${r.units} 个单位、${r.people} 名干部（${ctx.driver}，用时 ${secs} 秒）。`);
    ctx.print(`班子职务 ${r.positions}，分管关系 ${r.supervisions}，联系/分管单位 ${r.links}，角色授权 ${r.grants}。`);
    ctx.print('演示人员：');
    const rows = Object.values(DEMO_PERSONAS).map((p) => [p.name, p.mobile, p.unit, p.position, p.note]);
    for (const line of table(['姓名', '手机号', '单位', '职务', '用途'], rows)) ctx.print(line);
  },
});

export const importRosterCommand = defineCommand({
  name: 'import roster',
  description: '从 xlsx 导入花名册（全部通过才写入；有问题则逐行列出）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: {
    county: countyOpt,
    bind: { type: 'boolean', description: '导入后按手机号/邮箱绑定飞书账号' },
  },
  run: async (ctx, input) => {
    const [file] = input.args;
    const data = await readFile(file).catch(() => {
      throw failure(`无法读取文件“${file}”`);
    });
    const countyIds = await countyOption(ctx, input);
    const r = await importRoster(ctx.deps, data, { countyIds, fileName: file });
    if (!r.ok) {
      ctx.print(`未导入：共 ${r.total} 行，发现 ${r.errors.length} 处问题，整个文件未写入。`);
      for (const line of table(
        ['行号', '列', '问题'],
        r.errors.map((e) => [String(e.row), e.column, e.message]),
      )) {
        ctx.print(line);
      }
      return 1;
    }
    ctx.print(`已导入：共 ${r.total} 行，新增 ${r.created}，更新 ${r.updated}，未变化 ${r.unchanged}。`);
    if (r.ignoredHeaders.length) ctx.print(`未识别的列已忽略：${r.ignoredHeaders.join('、')}`);
    if (input.options.bind && r.touchedIds.length) {
      const b = await bindAccounts(ctx.deps, { personIds: r.touchedIds });
      ctx.print(
        `飞书账号：检查 ${b.checked}，新绑定 ${b.bound}，未找到 ${b.notFound}，冲突 ${b.conflicts}，失败 ${b.failed}。`,
      );
    }
  },
});

export const exportRosterCommand = defineCommand({
  name: 'export roster',
  description: '导出花名册为 xlsx（与导入格式相同，含完整身份证号和手机号，请妥善保管）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: { county: countyOpt, all: { type: 'boolean', description: '包括已离职/调出人员' } },
  run: async (ctx, input) => {
    const [file] = input.args;
    if (!/\.xlsx$/i.test(file)) throw usageError('文件名应以 .xlsx 结尾');
    const countyIds = await countyOption(ctx, input);
    const { data, count } = await exportRoster(ctx.deps, { countyIds, includeInactive: input.options.all === true });
    await writeFile(file, data);
    ctx.print(`已导出 ${count} 人到 ${file}`);
  },
});

export const bindAccountsCommand = defineCommand({
  name: 'bind accounts',
  description: '按手机号/邮箱为未绑定的在职人员匹配飞书账号（通讯录 batch_get_id）',
  run: async (ctx) => {
    const b = await bindAccounts(ctx.deps);
    ctx.print(`检查 ${b.checked} 人，新绑定 ${b.bound}，未找到 ${b.notFound}，冲突 ${b.conflicts}，失败 ${b.failed}。`);
    return b.failed > 0 ? 1 : 0;
  },
});

export const orgCommands = [
  seedDemoCommand,
  importRosterCommand,
  exportRosterCommand,
  bindAccountsCommand,
  roleGrantCommand,
  roleRevokeCommand,
  roleListCommand,
];
