import { zonedInstant } from '../jobs/next-run.js';

/** Plain-text helpers for the terminal (CJK characters take two columns). */

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

export function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** Columns aligned by display width, two spaces apart; the last column is not padded. */
export function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => displayWidth(r[i] ?? ''))));
  return all.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : pad(c ?? '', widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** 'YYYY-MM-DD HH:mm:ss' in `timezone`. */
export function formatLocal(at: Date | null | undefined, timezone: string): string {
  if (!at) return '—';
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A time typed on the command line: 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm[:ss]' (or with 'T') in `timezone`,
 * or an ISO time with an explicit offset. Null when it is none of these or not a real date.
 */
export function parseTimeArg(raw: string, timezone: string): Date | null {
  const s = raw.trim();
  const m = LOCAL.exec(s);
  if (m) {
    const [y, mo, d, h, mi, sec] = m.slice(1).map((v) => Number(v ?? 0));
    const probe = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
    const real = probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d && h < 24;
    return real && mi < 60 && sec < 60 ? zonedInstant({ y, mo, d, h, mi, s: sec }, timezone) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return null;
  const t = new Date(s);
  return Number.isNaN(t.getTime()) ? null : t;
}

export interface ImportRowError {
  sheet?: string;
  row: number;
  column: string;
  message: string;
}

/** The report of a refused all-or-nothing import: a summary line, then one aligned line per bad row. */
export function importErrorLines(errors: ImportRowError[], total?: number): string[] {
  const counted = total === undefined ? '' : `共 ${total} 行，`;
  const withSheet = errors.some((e) => e.sheet);
  const header = [...(withSheet ? ['工作表'] : []), '行号', '列', '问题'];
  const rows = errors.map((e) => [...(withSheet ? [e.sheet ?? ''] : []), String(e.row), e.column, e.message]);
  return [`未导入：${counted}发现 ${errors.length} 处问题，整个文件未写入。`, ...table(header, rows)];
}
