import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/app.js';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/client.js';
import { inboxEvents, outbox, processedEvents } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { createTestDb } from '../helpers/db.js';

const message = (eventId: string, messageId: string, text: string, chatId = 'oc_1') => ({
  eventId,
  type: 'im.message.receive_v1',
  event: {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: {
      message_id: messageId,
      chat_id: chatId,
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text }),
    },
  },
});

/** A bot on the given database; `hang` makes every command hang forever (a process that dies mid-work). */
async function botOn(handle: DbHandle, clock: SettableClock, hang = false) {
  const bot = await buildBot({
    config: loadConfig({ PORT: '3998', INBOX_LEASE_SECONDS: '30' }),
    db: handle.db,
    dbDriver: handle.driver,
    clock,
    logger: false,
    capabilities: [help],
  });
  if (hang) bot.router.command(['挂起'], () => new Promise(() => {}));
  else bot.router.command(['挂起'], async (ctx) => ctx.reply({ schema: '2.0', body: { elements: [] } } as never));
  return bot;
}

describe('durable inbox (finding 3)', () => {
  let handle: DbHandle;
  const clock = new SettableClock();
  beforeAll(async () => {
    handle = await createTestDb();
    clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
  });
  afterAll(async () => handle.close());

  it('stores the event with its dedup keys before answering, and marks it done after processing', async () => {
    const bot = await botOn(handle, clock);
    await bot.router.handle(message('ib-1', 'om-ib-1', '帮助'));
    const [row] = await handle.db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ib-1'));
    expect(row).toBeDefined();
    await bot.router.idle();
    const [done] = await handle.db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ib-1'));
    expect(done.status).toBe('done');
    expect((await handle.db.select().from(outbox)).filter((r) => r.target === 'om-ib-1')).toHaveLength(1);
  });

  it('an event accepted by a process that died before finishing is processed by the next one, once', async () => {
    // The old code committed only the dedup key: the redelivery was dropped and the event lost for good.
    const dead = await botOn(handle, clock, true);
    expect(await dead.router.handle(message('ib-2', 'om-ib-2', '挂起', 'oc_2'))).toEqual({});
    expect(await dead.router.handle(message('ib-3', 'om-ib-3', '帮助', 'oc_3'))).toEqual({});
    // Feishu redelivers: still a duplicate, answered once.
    expect(await dead.router.handle(message('ib-2', 'om-ib-2', '挂起', 'oc_2'))).toEqual({});
    const keys = (await handle.db.select().from(processedEvents)).map((r) => r.key);
    expect(keys).toContain('event:ib-2');

    const next = await botOn(handle, clock);
    await next.router.inbox.poll();
    await next.router.idle();
    // Still leased by the dead process: nothing yet.
    expect((await handle.db.select().from(outbox)).filter((r) => r.target === 'om-ib-2')).toHaveLength(0);
    clock.freeze(new Date(clock.now().getTime() + 31_000));
    await next.router.inbox.poll();
    await next.router.idle();
    const rows = await handle.db.select().from(inboxEvents);
    expect(rows.find((r) => r.eventId === 'ib-2')).toMatchObject({ status: 'done', attempts: 2 });
    const replies = (await handle.db.select().from(outbox)).filter((r) => r.target === 'om-ib-2');
    expect(replies).toHaveLength(1);
  });

  it('replaying an event whose reply was already written writes no second reply (seeded outbox uuids)', async () => {
    const bot = await botOn(handle, clock);
    await bot.router.handle(message('ib-4', 'om-ib-4', '帮助', 'oc_4'));
    await bot.router.idle();
    // As if the process died after the reply committed but before the row was marked done.
    await handle.db
      .update(inboxEvents)
      .set({ status: 'pending', leasedBy: null, leaseUntil: clock.now() })
      .where(eq(inboxEvents.eventId, 'ib-4'));
    await bot.router.inbox.poll();
    await bot.router.idle();
    expect((await handle.db.select().from(outbox)).filter((r) => r.target === 'om-ib-4')).toHaveLength(1);
  });

  it('gives up on an event that is claimed again and again without finishing', async () => {
    const bot = await botOn(handle, clock);
    await handle.db.insert(inboxEvents).values({
      eventId: 'ib-poison',
      type: 'im.message.receive_v1',
      payload: message('ib-poison', 'om-p', '帮助'),
      orderKey: 'chat:p',
      attempts: 5,
      receivedAt: clock.now(),
      leaseUntil: clock.now(),
    });
    await bot.router.inbox.poll();
    await bot.router.idle();
    const [row] = await handle.db.select().from(inboxEvents).where(eq(inboxEvents.eventId, 'ib-poison'));
    expect(row.status).toBe('failed');
  });
});

describe('dedup batch isolation (finding 8)', () => {
  let handle: DbHandle;
  const clock = new SettableClock();
  beforeAll(async () => {
    handle = await createTestDb();
    clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
  });
  afterAll(async () => handle.close());

  it('one event with a NUL or an over-long id in the batch fails none of the 300 clean ones', async () => {
    const bot = await botOn(handle, clock);
    const clean = Array.from({ length: 300 }, (_, i) => message(`iso-${i}`, `om-iso-${i}`, '帮助', `oc_iso_${i}`));
    const bad = [
      message('bad\u0000id', 'om-nul', '帮助'),
      message('x'.repeat(3000), 'om-long', '帮助'),
      message('lone\ud800', `om-${'y'.repeat(3000)}`, 'text with \u0000 NUL'),
    ];
    const results = await Promise.allSettled([...clean, ...bad].map((e) => bot.router.handle(e)));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
    await bot.router.idle();
    const replied = new Set((await handle.db.select().from(outbox)).map((r) => r.target));
    for (let i = 0; i < 300; i++) expect(replied.has(`om-iso-${i}`)).toBe(true);
    // The same malformed id delivered again is still recognised as a duplicate.
    await bot.router.handle(message('x'.repeat(3000), 'om-long-2', '帮助'));
    await bot.router.idle();
    expect(replied.has('om-long-2')).toBe(false);
    expect((await handle.db.select().from(outbox)).filter((r) => r.target === 'om-long-2')).toHaveLength(0);
  });
});
