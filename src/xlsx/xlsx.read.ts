/**
 * Opening an xlsx the bot was sent: the zip checks first (file size, declared decompressed sizes, no parsing),
 * then a streamed parse in a worker thread with a memory cap and a time limit, so that a slow or hostile file
 * never blocks the event loop that answers everyone's card callbacks.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { invalid } from '../errors.js';
import { type PlainBook, XlsxBook } from './xlsx.book.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from './xlsx.limits.js';
import { checkXlsxZip } from './xlsx.zip.js';

const UNREADABLE = '无法读取该文件，请确认是 Excel .xlsx 文件（.xls 请先另存为 .xlsx）';
const WORKER_HEAP_MB = 768;

/** The worker runs TypeScript like the main process: a tiny bootstrap registers tsx first. */
function bootstrap(): string {
  // The ESM build of tsx's API (its CommonJS build cannot register the hooks from a worker).
  const api = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const tsx = pathToFileURL(api).href;
  const entry = new URL('./xlsx.worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}

type WorkerAnswer = { ok: true; book: PlainBook } | { ok: false; reason: string | null };

function parseInWorker(data: Buffer, limits: XlsxLimits): Promise<WorkerAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(bootstrap(), {
      eval: true,
      workerData: { data, limits: { maxRows: limits.maxRows, maxColumns: limits.maxColumns } },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const done = (a: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(a);
    };
    const timer = setTimeout(
      () => done({ ok: false, reason: '表格过于复杂，处理超时；请删除无关的工作表或拆分后再发送' }),
      limits.timeoutMs,
    );
    worker.once('message', (m: WorkerAnswer) => done(m));
    worker.once('error', (err: any) =>
      done({
        ok: false,
        reason: err?.code === 'ERR_WORKER_OUT_OF_MEMORY' ? '表格内容过大，处理时超出内存上限，请拆分后分批发送' : null,
      }),
    );
    worker.once('exit', () => done({ ok: false, reason: null }));
  });
}

/** Refuses (AppError `invalid`, Chinese reason) or returns the workbook's rows. */
export async function readXlsx(data: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): Promise<XlsxBook> {
  const zip = checkXlsxZip(data, limits);
  if (!zip.ok) throw invalid(zip.reason);
  const answer = await parseInWorker(data, limits);
  if (!answer.ok) throw invalid(answer.reason ?? UNREADABLE);
  return new XlsxBook(answer.book);
}
