import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/deps.js';

/** A request the fake Open API received. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  /** Size of the raw body (uploads are multipart and not parsed). */
  bytes: number;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Decides the answer to a request; `undefined` falls through to the normal behaviour. */
export type Script = (req: FakeRequest) => FakeResponse | undefined | Promise<FakeResponse | undefined>;

/**
 * A minimal Feishu Open API on 127.0.0.1 (random port) that records what it receives and, like
 * Feishu, creates at most one message per `uuid`: a repeated uuid gets the first message back.
 */
export class FakeFeishu {
  readonly requests: FakeRequest[] = [];
  /** uuid → message_id of the message that uuid created. */
  readonly messages = new Map<string, string>();
  script: Script | null = null;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeFeishu> {
    let fake: FakeFeishu | undefined;
    const server = createServer((req, res) => {
      void fake!.serve(req).then((out) => {
        res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
        res.end(JSON.stringify(out.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeFeishu(server, `http://127.0.0.1:${port}`);
    return fake;
  }

  /** A real SDK client pointed at this server, with its own token cache. */
  client(): lark.Client {
    return new lark.Client({
      appId: 'cli_a000000000000001',
      appSecret: 'fake-secret',
      domain: this.url,
      cache: new lark.DefaultCache(),
      // The SDK reads `loggerLevel || info`, so silence it with a logger instead.
      logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
    });
  }

  /** Message-creating requests (send, reply, file message), in arrival order. */
  sends(): FakeRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && /^\/open-apis\/im\/v1\/messages/.test(r.path));
  }

  /** How many requests arrived for each uuid. */
  uuidCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.sends()) counts.set(r.body.uuid, (counts.get(r.body.uuid) ?? 0) + 1);
    return counts;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage): Promise<FakeResponse> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const rec: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: isJson && raw.length ? JSON.parse(raw.toString('utf8')) : raw.toString('latin1'),
      bytes: raw.length,
    };
    if (rec.path.endsWith('/tenant_access_token/internal')) {
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: 't-fake', expire: 7200 } };
    }
    this.requests.push(rec);
    return (await this.script?.(rec)) ?? this.answer(rec);
  }

  private answer(rec: FakeRequest): FakeResponse {
    if (rec.path === '/open-apis/im/v1/files') return ok({ file_key: `file_v2_${++this.seq}` });
    if (rec.method === 'PATCH') return ok({});
    if (rec.method === 'POST' && rec.path.startsWith('/open-apis/im/v1/messages')) {
      const uuid = rec.body?.uuid;
      const existing = uuid ? this.messages.get(uuid) : undefined;
      const messageId = existing ?? `om_fake_${++this.seq}`;
      if (uuid && !existing) this.messages.set(uuid, messageId);
      return ok({ message_id: messageId, msg_type: rec.body?.msg_type });
    }
    return { status: 404, body: { code: 404, msg: 'not found' } };
  }
}

const ok = (data: unknown): FakeResponse => ({ status: 200, body: { code: 0, msg: 'success', data } });

/** A logger that says nothing (workers and transports outside a fastify app). */
export const silentLog: Logger = {
  level: 'silent',
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child() {
    return silentLog;
  },
} as unknown as Logger;
