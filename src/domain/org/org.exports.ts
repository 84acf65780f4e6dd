import type { CommandCtx } from '../../feishu/router.js';

/**
 * `导出 <名称>` dispatches to the export registered under that name (花名册 here; ledgers of other
 * capabilities add theirs with one call), so several capabilities share the one command word.
 */
export interface ExportTarget {
  /** Chinese name typed after 导出, e.g. '花名册'. */
  name: string;
  /** Who may use it, one line (Chinese), listed in the help card. */
  help: string;
  run(ctx: CommandCtx): Promise<void>;
}

const targets = new Map<string, ExportTarget>();

export function addExportTarget(target: ExportTarget): void {
  targets.set(target.name, target);
}

export function exportTargets(): ExportTarget[] {
  return [...targets.values()];
}

/** The target named by the command arguments ("花名册", "花名册.xlsx", " 花名册 "). */
export function findExportTarget(args: string): ExportTarget | undefined {
  const name = args.normalize('NFKC').replace(/\s+|\.xlsx$/gi, '');
  return targets.get(name);
}

/** The target named by the first word when more follows (“谈话台账 2026-01-01 2026-06-30”), and the rest. */
export function findExportTargetWithArgs(args: string): { target: ExportTarget; rest: string } | undefined {
  const whole = findExportTarget(args);
  if (whole) return { target: whole, rest: '' };
  const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(args.normalize('NFKC'));
  const target = m ? findExportTarget(m[1]) : undefined;
  return target && m ? { target, rest: m[2].trim() } : undefined;
}
