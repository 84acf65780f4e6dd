import { readFile } from 'node:fs/promises';
import { defineCommand, failure } from '../../cli/command.js';
import { importErrorLines } from '../../cli/format.js';
import { importAssessments } from './assessments.import.js';

/** `import assessments <file>`: all or nothing, bad rows listed; proposals go to org_admin as cards. */
export const importAssessmentsCommand = defineCommand({
  name: 'import assessments',
  description: '从 xlsx 导入考核结果（年度/专项/平时考核、廉洁自律、巡视巡察、信访；全部通过才写入）',
  positionals: [{ name: '文件.xlsx', required: true }],
  run: async (ctx, input) => {
    const [file] = input.args;
    const data = await readFile(file).catch(() => {
      throw failure(`无法读取文件“${file}”`);
    });
    const r = await importAssessments(ctx.deps, data, { fileName: file, batchId: ctx.deps.ids.uuid() });
    if (!r) throw failure('未找到考核结果表头：前10行中应有“姓名”“考核类别”“考核周期”“考核结果”等列');
    if (!r.ok) {
      for (const line of importErrorLines(r.errors, r.total)) ctx.print(line);
      return 1;
    }
    ctx.print(`已导入：共 ${r.total} 行，新增 ${r.created}，更新 ${r.updated}，未变化 ${r.unchanged}。`);
    ctx.print(`生成资源库调整建议 ${r.proposals} 条（已发给组织部门确认）。`);
  },
});
