import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { envProxyAgent, proxyConfigured } from '../../src/feishu/proxy.js';

const ws: any = createRequire(import.meta.url)('ws');

/** A forward proxy that records what went through it: CONNECT tunnels and absolute-URL requests. */
function startProxy() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`GET-STYLE ${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const up = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(up);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const up = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  return { server, seen };
}

const listen = (s: http.Server) =>
  new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));

describe('outbound through HTTPS_PROXY / NO_PROXY', () => {
  const proxy = startProxy();
  const api = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200, path: req.url }));
  });
  const wss = new ws.WebSocketServer({ noServer: true });
  api.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (c: any) => c.send('hello')));
  let proxyPort = 0;
  let apiPort = 0;
  const saved = { ...process.env };
  beforeAll(async () => {
    proxyPort = await listen(proxy.server);
    apiPort = await listen(api);
  });
  afterEach(() => {
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    proxy.seen.length = 0;
  });
  afterAll(() => {
    wss.close();
    proxy.server.close();
    api.close();
  });

  const setProxy = (noProxy = '') => {
    for (const k of ['http_proxy', 'https_proxy', 'no_proxy']) delete process.env[k];
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxyPort}`;
    process.env.NO_PROXY = noProxy;
  };

  const openSocket = () =>
    new Promise<string>((resolve, reject) => {
      const c = new ws(`ws://127.0.0.1:${apiPort}/ws`, { agent: envProxyAgent() });
      c.on('message', (m: Buffer) => {
        resolve(m.toString());
        c.close();
      });
      c.on('error', reject);
    });

  it('the long connection (the agent given to WSClient) tunnels through the proxy', async () => {
    setProxy();
    expect(proxyConfigured()).toBe(true);
    expect(await openSocket()).toBe('hello');
    expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${apiPort}`]);
  });

  it('the long connection goes direct for a host in NO_PROXY', async () => {
    setProxy('127.0.0.1');
    expect(await openSocket()).toBe('hello');
    expect(proxy.seen).toEqual([]);
  });

  it("the SDK's Open API client goes through the proxy, and not for a NO_PROXY host", async () => {
    setProxy();
    const client = new lark.Client({
      appId: 'cli_a000000000000001',
      appSecret: 's',
      domain: `http://127.0.0.1:${apiPort}`,
      loggerLevel: lark.LoggerLevel.error,
    });
    const res: any = await client.auth.tenantAccessToken.internal({ data: { app_id: 'a', app_secret: 's' } });
    expect(res.tenant_access_token).toBe('t-1');
    expect(proxy.seen.some((s) => s.includes(`127.0.0.1:${apiPort}`))).toBe(true);

    proxy.seen.length = 0;
    setProxy('127.0.0.1');
    await client.auth.tenantAccessToken.internal({ data: { app_id: 'a', app_secret: 's' } });
    expect(proxy.seen).toEqual([]);
  });
});
