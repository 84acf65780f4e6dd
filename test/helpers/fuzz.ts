import type { FastifyInstance } from 'fastify';
import { encryptEvent, signRequest } from '../../src/feishu/crypto.js';
import { cardAction, envelope, LOCAL_TOKEN, messageEvent } from './feishu-events.js';

/**
 * A seeded webhook fuzzer: real-shaped Feishu requests (messages, files, card actions, menus, chat events,
 * challenges, schema 1.0), mutated at the JSON level (values swapped for NUL strings, lone surrogates, huge
 * strings, wrong types; keys dropped or added) or the byte level (flips, truncation), then sent signed and
 * encrypted (they reach the router) or unsigned / with broken headers (they must be refused).
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const WEIRD = (r: Rand): unknown =>
  pick(r, [
    null,
    0,
    -1,
    1e308,
    '',
    'bad\u0000value',
    'lone\ud800half',
    'x'.repeat(3000 + Math.floor(r() * 5000)),
    '[链接](https://example.com) <at id=all></at> **粗体**',
    '360702199001010025',
    { nested: { deeper: [1, 'a', null] } },
    [1, 2, 3],
    true,
    '帮助',
    '   ',
    '\u202e\u200b',
  ]);

function seedBody(r: Rand, now: Date): Record<string, any> {
  const openId = pick(r, ['ou_fuzz_a', 'ou_fuzz_b', 'ou_unknown']);
  switch (Math.floor(r() * 7)) {
    case 0:
      return messageEvent({
        text: pick(r, ['帮助', '待办', '查询 csy', '统计 2022-01-01', '资源库', '推荐', '谈话']),
        openId,
        createTime: now,
      });
    case 1:
      return messageEvent({ chatType: 'group', chatId: 'oc_fuzz_group', openId, text: '查询 csy', createTime: now });
    case 2:
      return messageEvent({
        file: { fileKey: 'fk_fuzz', fileName: pick(r, ['a.xlsx', 'b.docx', '../../etc/passwd']) },
        openId,
        createTime: now,
      });
    case 3:
      return cardAction({
        openId,
        value: {
          a: pick(r, ['talks.submit', 'pool.entry', 'recommendations.submit', 'nope', 'help.show']),
          id: Math.floor(r() * 100),
        },
        formValue: r() < 0.5 ? { date: '2026-11-30', topics: '工作', nonce: 'n1' } : undefined,
        createTime: now,
      });
    case 4:
      return envelope(
        'application.bot.menu_v6',
        { operator: { operator_id: { open_id: openId } }, event_key: pick(r, ['待办', '帮助', '']) },
        { createTime: now },
      );
    case 5:
      return envelope(
        pick(r, [
          'im.chat.member.bot.added_v1',
          'im.chat.member.bot.deleted_v1',
          'im.chat.access_event.bot_p2p_chat_entered_v1',
        ]),
        { chat_id: 'oc_fuzz', operator_id: { open_id: openId }, name: '测试群' },
        { createTime: now },
      );
    default:
      return r() < 0.5
        ? { type: 'url_verification', challenge: 'c-fuzz', token: LOCAL_TOKEN }
        : {
            uuid: `v1-${Math.floor(r() * 1e9)}`,
            token: LOCAL_TOKEN,
            ts: '1',
            type: 'event_callback',
            event: { type: 'x' },
          };
  }
}

/** Replaces, drops or adds one field somewhere in the object (a few times). */
function mutateJson(r: Rand, body: any): any {
  const copy = structuredClone(body);
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    let node = copy;
    for (let depth = 0; depth < 4; depth++) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const k = pick(r, keys);
      const child = node[k];
      if (child && typeof child === 'object' && r() < 0.6) {
        node = child;
        continue;
      }
      const what = r();
      if (what < 0.6) node[k] = WEIRD(r);
      else if (what < 0.8) delete node[k];
      else node[`x_${Math.floor(r() * 100)}`] = WEIRD(r);
      break;
    }
  }
  // Keep unique ids unique (dedup would swallow most mutations otherwise), unless the mutation replaced them.
  if (copy?.header && typeof copy.header.event_id === 'string') copy.header.event_id += `-${Math.floor(r() * 1e12)}`;
  if (copy?.event?.message && typeof copy.event.message.message_id === 'string')
    copy.event.message.message_id += `-${Math.floor(r() * 1e12)}`;
  return copy;
}

