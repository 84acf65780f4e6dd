/**
 * One parse worker, started on first use and kept (unref'd) so later uploads skip its start-up; parses run one
 * at a time. A parse over its time limit, or one that exhausts the worker's memory cap, kills the worker: the
 * next upload gets a fresh one.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlainBook } from './xlsx.book.js';
import type { XlsxLimits } from './xlsx.limits.js';

export type WorkerAnswer = { ok: true; book: PlainBook } | { ok: false; reason: string | null };

const WORKER_HEAP_MB = 768;
const TIMEOUT = '表格过于复杂，处理超时；请删除无关的工作表或拆分后再发送';
const OUT_OF_MEMORY = '表格内容过大，处理时超出内存上限，请拆分后分批发送';

/**
 * The worker's entry. Compiled (dist/, production) it is plain JavaScript; from source (tsx, development and
 * tests) a tiny bootstrap registers tsx in the worker first.
 */
function bootstrap(): string {
  if (import.meta.url.endsWith('.js')) {
    return `import(${JSON.stringify(new URL('./xlsx.worker.js', import.meta.url).href)});`;
  }
  // The ESM build of tsx's API (its CommonJS build cannot register the hooks from a worker).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const entry = new URL('./xlsx.worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function current(): Worker {
  if (!worker) {
    const w = new Worker(bootstrap(), { eval: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    w.unref();
    w.once('exit', () => {
      if (worker === w) worker = null;
    });
    worker = w;
  }
  return worker;
}

function runOne(data: Buffer, limits: XlsxLimits): Promise<WorkerAnswer> {
  const w = current();
  const id = nextId++;
  return new Promise((resolve) => {
    const finish = (a: WorkerAnswer, kill = false) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (kill) void w.terminate();
      else w.unref();
      resolve(a);
    };
    const onMessage = (m: WorkerAnswer & { id: number }) => {
      if (m.id === id) finish(m.ok ? { ok: true, book: m.book } : { ok: false, reason: m.reason });
    };
    const onError = (err: any) =>
      finish({ ok: false, reason: err?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OUT_OF_MEMORY : null }, true);
    const onExit = () => finish({ ok: false, reason: null });
    const timer = setTimeout(() => finish({ ok: false, reason: TIMEOUT }, true), limits.timeoutMs);
    // Referenced while it works: a CLI run awaiting the parse must not exit under it.
    w.ref();
    w.on('message', onMessage);
    w.once('error', onError);
    w.once('exit', onExit);
    w.postMessage({ id, data, limits: { maxRows: limits.maxRows, maxColumns: limits.maxColumns } });
  });
}

/** Parses in the worker, after any parse already queued. */
export function parseInWorker(data: Buffer, limits: XlsxLimits): Promise<WorkerAnswer> {
  const run = queue.then(() => runOne(data, limits));
  queue = run.catch(() => undefined);
  return run;
}
