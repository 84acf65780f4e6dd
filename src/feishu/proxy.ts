import net from 'node:net';
import tls from 'node:tls';
import createAgent from 'agent-base';
import createHttpsProxyAgent from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

/**
 * Outbound access through the intranet's proxy, as configured by the usual variables
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, upper or lower case).
 *
 * - Open API calls: the SDK's axios instance reads these variables itself (proxy-from-env, CONNECT tunnels
 *   through https-proxy-agent for https), so nothing is passed for them.
 * - The long connection: the SDK's WSClient hands `agent` to `ws`, which does not read the variables. This
 *   agent decides per connection (the wss host is only known after endpoint discovery): through the proxy
 *   (HTTP CONNECT) unless NO_PROXY names the host, direct otherwise.
 */
export function proxyFor(url: string): string | null {
  return getProxyForUrl(url) || null;
}

/** True when any proxy variable is set (the long connection then gets the routing agent below). */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'].some(
    (k) => (env[k] ?? '').trim() !== '',
  );
}

/** The agent for WSClient: each connection tunnels through the proxy the environment names for it, or goes direct. */
export function envProxyAgent(): createAgent.Agent {
  return createAgent((_req, opts) => {
    const secure = Boolean(opts.secureEndpoint);
    const url = `${secure ? 'https' : 'http'}://${opts.host}:${opts.port}`;
    const proxy = proxyFor(url);
    if (proxy) return createHttpsProxyAgent(proxy);
    const target = { ...opts, host: opts.host ?? undefined, port: Number(opts.port) } as never;
    return secure ? tls.connect(target) : net.connect(target);
  });
}
