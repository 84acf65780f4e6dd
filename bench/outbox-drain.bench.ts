/**
 * Outbox drain rate: N cards to many receivers written to the outbox, delivered by the real OutboxWorker
 * through the real SDK to a fake Open API on 127.0.0.1 — against a baseline that sends the same N messages
 * straight through the SDK, paced by nothing but the same app-wide token bucket (no database).
 * "Drains at Feishu's rate limit, not below it": the candidate's messages per second must reach ≥ 90 % of it.
 */
import { card, md } from '../src/feishu/cards/atoms.js';
import { enqueue } from '../src/feishu/outbox.js';
import { OutboxWorker } from '../src/feishu/outbox.worker.js';
import { FakeFeishu, silentLog } from '../test/helpers/fake-feishu.js';
import { benchDatabase } from './db.js';
import { type BenchResult, measure } from './lib.js';

export const name = 'outbox-drain';

const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 250);
const RECEIVERS = 100;
const APP_RATE = 50;
const TARGET_RATE = 5;

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
    const worker = new OutboxWorker({
      db: handle.db,
      lark: fake.client(),
      log: silentLog,
      clock: { now: () => new Date() },
      appRate: APP_RATE,
      targetRate: TARGET_RATE,
    });
    const candidate = await measure(`outbox worker (${handle.driver})`, async () => {
      await worker.drain();
      return { ops: MESSAGES };
    });
    const sent = fake.uuidCounts();
    const twice = [...sent.values()].filter((n) => n > 1).length;
    if (sent.size !== MESSAGES || twice > 0) throw new Error(`delivered ${sent.size} distinct, ${twice} twice`);
    return {
      baseline,
      candidate,
      limits: [{ metric: 'opsPerSecond', bound: APP_RATE * 0.9, why: '≥ 90 % of Feishu’s 50 messages/s per app' }],
      notes: [
        `${MESSAGES} cards to ${RECEIVERS} receivers; limits ${APP_RATE}/s per app, ${TARGET_RATE}/s per receiver.`,
        'Every message delivered exactly once (counted by uuid at the fake Open API).',
      ],
    };
  } finally {
    await handle.close();
    await fake.close();
    await plain.close();
  }
}
