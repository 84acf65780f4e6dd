/** The capped download reader: stops pulling the stream once past the cap, with a Chinese AppError. */
import { describe, expect, it } from 'vitest';
import { readCapped } from '../../src/feishu/download.js';

function chunks(n: number, size: number) {
  const s = {
    pulled: 0,
    destroyed: false,
    destroy() {
      s.destroyed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < n; i++) {
        s.pulled++;
        yield Buffer.alloc(size, 1);
      }
    },
  };
  return s;
}

describe('readCapped', () => {
  it('returns the whole file under the cap, or without one', async () => {
    expect((await readCapped(chunks(3, 10), { maxBytes: 30 })).length).toBe(30);
    expect((await readCapped(chunks(3, 10))).length).toBe(30);
  });

  it('stops at the first chunk past the cap and destroys the stream', async () => {
    const s = chunks(100, 1024 * 1024);
    await expect(readCapped(s, { maxBytes: 10 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'INVALID',
      message: '文件超过 10 MB 的大小限制，未保存',
    });
    expect(s.pulled).toBe(11);
    expect(s.destroyed).toBe(true);
  });
});
