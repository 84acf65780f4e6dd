import { readFile, writeFile } from 'node:fs/promises';
import { type CliContext, type CliInput, defineCommand, failure, usageError } from '../../../cli/command.js';
import { importErrorLines } from '../../../cli/format.js';
import { summaryLines } from './structure.cards.js';
import { exportStructure } from './structure.export.js';
import { importStructure } from './structure.import.js';
import { countiesNamed } from './structure.queries.js';

const countyOpt = {
  type: 'string' as const,
  value: '县名或代码',
  description: '只在该县的单位和人员中匹配/导出（默认全部；指定后不能新建县）',
};

async function countyOption(ctx: CliContext, input: CliInput): Promise<number[] | null> {
  const raw = input.options.county;
  if (typeof raw !== 'string') return null;
  const ids = await countiesNamed(ctx.db, raw);
  if (ids.length === 0) throw usageError(`没有名为“${raw}”的县（按县名或单位代码查找）`);
  return ids;
}

export const importStructureCommand = defineCommand({
  name: 'import structure',
  description: '从 xlsx 导入组织架构：单位、领导班子、联系分管、分管干部（全部通过才写入；有问题则逐行列出）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: {
    county: countyOpt,
    'units-only': { type: 'boolean', description: '只导入“单位”表（新县上线第一步：先建单位，再导入花名册）' },
  },
  run: async (ctx, input) => {
    const [file] = input.args;
    const data = await readFile(file).catch(() => {
      throw failure(`无法读取文件“${file}”`);
    });
    const countyIds = await countyOption(ctx, input);
    const unitsOnly = input.options['units-only'] === true;
    const r = await importStructure(ctx.deps, data, { countyIds, fileName: file, unitsOnly });
    if (!r.ok) {
      for (const line of importErrorLines(r.errors)) ctx.print(line);
      return 1;
    }
    ctx.print(`已导入（工作表：${r.sheets.join('、')}）：`);
    for (const line of summaryLines(r)) ctx.print(line.replaceAll('**', ''));
    if (r.ignoredSheets.length) ctx.print(`未导入的工作表：${r.ignoredSheets.join('、')}`);
  },
});

export const exportStructureCommand = defineCommand({
  name: 'export structure',
  description: '导出组织架构为 xlsx（与导入格式相同，含完整身份证号和手机号，请妥善保管；无数据时即为空白模板）',
  positionals: [{ name: '文件.xlsx', required: true }],
  options: { county: countyOpt },
  run: async (ctx, input) => {
    const [file] = input.args;
    if (!/\.xlsx$/i.test(file)) throw usageError('文件名应以 .xlsx 结尾');
    const { data, counts } = await exportStructure(ctx.deps, { countyIds: await countyOption(ctx, input) });
    await writeFile(file, data);
    ctx.print(
      `已导出到 ${file}：单位 ${counts.units}，班子职务 ${counts.posts}，联系/分管 ${counts.links}，分管干部 ${counts.supervisions}。`,
    );
  },
});

export const structureCommands = [importStructureCommand, exportStructureCommand];
