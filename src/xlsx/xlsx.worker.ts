/** Worker-thread entry: parses one xlsx off the main thread and posts back plain rows or a refusal. */
import { parentPort, workerData } from 'node:worker_threads';
import { parseXlsx, XlsxRefusal } from './xlsx.parse.js';

const { data, limits } = workerData as { data: Uint8Array; limits: { maxRows: number; maxColumns: number } };

parseXlsx(data, limits).then(
  (book) => parentPort!.postMessage({ ok: true, book }),
  (err) =>
    parentPort!.postMessage(
      err instanceof XlsxRefusal ? { ok: false, reason: err.message } : { ok: false, reason: null },
    ),
);
