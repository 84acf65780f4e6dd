import { type Card, card, hr, md, mdText } from '../../feishu/cards/atoms.js';
import type { CommandInfo } from '../../feishu/router.js';

export function helpCard(commands: CommandInfo[], unknown?: string): Card {
  const lines = commands.map(
    (c) => `- **${c.words[0]}**${c.words.length > 1 ? `（${c.words.slice(1).join('、')}）` : ''}：${c.help}`,
  );
  const elements = [];
  if (unknown) elements.push(md(`没有找到命令「${mdText(unknown)}」。您可以使用以下命令：`), hr());
  elements.push(md(lines.join('\n')));
  elements.push(md('<font color="grey">在群聊中请先 @青苗 再输入命令；组织部门可直接发送 Excel 文件导入数据。</font>'));
  return card({ title: '青苗 · 使用帮助', template: 'green', forwardable: true }, elements);
}

export function welcomeCard(name: string, commands: CommandInfo[]): Card {
  return card({ title: `欢迎使用青苗${name ? `，${name}` : ''}`, template: 'green', forwardable: true }, [
    md('青苗是优秀年轻干部“选育管用”工作助手：推荐、谈心谈话、提醒、统计和报告都在这里完成。'),
    hr(),
    md(commands.map((c) => `- **${c.words[0]}**：${c.help}`).join('\n')),
  ]);
}
