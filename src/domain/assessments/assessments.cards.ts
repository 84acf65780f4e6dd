import { button, type Card, card, md, mdText } from '../../feishu/cards/atoms.js';
import type { AssessmentImportReport } from './assessments.import.js';

const MAX_ERRORS = 30;

/** The answer to an imported assessment sheet: a summary, or every bad row and nothing written. */
export function importReportCard(fileName: string, r: AssessmentImportReport): Card {
  if (r.ok) {
    const proposals =
      r.proposals > 0
        ? `根据动态管理规则生成 **${r.proposals}** 条资源库调整建议，请逐条确认或驳回。`
        : '未触发资源库调整建议。';
    return card({ title: '考核结果导入成功', template: 'green' }, [
      md(
        `「${mdText(fileName)}」共 ${r.total} 行：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}。\n${proposals}`,
      ),
      ...(r.proposals > 0 ? [button('处理调整建议', 'pool.proposals', { page: 0 }, 'primary')] : []),
    ]);
  }
  const lines = r.errors
    .slice(0, MAX_ERRORS)
    .map((e) => `- 第 ${e.row} 行「${mdText(e.column)}」：${mdText(e.message)}`);
  if (r.errors.length > MAX_ERRORS)
    lines.push(`- ……另有 ${r.errors.length - MAX_ERRORS} 处错误（完整清单已作为 Excel 文件发送给您）`);
  return card({ title: '考核结果导入未完成', template: 'red' }, [
    md(
      `「${mdText(fileName)}」共 ${r.total} 行，发现 ${r.errors.length} 处错误，**本次未导入任何数据**。请修改后重新发送：`,
    ),
    md(lines.join('\n')),
    md('<font color="grey">表头：姓名、身份证号（或单位）、考核类别、考核周期、考核结果、备注。</font>'),
  ]);
}
