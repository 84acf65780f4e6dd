/**
 * Outbox drain rate: N cards to many receivers (several each) written to the outbox, delivered by the real
 * OutboxWorker through the real SDK to a fake Open API on 127.0.0.1 that enforces Feishu's windows (50/s and
 * 1,000/min per app, 5/s per receiver) and answers 429 + 99991400 past them — against a baseline that sends
 * the same N messages straight through the SDK at exactly 50/s (no database, no limits enforced).
 * "At Feishu's rate, not below it, never above it": ≥ 90 % of 50/s, and not one 429.
 */

import { RateLimits } from '../src/emulator/ratelimit.js';
import { card, md } from '../src/feishu/cards/atoms.js';
import { enqueue } from '../src/feishu/outbox.js';
import { OutboxWorker } from '../src/feishu/outbox.worker.js';
import { FakeFeishu, silentLog } from '../test/helpers/fake-feishu.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'outbox-drain';

const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 1000);
const RECEIVERS = 100;
const APP_RATE = 50;
const TARGET_RATE = 5;
const APP_PER_MINUTE = 1000;

const message = (i: number) => card({ title: `提醒 ${i}` }, [md('请于本季度内完成谈心谈话。')]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<BenchResult> {
  const plain = await FakeFeishu.start();
  const fake = await FakeFeishu.start();
  const handle = await benchDatabase();
  try {
    const direct = plain.client();
    const baseline = await measure('SDK sends paced at 50/s, no outbox', async () => {
      const started = performance.now();
      await Promise.all(
        Array.from({ length: MESSAGES }, async (_, i) => {
          await sleep((i * 1000) / APP_RATE - (performance.now() - started));
          await direct.im.message.create({
            params: { receive_id_type: 'open_id' },
            data: { receive_id: `ou_${i % RECEIVERS}`, msg_type: 'interactive', content: JSON.stringify(message(i)) },
          });
        }),
      );
      return { ops: MESSAGES };
    });

    const rows = Array.from({ length: MESSAGES }, (_, i) => ({
      kind: 'send' as const,
      to: { openId: `ou_${i % RECEIVERS}` },
      card: message(i),
    }));
    await enqueue(handle.db, ...rows);
    // Feishu's windows, as the emulator keeps them: refused calls get 429 + 99991400 and the reset header.
    const windows = new RateLimits();
    let refused = 0;
    fake.script = (req) => {
      if (req.method !== 'POST' || req.path !== '/open-apis/im/v1/messages') return undefined;
      const v = windows.check('send', String(req.body?.receive_id), performance.now());
      if (v.ok) return undefined;
      refused++;
      return {
        status: 429,
        headers: { 'x-ogw-ratelimit-limit': String(v.limit), 'x-ogw-ratelimit-reset': String(v.resetSeconds) },
        body: { code: 99991400, msg: 'request trigger frequency limit' },
      };
    };
    const worker = new OutboxWorker({
      db: handle.db,
      lark: fake.client(),
      log: silentLog,
      clock: { now: () => new Date() },
      appRate: APP_RATE,
      targetRate: TARGET_RATE,
      appPerMinute: APP_PER_MINUTE,
    });
    const candidate = await measure(`outbox worker (${handle.driver})`, async () => {
      await worker.drain();
      return { ops: MESSAGES };
    });
    const sent = fake.uuidCounts();
    const twice = [...sent.values()].filter((n) => n > 1).length;
    if (sent.size !== MESSAGES || twice > 0) throw new Error(`delivered ${sent.size} distinct, ${twice} twice`);
    if (refused > 0) throw new Error(`${refused} sends refused with 429: the worker went above Feishu's windows`);
    return {
      baseline,
      candidate,
      limits: [{ metric: 'opsPerSecond', bound: APP_RATE * 0.9, why: '≥ 90 % of Feishu’s 50 messages/s per app' }],
      notes: [
        `${MESSAGES} cards to ${RECEIVERS} receivers (${MESSAGES / RECEIVERS} each); the fake enforces ${APP_RATE}/s and ${APP_PER_MINUTE}/min per app, ${TARGET_RATE}/s per receiver.`,
        `Every message delivered exactly once (counted by uuid at the fake Open API); 429 answers: ${refused}.`,
      ],
    };
  } finally {
    await handle.close();
    await fake.close();
    await plain.close();
  }
}
