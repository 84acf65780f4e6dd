import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { isAppError } from '../errors.js';
import { type CliCommand, CliFailure, type CliInput, CliUsageError, usageError, usageOf } from './command.js';
import { commands as registered } from './commands.js';
import { type ContextOptions, createCliContext } from './context.js';
import { commandHelp, helpText } from './help.js';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

export interface RunOptions extends Omit<ContextOptions, 'print'> {
  commands?: CliCommand[];
  config?: Config;
  env?: NodeJS.ProcessEnv;
}

/** Runs one command line; returns the exit code (0 ok, 1 refused or failed, 2 bad arguments). */
export async function runCli(argv: string[], io: CliIO, opts: RunOptions = {}): Promise<number> {
  const list = opts.commands ?? registered;
  const first = argv[0];
  if (first === undefined) {
    io.err('请指定要运行的命令。\n');
    io.err(helpText(list));
    return 2;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    io.out(helpText(list, argv.slice(1)));
    return 0;
  }
  const found = findCommand(list, argv);
  if (!found) {
    const group = list.some((c) => c.name.split(' ')[0] === first);
    const words = argv.filter((a) => !a.startsWith('-')).join(' ');
    io.err(group && argv.length === 1 ? `“${first}”后面还需要子命令：\n` : `未知命令：${words || argv.join(' ')}\n`);
    io.err(helpText(list, group ? [first] : []));
    return 2;
  }
  const { cmd, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  try {
    return await execute(cmd, parseInput(cmd, rest), io, opts);
  } catch (err) {
    return report(err, cmd, io);
  }
}

async function execute(cmd: CliCommand, input: CliInput, io: CliIO, opts: RunOptions): Promise<number> {
  const config = opts.config ?? loadConfig(opts.env ?? process.env);
  const { ctx, close } = await createCliContext(config, { ...opts, print: io.out });
  try {
    const code = await cmd.run(ctx, input);
    return typeof code === 'number' ? code : 0;
  } catch (err) {
    if (!isExpected(err)) ctx.log.error({ err, command: cmd.name }, 'command failed');
    throw err;
  } finally {
    await close();
  }
}

const isExpected = (err: unknown) => err instanceof CliUsageError || err instanceof CliFailure || isAppError(err);

function report(err: unknown, cmd: CliCommand, io: CliIO): number {
  if (err instanceof CliUsageError) {
    io.err(`错误：${err.message}`);
    io.err(`用法：npm run cli -- ${usageOf(cmd)}`);
    return 2;
  }
  if (isExpected(err) || err instanceof ConfigError) {
    io.err(err.message);
    return 1;
  }
  io.err(`命令“${cmd.name}”执行失败：${err instanceof Error ? err.message : String(err)}`);
  return 1;
}

/** The command whose words start argv (the longest when names share words), and the arguments after them. */
export function findCommand(list: CliCommand[], argv: string[]): { cmd: CliCommand; rest: string[] } | null {
  let best: { cmd: CliCommand; rest: string[] } | null = null;
  for (const cmd of list) {
    const words = cmd.name.split(' ');
    const matches = words.every((w, i) => argv[i] === w);
    if (matches && (!best || words.length > best.cmd.name.split(' ').length))
      best = { cmd, rest: argv.slice(words.length) };
  }
  return best;
}

/** Options and positionals checked against the command's declaration; any mismatch is a usage error. */
export function parseInput(cmd: CliCommand, rest: string[]): CliInput {
  const options = Object.fromEntries(Object.entries(cmd.options ?? {}).map(([k, o]) => [k, { type: o.type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageError(translateParseError(err));
  }
  const declared = cmd.positionals ?? [];
  const required = declared.filter((p) => p.required).length;
  if (parsed.positionals.length < required) {
    const missing = declared.slice(parsed.positionals.length).filter((p) => p.required);
    throw usageError(`缺少参数：${missing.map((p) => p.name).join('、')}`);
  }
  if (parsed.positionals.length > declared.length) {
    throw usageError(`多余的参数：${parsed.positionals.slice(declared.length).join(' ')}`);
  }
  return { args: parsed.positionals, options: parsed.values as CliInput['options'] };
}

function translateParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : '';
  const code = (err as { code?: string }).code;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `不认识的选项：${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /does not take an argument/.test(message) ? `选项 ${option} 不接受值` : `选项 ${option} 需要一个值`;
  return '参数有误';
}
