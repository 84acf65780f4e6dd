import { readFile, writeFile } from 'node:fs/promises';
import { and, eq, or } from 'drizzle-orm';
import { type CliContext, type CliInput, defineCommand, failure, usageError } from '../../cli/command.js';
import { importErrorLines } from '../../cli/format.js';
import { today } from '../../clock.js';
import { units } from '../../db/schema/org.js';
import { bindAccounts } from './org.binding.js';
import { roleGrantCommand, roleListCommand, roleRevokeCommand } from './org.roles.cli.js';
import { rosterPreviewLines } from './roster/roster.cards.js';
import { exportRoster } from './roster/roster.export.js';
import { importRoster } from './roster/roster.import.js';
import { exportLrmx, lrmxFiles, lrmxSheet } from './roster/roster.lrmx.js';

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

export const importRosterCommand = defineCommand({
  name: 'import roster',
  description:
    '从 xlsx（或任免审批表 .lrmx / 其 .zip）导入花名册（全部通过才写入；有问题则逐行列出；--dry-run 只预览）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: {
    county: countyOpt,
    bind: { type: 'boolean', description: '导入后按手机号/邮箱绑定飞书账号' },
    'dry-run': { type: 'boolean', description: '只检查并列出将新增/更新的人员和读取/忽略的列，不写入' },
  },
  run: async (ctx, input) => {
    const [file] = input.args;
    const data = await readFile(file).catch(() => {
      throw failure(`无法读取文件“${file}”`);
    });
    const countyIds = await countyOption(ctx, input);
    const dryRun = input.options['dry-run'] === true;
    const lrmx = /\.(lrmx|zip)$/i.test(file) ? lrmxFiles(file, data) : null;
    if (typeof lrmx === 'string') throw failure(lrmx);
    const source = lrmx ? lrmxSheet(lrmx) : data;
    if (typeof source === 'string') throw failure(source);
    const r = await importRoster(ctx.deps, source, { countyIds, fileName: file, dryRun });
    if (!r.ok) {
      for (const line of importErrorLines(r.errors, r.total)) ctx.print(line);
      return 1;
    }
    if (dryRun) {
      for (const line of rosterPreviewLines(r)) ctx.print(line);
      return 0;
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
  options: {
    county: countyOpt,
    all: { type: 'boolean', description: '包括已离职/调出人员' },
    layout: { type: 'string', value: '花名册', description: '“花名册”：按干部花名册格式（两行表头、按单位分组）导出' },
  },
  run: async (ctx, input) => {
    const [file] = input.args;
    if (!/\.xlsx$/i.test(file)) throw usageError('文件名应以 .xlsx 结尾');
    const countyIds = await countyOption(ctx, input);
    const layout = input.options.layout;
    if (layout !== undefined && layout !== '花名册' && layout !== '青苗')
      throw usageError('--layout 只能是 花名册 或 青苗');
    const { data, count } = await exportRoster(ctx.deps, {
      countyIds,
      includeInactive: input.options.all === true,
      layout: layout === '花名册' ? 'huamingce' : 'qingmiao',
    });
    await writeFile(file, data);
    ctx.print(`已导出 ${count} 人到 ${file}`);
  },
});

export const exportLrmxCommand = defineCommand({
  name: 'export lrmx',
  description:
    '导出一名干部的《干部任免审批表》（.lrmx 交换格式，含简历和家庭成员；文件名以 .docx 结尾则为 Word 打印版）',
  positionals: [
    { name: '姓名或身份证号', required: true },
    { name: '文件.lrmx|文件.docx', required: true },
  ],
  run: async (ctx, input) => {
    const [who, file] = input.args;
    if (!/\.(lrmx|docx)$/i.test(file)) throw usageError('文件名应以 .lrmx 或 .docx 结尾');
    const { name, xml, person } = await exportLrmx(ctx.deps, who);
    if (/\.docx$/i.test(file)) {
      const { appointmentFormDocx } = await import('./roster/roster.form.js');
      await writeFile(file, await appointmentFormDocx(person, today(ctx.deps)));
    } else await writeFile(file, xml);
    ctx.print(`已导出 ${name} 的任免审批表到 ${file}`);
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
  importRosterCommand,
  exportRosterCommand,
  exportLrmxCommand,
  bindAccountsCommand,
  roleGrantCommand,
  roleRevokeCommand,
  roleListCommand,
];
