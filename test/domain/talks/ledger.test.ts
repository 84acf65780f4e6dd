import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/client.js';
import { reminderLedger } from '../../../src/db/schema/talks.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { type LedgerSend, sendOnceEach } from '../../../src/domain/talks/talks.ledger.js';
import { dueReminderCard } from '../../../src/domain/talks/talks.reminder.cards.js';
import { createTestDb } from '../../helpers/db.js';

/** sendOnceEach: the reminders job's ledger + outbox writes for a batch of recipients, in one transaction. */
let h: DbHandle;
const at = new Date('2026-12-28T01:00:00Z');
const card = (n: number) => dueReminderCard(`领导${n}`, []);
const send = (n: number, localDate = '2026-12-28'): LedgerSend => ({
  key: { recipient: `person:${n}`, kind: 'due', localDate, periodKeys: ['unit_main:2026-Q4'], itemCount: 1 },
  messages: [{ kind: 'send', to: { openId: `ou_${n}` }, card: card(n) }],
});
const outboxTargets = async () => (await h.db.select({ t: outbox.target }).from(outbox)).map((r) => r.t).sort();

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => h.close());

describe('sendOnceEach', () => {
  it('writes one ledger row and one card per recipient; a key repeated in the batch counts once', async () => {
    const written = await sendOnceEach(h.db, at, [send(1), send(2), send(1), send(3)]);
    expect([...written].sort()).toEqual([
      'person:1|due|2026-12-28',
      'person:2|due|2026-12-28',
      'person:3|due|2026-12-28',
    ]);
    expect(await outboxTargets()).toEqual(['ou_1', 'ou_2', 'ou_3']);
    expect(await h.db.select().from(reminderLedger)).toHaveLength(3);
  });

  it('sends nothing to a recipient already served that day, and only the new ones of a mixed batch', async () => {
    expect((await sendOnceEach(h.db, at, [send(2), send(3)])).size).toBe(0);
    const written = await sendOnceEach(h.db, at, [send(3), send(4), send(1, '2026-12-29')]);
    expect([...written].sort()).toEqual(['person:1|due|2026-12-29', 'person:4|due|2026-12-28']);
    expect(await outboxTargets()).toEqual(['ou_1', 'ou_1', 'ou_2', 'ou_3', 'ou_4']);
  });

  it('two instances sending the same batch at once (in opposite orders) send each card exactly once', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => send(100 + i));
    const [a, b] = await Promise.all([sendOnceEach(h.db, at, batch), sendOnceEach(h.db, at, [...batch].reverse())]);
    expect(a.size + b.size).toBe(40);
    const targets = (await outboxTargets()).filter((t) => Number(t.slice(3)) >= 100);
    expect(targets).toHaveLength(40);
    expect(new Set(targets).size).toBe(40);
  });

  it('is one transaction: when the cards cannot be written, no ledger row stays behind', async () => {
    const ledgerBefore = (await h.db.select().from(reminderLedger)).length;
    const broken = { ...send(200), messages: [{ kind: 'no-such-kind' } as unknown as LedgerSend['messages'][number]] };
    await expect(sendOnceEach(h.db, at, [send(201), broken])).rejects.toThrow();
    expect(await h.db.select().from(reminderLedger)).toHaveLength(ledgerBefore);
    expect((await outboxTargets()).filter((t) => t === 'ou_201')).toEqual([]);
  });

  it('an empty batch writes nothing', async () => {
    expect((await sendOnceEach(h.db, at, [])).size).toBe(0);
  });
});
