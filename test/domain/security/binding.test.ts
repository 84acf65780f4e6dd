/** Finding 7: binding after a 100k-row roster asks the database in slices, not one 100k-parameter IN list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindAccounts, chunks } from '../../../src/domain/org/org.binding.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';

describe('binding a very large roster', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await createTestBot();
  });
  afterAll(async () => bot?.close());

  it('takes 100,000 touched ids without exceeding the parameter limit', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const r = await bindAccounts(bot.deps, { personIds: ids });
    expect(r).toEqual({ checked: 0, bound: 0, notFound: 0, conflicts: 0, failed: 0 });
  }, 60_000);

  it('slices lists evenly', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});
