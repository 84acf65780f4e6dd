/** What to do after a failed delivery: try again later, or give up and mark the row failed. */
export type Verdict =
  | { kind: 'retry'; reason: string; delayMs: number; limited?: 'app' | 'target' }
  | { kind: 'fail'; reason: string };

/** Feishu answered HTTP 200 with `code ≠ 0` (the SDK resolves those instead of throwing). */
export class FeishuApiError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
  ) {
    super(`code ${code}: ${msg}`);
  }
}

/** 99991400: the app's API rate; 230020: the per-receiver / per-chat message rate. */
const APP_RATE_CODES = new Set([99991400]);
const TARGET_RATE_CODES = new Set([230020]);
/** Access-token trouble (expired, revoked, not yet issued): a later try with a fresh token may pass. */
const TOKEN_CODES = new Set([99991661, 99991663, 99991664, 99991665, 99991668]);

export const MAX_ATTEMPTS = 20;
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;

/** Exponential backoff after the n-th failed attempt (1-based): 2 s, 4 s, 8 s … capped at 10 min. */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * Reads what went wrong from an SDK error (AxiosError), a FeishuApiError, or anything else thrown.
 * `backoff` gives the wait when Feishu does not say how long (x-ogw-ratelimit-reset always wins).
 */
export function classify(err: unknown, attempt: number, backoff: (attempt: number) => number = backoffMs): Verdict {
  const verdict = judge(err, backoff(attempt));
  if (verdict.kind === 'retry' && attempt >= MAX_ATTEMPTS) {
    return { kind: 'fail', reason: `gave up after ${attempt} attempts: ${verdict.reason}` };
  }
  return verdict;
}

/** Feishu's business code of a failed call (thrown by `check` or carried by the SDK's HTTP error), if any. */
export function feishuCode(err: unknown): number | null {
  if (err instanceof FeishuApiError) return err.code;
  const code = (err as { response?: { data?: { code?: unknown } } })?.response?.data?.code;
  return typeof code === 'number' ? code : null;
}

function judge(err: unknown, backoff: number): Verdict {
  if (err instanceof FeishuApiError) return byCode(err.code, `code ${err.code}: ${err.msg}`, null, backoff);
  const e = err as { response?: { status?: number; data?: any; headers?: any }; code?: string; message?: string };
  const res = e?.response;
  if (!res || typeof res.status !== 'number') {
    return { kind: 'retry', reason: `network: ${e?.code ?? e?.message ?? String(err)}`, delayMs: backoff };
  }
  const code = typeof res.data?.code === 'number' ? res.data.code : null;
  const reason =
    `HTTP ${res.status}${code === null ? '' : ` code ${code}`}: ${res.data?.msg ?? e.message ?? ''}`.trim();
  const resetMs = resetHeaderMs(res.headers);
  if (res.status === 429) return rateLimited(code, reason, resetMs, backoff);
  if (res.status >= 500) return { kind: 'retry', reason, delayMs: backoff };
  if (code === null) return { kind: 'fail', reason };
  return byCode(code, reason, resetMs, backoff);
}

function byCode(code: number, reason: string, resetMs: number | null, backoff: number): Verdict {
  if (APP_RATE_CODES.has(code) || TARGET_RATE_CODES.has(code)) return rateLimited(code, reason, resetMs, backoff);
  if (TOKEN_CODES.has(code)) return { kind: 'retry', reason, delayMs: backoff };
  return { kind: 'fail', reason };
}

function rateLimited(code: number | null, reason: string, resetMs: number | null, backoff: number): Verdict {
  const limited = code !== null && TARGET_RATE_CODES.has(code) ? 'target' : 'app';
  return { kind: 'retry', reason, delayMs: resetMs ?? backoff, limited };
}

/** `x-ogw-ratelimit-reset` is the number of seconds until the limit resets. */
export function resetHeaderMs(headers: any): number | null {
  if (!headers) return null;
  const raw = typeof headers.get === 'function' ? headers.get('x-ogw-ratelimit-reset') : undefined;
  const value = Number(raw ?? headers['x-ogw-ratelimit-reset'] ?? headers['X-Ogw-Ratelimit-Reset']);
  if (!Number.isFinite(value) || value < 0) return null;
  return Math.max(1_000, Math.ceil(value * 1000));
}
