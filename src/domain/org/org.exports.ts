import { invalid } from '../../errors.js';
import type { CommandCtx } from '../../feishu/router.js';
import { type DateRange, parseDateRange } from '../../time.js';

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

/**
 * The optional date range typed after an export's name (“导出 问题线索 2026-01-01 2026-06-30”): '' → null
 * (everything); bad text → an `invalid` error with the format in Chinese. Parse it after the role check.
 */
export function exportRange(name: string, args: string, today: string): DateRange | null {
  const text = args.replace(/\.xlsx$/i, '').trim();
  if (!text) return null;
  const help = `时间范围格式：导出 ${name}（全部）、导出 ${name} 2026，或 导出 ${name} 2026-01-01 2026-06-30`;
  const r = parseDateRange(text, today, { empty: { from: today, to: today }, noun: '时间范围', help });
  if (typeof r === 'string') throw invalid(r);
  return r;
}

/** A date is inside the range (no range: always). */
export const inRange = (day: string | null | undefined, r: DateRange | null) =>
  r === null || (!!day && day >= r.from && day <= r.to);

/** '' or '_2026-01-01_2026-06-30' for a file name. */
export const rangeSuffix = (r: DateRange | null) => (r ? `_${r.from}_${r.to}` : '');

/** The target named by the first word when more follows (“谈话台账 2026-01-01 2026-06-30”), and the rest. */
export function findExportTargetWithArgs(args: string): { target: ExportTarget; rest: string } | undefined {
  const whole = findExportTarget(args);
  if (whole) return { target: whole, rest: '' };
  const m = /^\s*(\S+)\s+([\s\S]*)$/.exec(args.normalize('NFKC'));
  const target = m ? findExportTarget(m[1]) : undefined;
  return target && m ? { target, rest: m[2].trim() } : undefined;
}
