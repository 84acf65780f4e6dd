import { type CliCommand, usageOf } from './command.js';
import { displayWidth, pad } from './format.js';

const HELP: CliCommand = {
  name: 'help',
  description: '显示本帮助；help <命令> 只显示该命令',
  positionals: [{ name: '命令' }],
  run: async () => {},
};

/** The command list in Chinese; with `filter` words, only the commands that start with them. */
export function helpText(list: CliCommand[], filter: string[] = []): string {
  const shown = list.filter((c) => filter.every((w, i) => c.name.split(' ')[i] === w));
  const entries = filter.length > 0 && shown.length > 0 ? shown : [HELP, ...list];
  const usages = entries.map(usageOf);
  const width = Math.min(44, Math.max(...usages.map(displayWidth)));
  const lines = ['青苗命令行 · 用法：npm run cli -- <命令> [参数]', '', '命令：'];
  entries.forEach((c, i) => {
    lines.push(`  ${pad(usages[i], width)}  ${c.description}`);
    for (const [k, o] of Object.entries(c.options ?? {})) {
      const flag = o.type === 'boolean' ? `--${k}` : `--${k} ${o.value ?? '值'}`;
      lines.push(`      ${pad(flag, width - 4)}  ${o.description}`);
    }
  });
  lines.push('', '在命令后加 --help 查看该命令的用法。');
  return lines.join('\n');
}

/** One command: its usage line, what it does, and its options. */
export function commandHelp(c: CliCommand): string {
  const lines = [`用法：npm run cli -- ${usageOf(c)}`, '', c.description];
  for (const [k, o] of Object.entries(c.options ?? {})) {
    lines.push(`  ${o.type === 'boolean' ? `--${k}` : `--${k} ${o.value ?? '值'}`}  ${o.description}`);
  }
  return lines.join('\n');
}
