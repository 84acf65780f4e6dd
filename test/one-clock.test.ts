/**
 * One clock: every timestamp and every "today" in bot code comes from the injected clock (`deps.clock`,
 * `today(deps)` in src/clock.ts). This scan fails CI when a wall-clock read creeps back into src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
/** The clock module is the one place allowed to read the wall clock (`systemClock`). */
const ALLOWED = new Set(['src/clock.ts']);

const FORBIDDEN: { name: string; re: RegExp }[] = [
  { name: 'defaultNow()', re: /\bdefaultNow\s*\(/ },
  { name: 'new Date()', re: /\bnew Date\(\s*\)/ },
  { name: 'Date.now()', re: /\bDate\.now\s*\(/ },
  // SQL's clock: now() (not a method call `x.now()` nor a declaration `now(): Date`), current_date, …
  { name: 'SQL now()', re: /(?<![.\w])now\(\)(?!\s*[:{])/ },
  { name: 'SQL current_date/current_timestamp', re: /\b(current_date|current_timestamp|localtimestamp)\b/i },
  { name: 'SQL clock_timestamp()', re: /\b(clock|statement|transaction)_timestamp\s*\(/i },
];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

function offences(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const f of FORBIDDEN) if (f.re.test(line)) out.push(`${i + 1}: ${f.name}: ${line.trim()}`);
  });
  return out;
}

describe('one clock', () => {
  it('finds no wall-clock reads in src/ outside src/clock.ts', () => {
    const found: string[] = [];
    for (const p of files(join(ROOT, 'src'))) {
      const rel = relative(ROOT, p).replaceAll('\\', '/');
      if (ALLOWED.has(rel)) continue;
      for (const o of offences(readFileSync(p, 'utf8'))) found.push(`${rel}:${o}`);
    }
    expect(found).toEqual([]);
  });

  it.each([
    ['createdAt: timestamp().notNull().defaultNow(),', true],
    ['const at = new Date();', true],
    ['const ms = Date.now() - t0;', true],
    ['sql`update x set updated_at = now()`', true],
    ['sql`select current_date`', true],
    ['deps.clock.now()', false],
    ['now(): Date;', false],
    ['new Date(`2026-01-01T00:00:00Z`)', false],
    ['performance.now()', false],
  ])('flags %s: %s', (line, flagged) => {
    expect(offences(line).length > 0).toBe(flagged);
  });
});
