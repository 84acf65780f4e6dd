import { button, type Card, card, columns, type Element, hr, md, mdText } from '../../feishu/cards/atoms.js';
import type { CommandInfo } from '../../feishu/router.js';
import type { HelpView } from './help.rules.js';

const GROUP_TITLES: Record<string, string> = {
  选: '选 · 发现识别',
  育: '育 · 培养锻炼',
  管: '管 · 从严管理',
  用: '用 · 选拔使用',
  报告: '报告 · 统计导出',
  通用: '通用',
};

const line = (c: CommandInfo) =>
  `- **${mdText(c.words[0])}**${c.words.length > 1 ? `（${c.words.slice(1).map(mdText).join('、')}）` : ''}：${mdText(c.help)}`;

/** The 帮助 card: the commands this user may use, by section, with buttons for the common ones. */
export function helpCard(view: HelpView, unknown?: string): Card {
  const elements: Element[] = [];
  if (unknown) elements.push(md(`没有找到命令「${mdText(unknown)}」。您可以使用以下命令：`), hr());
  if (view.buttons.length > 0) {
    elements.push(
      columns(
        view.buttons.map((w) => [button(w, 'help.run', { cmd: w })]),
        { flexMode: 'flow' },
      ),
    );
  }
  for (const s of view.sections) {
    elements.push(md(`**${mdText(GROUP_TITLES[s.group] ?? s.group)}**\n${s.commands.map(line).join('\n')}`));
  }
  elements.push(md('<font color="grey">在群聊中请先 @青苗 再输入命令；组织部门可直接发送 Excel 文件导入数据。</font>'));
  return card({ title: '青苗 · 使用帮助', template: 'green', forwardable: true }, elements);
}

export function welcomeCard(name: string, commands: CommandInfo[]): Card {
  return card({ title: `欢迎使用青苗${name ? `，${mdText(name)}` : ''}`, template: 'green', forwardable: true }, [
    md('青苗是优秀年轻干部“选育管用”工作助手：推荐、谈心谈话、提醒、统计和报告都在这里完成。'),
    hr(),
    md(commands.map((c) => `- **${mdText(c.words[0])}**：${mdText(c.help)}`).join('\n')),
    md('<font color="grey">发送「帮助」查看您可以使用的全部命令。</font>'),
  ]);
}
