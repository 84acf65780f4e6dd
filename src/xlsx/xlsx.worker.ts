/** Worker-thread entry: parses xlsx files off the main thread, one message each, answering plain rows or a refusal. */
import { parentPort } from 'node:worker_threads';
import { parseXlsx, XlsxRefusal } from './xlsx.parse.js';

interface Job {
  id: number;
  data: Uint8Array;
  limits: { maxRows: number; maxColumns: number };
}

parentPort!.on('message', (job: Job) => {
  parseXlsx(job.data, job.limits).then(
    (book) => parentPort!.postMessage({ id: job.id, ok: true, book }),
    (err) =>
      parentPort!.postMessage({ id: job.id, ok: false, reason: err instanceof XlsxRefusal ? err.message : null }),
  );
});
