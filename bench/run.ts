/**
 * `npm run bench [-- <name>...]`: runs every bench/*.bench.ts (or the named ones) one after the other,
 * prints candidate-vs-baseline ratios and each limit's verdict, and writes bench/results.json.
 * Exit code 1 when a bench fails or a limit is exceeded.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, type BenchOutcome, type BenchResult, metricOf, withinLimit } from './lib.js';
import { formatReport } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));

async function load(file: string): Promise<Bench> {
  const mod = await import(pathToFileURL(join(here, file)).href);
  const bench = (typeof mod.run === 'function' ? mod : mod.default) as Partial<Bench> | undefined;
  if (!bench || typeof bench.name !== 'string' || typeof bench.run !== 'function')
    throw new Error(`${file} must export { name, run(): Promise<BenchResult> }`);
  return bench as Bench;
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b <= 0 ? Number.NaN : a / b;

function judge(name: string, file: string, result: BenchResult): BenchOutcome {
  const { baseline: b, candidate: c } = result;
  return {
    name,
    file,
    result,
    ratios: { time: ratio(c.totalMs, b.totalMs), memory: ratio(c.heapMb, b.heapMb), p99: ratio(c.p99Ms, b.p99Ms) },
    limits: (result.limits ?? []).map((l) => ({
      metric: l.metric,
      bound: l.bound,
      actual: metricOf(c, l.metric) ?? null,
      ok: withinLimit(c, l),
      why: l.why,
    })),
  };
}

async function main(filter: string[]): Promise<number> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const chosen = filter.length ? files.filter((f) => filter.some((w) => f.includes(w))) : files;
  if (chosen.length === 0) {
    console.error(`没有找到基准测试：${filter.join(' ')}（可用：${files.join('、')}）`);
    return 2;
  }
  const outcomes: BenchOutcome[] = [];
  for (const file of chosen) {
    let name = file.replace(/\.bench\.ts$/, '');
    try {
      const bench = await load(file);
      name = bench.name;
      console.error(`▶ ${name} …`);
      outcomes.push(judge(name, file, await bench.run()));
    } catch (err) {
      console.error(`✗ ${name}:`, err);
      outcomes.push({ name, file, error: err instanceof Error ? err.message : String(err) });
    }
  }
  console.log(formatReport(outcomes));
  const results = { at: new Date().toISOString(), node: process.version, cpus: cpus().length, outcomes };
  writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, round, 2)}\n`);
  console.log(`\n结果已写入 bench/results.json`);
  const failed = outcomes.some((o) => o.error || o.limits?.some((l) => !l.ok));
  return failed ? 1 : 0;
}

/** Keeps results.json readable: 3 decimals. */
function round(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 1000) / 1000 : v;
}

process.exitCode = await main(process.argv.slice(2));
