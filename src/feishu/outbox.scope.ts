import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

const scope = new AsyncLocalStorage<{ seed: string; n: number }>();

/**
 * Runs `work` so that every outbox row it writes gets a uuid derived from `seed` (the event id) and the
 * row's position: processing the same event again after a crash writes the same uuids, which the outbox's
 * unique uuid index and Feishu's uuid dedup turn into no-ops — each message is delivered once.
 */
export function withOutboxSeed<T>(seed: string, work: () => Promise<T>): Promise<T> {
  return scope.run({ seed, n: 0 }, work);
}

/** The next uuid of the current event, or undefined outside withOutboxSeed. */
export function seededUuid(): string | undefined {
  const s = scope.getStore();
  if (!s) return undefined;
  const h = createHash('sha256')
    .update(`${s.seed}\n${s.n++}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
