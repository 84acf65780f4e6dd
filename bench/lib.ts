/**
 * The bench contract: a module `bench/<x>.bench.ts` exports `name` and `run()`. `run` measures a baseline
 * and a candidate in the same process, one after the other, so the ratio means something on any machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface Measurement {
  /** What was measured, e.g. 'bare fastify route'. */
  label: string;
  /** Wall time of the whole measured run, ms. */
  totalMs: number;
  /** Peak heap growth during the run over the heap after a GC before it, MB. */
  heapMb: number;
  /** Operations done in the run (requests, rows, messages). */
  ops?: number;
  /** Per-operation latency percentiles, ms, when the bench records latencies. */
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
}

/** A bound the candidate must respect, e.g. p99 latency under 1,500 ms. The runner fails when exceeded. */
export interface Limit {
  metric: 'totalMs' | 'heapMb' | 'p50Ms' | 'p99Ms' | 'maxMs' | 'opsPerSecond';
  /** Upper bound, except for opsPerSecond where it is the lower bound. */
  bound: number;
  /** Chinese/English explanation, printed with the verdict. */
  why: string;
}

export interface BenchResult {
  baseline: Measurement;
  candidate: Measurement;
  limits?: Limit[];
  notes?: string[];
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult>;
}

/** One bench as the runner judged it (and as bench/results.json records it). */
export interface BenchOutcome {
  name: string;
  file: string;
  result?: BenchResult;
  /** candidate ÷ baseline. */
  ratios?: { time: number; memory: number; p99?: number };
  limits?: { metric: string; bound: number; actual: number | null; ok: boolean; why: string }[];
  error?: string;
}

/** What a measured function reports back: how many operations, and optionally each one's latency (ms). */
export interface RunReport {
  ops?: number;
  latencies?: number[];
}

let gcFn: (() => void) | null | undefined;
/** The V8 gc() without restarting node with --expose-gc (so `tsx bench/run.ts` is enough). */
function gc(): void {
  if (gcFn === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

/** Runs `fn` once, timing it and sampling the heap every few milliseconds for its peak. */
export async function measure(label: string, fn: () => Promise<RunReport | undefined>): Promise<Measurement> {
  gc();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  const t0 = performance.now();
  let report: RunReport | undefined;
  try {
    report = await fn();
  } finally {
    clearInterval(sampler);
  }
  const totalMs = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const m: Measurement = { label, totalMs, heapMb: (peak - before) / 2 ** 20, ops: report?.ops };
  if (report?.latencies?.length) {
    const sorted = [...report.latencies].sort((a, b) => a - b);
    Object.assign(m, { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) });
  }
  return m;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The value of a limit's metric in a measurement. */
export function metricOf(m: Measurement, metric: Limit['metric']): number | undefined {
  if (metric === 'opsPerSecond') return m.ops === undefined ? undefined : m.ops / (m.totalMs / 1000);
  return m[metric];
}

/** Whether a measurement respects a limit (a missing metric fails). */
export function withinLimit(m: Measurement, limit: Limit): boolean {
  const v = metricOf(m, limit.metric);
  if (v === undefined || Number.isNaN(v)) return false;
  return limit.metric === 'opsPerSecond' ? v >= limit.bound : v <= limit.bound;
}
