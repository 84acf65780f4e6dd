import type { Capability } from '../capability.js';
import type { SettableClock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { Deps, Logger } from '../deps.js';
import type { LarkClient } from '../feishu/client.js';
import type { Job } from '../jobs/job.js';

/** What every command receives: the same Deps the bot builds, on a migrated database. */
export interface CliContext {
  config: Config;
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Real time unless a command moves it (e.g. `job run --at`); it is the clock inside `deps`. */
  clock: SettableClock;
  lark: LarkClient;
  /** pino, to stderr; stdout is for results. */
  log: Logger;
  deps: Deps;
  /** The installed capabilities (the bot's list unless a test passes its own). */
  capabilities: Capability[];
  /** The bot's jobs, built from the installed capabilities with `deps`. */
  jobs(): Job[];
  /** Writes one line of results to stdout. */
  print(line?: string): void;
}

export interface CliOption {
  type: 'string' | 'boolean';
  /** Placeholder in the usage line, e.g. '数量' → `--scale 数量`. */
  value?: string;
  /** Chinese, shown by `help`. */
  description: string;
}

export interface CliInput {
  /** Positional arguments after the command words. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
}

export interface CliCommand {
  /** The command words, e.g. 'job run' or 'import roster'. */
  name: string;
  /** Chinese, one line, shown by `help`. */
  description: string;
  /** Positional arguments in order, named in Chinese for the usage line. */
  positionals?: { name: string; required?: boolean }[];
  options?: Record<string, CliOption>;
  /** Returns the exit code (default 0). Throw usageError() for bad arguments, AppError for refusals. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a command returns nothing (exit 0) or its exit code
  run(ctx: CliContext, input: CliInput): Promise<number | undefined | void>;
}

/** Identity, for type inference at the definition site. */
export const defineCommand = (c: CliCommand): CliCommand => c;

/** Bad arguments: the runner prints the message and the command's usage, and exits with code 2. */
export class CliUsageError extends Error {}

export const usageError = (message: string) => new CliUsageError(message);

/** A failure to report as one Chinese line (details belong in the log), exit code 1. */
export class CliFailure extends Error {}

export const failure = (message: string) => new CliFailure(message);

/** The usage line of a command, e.g. `job run <任务名> [--at 时间]`. */
export function usageOf(c: CliCommand): string {
  const pos = (c.positionals ?? []).map((p) => (p.required ? `<${p.name}>` : `[${p.name}]`));
  const opts = Object.entries(c.options ?? {}).map(([k, o]) =>
    o.type === 'boolean' ? `[--${k}]` : `[--${k} ${o.value ?? '值'}]`,
  );
  return [c.name, ...pos, ...opts].join(' ');
}

/** An integer option within bounds, or `fallback` when absent. */
export function intOption(input: CliInput, name: string, bounds: { min: number; max: number }, fallback: number) {
  const raw = input.options[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || n < bounds.min || n > bounds.max)
    throw usageError(`--${name} 应为 ${bounds.min} 到 ${bounds.max} 之间的整数，收到“${String(raw)}”`);
  return n;
}
