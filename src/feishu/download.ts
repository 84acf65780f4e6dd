/** Reading a downloaded message resource with an optional byte cap: the stream stops as soon as the cap is passed. */
import { invalid } from '../errors.js';

export interface DownloadOptions {
  /** Refuse (AppError INVALID, Chinese message) once more than this many bytes have arrived; the rest is not fetched. */
  maxBytes?: number;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The Chinese refusal for a file over `maxBytes`. */
export const tooLargeMessage = (maxBytes: number) => `文件超过 ${mb(maxBytes)} 的大小限制，未保存`;

/** Collects `stream` into one buffer; past `maxBytes` it destroys the stream and throws. */
export async function readCapped(
  stream: AsyncIterable<Uint8Array | string> & { destroy?: (e?: Error) => void },
  opts: DownloadOptions = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = Buffer.from(c);
    size += b.length;
    if (opts.maxBytes !== undefined && size > opts.maxBytes) {
      stream.destroy?.();
      throw invalid(tooLargeMessage(opts.maxBytes), { maxBytes: opts.maxBytes });
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}