function mutateBytes(r: Rand, text: string): string {
  const chars = [...text];
  if (r() < 0.3) return chars.slice(0, Math.floor(r() * chars.length)).join('');
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--)
    chars[Math.floor(r() * chars.length)] = String.fromCharCode(Math.floor(r() * 0xffff));
  return chars.join('');
}

export interface FuzzRequest {
  headers: Record<string, string>;
  payload: string;
  kind: 'signed' | 'unsigned' | 'tampered';
  /** The JSON before encryption (for reports). */
  plain: string;
}

/** The `i`-th request of a run (deterministic for a seed). */
export function fuzzRequest(r: Rand, encryptKey: string, now: Date): FuzzRequest {
  const ts = Math.floor(now.getTime() / 1000);
  const body = r() < 0.85 ? mutateJson(r, seedBody(r, now)) : seedBody(r, now);
  const plain = JSON.stringify(body).slice(0, 600);
  const mode = r();
  if (mode < 0.6) {
    // Signed (and usually encrypted) after the mutation: it passes the checks and reaches the router.
    let payload = JSON.stringify(r() < 0.8 ? encryptEvent(encryptKey, body) : body);
    if (r() < 0.15) payload = mutateBytes(r, payload);
    return { headers: signRequest({ encryptKey, body: payload, timestamp: ts }), payload, kind: 'signed', plain };
  }
  if (mode < 0.8) {
    const payload = r() < 0.5 ? JSON.stringify(body) : mutateBytes(r, JSON.stringify(body));
    return { headers: { 'content-type': 'application/json' }, payload, kind: 'unsigned', plain };
  }
  const payload = JSON.stringify(encryptEvent(encryptKey, body));
  const headers = signRequest({ encryptKey, body: payload, timestamp: ts });
  const broken = pick(r, ['x-lark-signature', 'x-lark-request-timestamp', 'x-lark-request-nonce'] as const);
  headers[broken] = pick(r, ['', 'abc', String(ts - 100_000), 'ff'.repeat(32), '9'.repeat(40)]);
  return { headers, payload: r() < 0.5 ? payload : mutateBytes(r, payload), kind: 'tampered', plain };
}

export interface FuzzStats {
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: { status: number; kind: string; plain: string; answer: string }[];
  ms: number;
}

/** Sends `count` requests, `parallel` at a time, through app.inject; counts statuses and keeps every 5xx. */
export async function runFuzz(opts: {
  app: FastifyInstance;
  now: () => Date;
  encryptKey: string;
  count: number;
  seed: number;
  parallel?: number;
}): Promise<FuzzStats> {
  const r = mulberry32(opts.seed);
  const stats: FuzzStats = { requests: 0, byStatus: {}, fiveXx: [], ms: 0 };
  const t0 = performance.now();
  const parallel = opts.parallel ?? 16;
  for (let i = 0; i < opts.count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, opts.count - i) }, () =>
      fuzzRequest(r, opts.encryptKey, opts.now()),
    );
    const answers = await Promise.all(
      batch.map((req) =>
        opts.app.inject({ method: 'POST', url: '/feishu/events', headers: req.headers, payload: req.payload }),
      ),
    );
    answers.forEach((res, j) => {
      stats.requests++;
      stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 500)
        stats.fiveXx.push({
          status: res.statusCode,
          kind: batch[j].kind,
          plain: batch[j].plain,
          answer: res.body.slice(0, 200),
        });
    });
  }
  stats.ms = Math.round(performance.now() - t0);
  return stats;
}
