import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBot } from '../../src/app.js';
import { SettableClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { DbHandle } from '../../src/db/client.js';
import { inboxEvents, outbox } from '../../src/db/schema/transport.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { createTestDb } from '../helpers/db.js';

const message = (eventId: string, text: string, chatId: string) => ({
  eventId,
  type: 'im.message.receive_v1',
  event: {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: {
      message_id: `om-${eventId}`,
      chat_id: chatId,
      chat_type: 'p2p',
      message_type: 'text',
      content: JSON.stringify({ text }),
    },
  },
});

/** One event at a time; `慢` waits for the gate (a handler still running when SIGTERM arrives). */
async function botOn(handle: DbHandle, clock: SettableClock, gate: Promise<void>) {
  const bot = await buildBot({
    config: loadConfig({ PORT: '3997', INBOX_CONCURRENCY: '1', INBOX_LEASE_SECONDS: '30' }),
    db: handle.db,
    dbDriver: handle.driver,
    clock,
    logger: false,
    capabilities: [help],
  });
  const card = { schema: '2.0', body: { elements: [] } } as never;
  bot.router.command(['慢'], async (ctx) => {
    await gate;
    await ctx.reply(card);
  });
  bot.router.command(['快'], async (ctx) => ctx.reply(card));
  return bot;
}

const row = async (handle: DbHandle, eventId: string) =>
  (await handle.db.select().from(inboxEvents).where(eq(inboxEvents.eventId, eventId)))[0];
const replies = async (handle: DbHandle, eventId: string) =>
  (await handle.db.select().from(outbox)).filter((r) => r.target === `om-${eventId}`);

describe('graceful shutdown (SIGTERM → app.close())', () => {
  let handle: DbHandle;
  const clock = new SettableClock();
  beforeAll(async () => {
    handle = await createTestDb();
    clock.freeze(new Date('2026-11-30T09:00:00+08:00'));
  });
  afterAll(async () => handle.close());

  it('finishes the running event, gives queued events back at once, and stores late arrivals unleased', async () => {
    let open = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
    });
    const first = await botOn(handle, clock, gate);
    first.router.inbox.start();
    await first.router.handle(message('sd-1', '慢', 'oc_sd_1'));
    await first.router.handle(message('sd-2', '快', 'oc_sd_2'));
    await first.router.handle(message('sd-3', '快', 'oc_sd_3'));
    // sd-1 runs (blocked on the gate); sd-2 and sd-3 wait in memory, leased to this instance.
    await new Promise((r) => setTimeout(r, 50));
    expect((await row(handle, 'sd-2')).leasedBy).not.toBeNull();

    const closing = first.app.close();
    // Queued events go back to the table without waiting for their lease, their claim not counted: within a
    // few seconds on a busy machine, far inside the lease.
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && ((await row(handle, 'sd-2')).leasedBy || (await row(handle, 'sd-3')).leasedBy))
      await new Promise((r) => setTimeout(r, 50));
    for (const id of ['sd-2', 'sd-3']) {
      expect(await row(handle, id)).toMatchObject({ status: 'pending', leasedBy: null, attempts: 0 });
      expect(await replies(handle, id)).toHaveLength(0);
    }
    // An event that arrives while shutting down is stored for any instance, not queued here.
    await first.router.handle(message('sd-4', '快', 'oc_sd_4'));
    expect(await row(handle, 'sd-4')).toMatchObject({ status: 'pending', leasedBy: null });
    // The running handler is not cut off: close waits for it.
    let closed = false;
    void closing.then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    open();
    await closing;
    expect((await row(handle, 'sd-1')).status).toBe('done');
    expect(await replies(handle, 'sd-1')).toHaveLength(1);

    // Another instance takes the released events at once (the clock has not moved past any lease).
    const next = await botOn(handle, clock, Promise.resolve());
    await next.router.inbox.poll();
    await next.router.idle();
    for (const id of ['sd-2', 'sd-3', 'sd-4']) {
      expect((await row(handle, id)).status).toBe('done');
      expect(await replies(handle, id)).toHaveLength(1);
    }
    await next.app.close();
  });
});
