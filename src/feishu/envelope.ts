import type { InboundEvent } from './router.js';

/**
 * What a (decrypted) Feishu request body means: a URL-verification challenge, an event for the
 * router, or something malformed. `token` is the verification token the body carries, if any.
 */
export type Envelope =
  | { kind: 'challenge'; challenge: string; token?: string }
  | { kind: 'event'; event: InboundEvent; token?: string }
  | { kind: 'invalid'; reason: string };

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads schema 2.0 events, schema 1.0 events and URL verification (both schemas). */
export function parseEnvelope(body: unknown): Envelope {
  if (!isObject(body)) return { kind: 'invalid', reason: 'body is not a JSON object' };
  if (body.type === 'url_verification') {
    const challenge = str(body.challenge);
    if (!challenge) return { kind: 'invalid', reason: 'url_verification without challenge' };
    return { kind: 'challenge', challenge, token: str(body.token) };
  }
  if (body.schema === '2.0' || isObject(body.header)) return parseV2(body);
  if (body.type === 'event_callback') return parseV1(body);
  return { kind: 'invalid', reason: 'unknown envelope' };
}

function parseV2(body: Record<string, any>): Envelope {
  const header = body.header;
  if (!isObject(header)) return { kind: 'invalid', reason: 'schema 2.0 without header' };
  const eventId = str(header.event_id);
  const type = str(header.event_type);
  if (!eventId || !type) return { kind: 'invalid', reason: 'header lacks event_id or event_type' };
  if (!isObject(body.event)) return { kind: 'invalid', reason: 'schema 2.0 without event' };
  return {
    kind: 'event',
    token: str(header.token),
    event: { eventId, type, createTime: str(header.create_time), event: body.event },
  };
}

/** Schema 1.0 (legacy subscriptions): `{uuid, token, ts, type:'event_callback', event:{type,…}}`. */
function parseV1(body: Record<string, any>): Envelope {
  const eventId = str(body.uuid);
  const event = body.event;
  if (!eventId || !isObject(event) || !str(event.type))
    return { kind: 'invalid', reason: 'malformed schema 1.0 event' };
  return {
    kind: 'event',
    token: str(body.token),
    event: { eventId, type: event.type, createTime: str(body.ts), event },
  };
}

/** Header fields the SDK's EventDispatcher spreads into the data it hands a listener. */
const HEADER_KEYS = ['schema', 'event_id', 'event_type', 'create_time', 'tenant_key', 'app_id', 'token', 'ts', 'uuid'];

/**
 * Undoes the SDK's flattening (`{...rest, ...header, ...event}`) for the long connection.
 * Event fields overwrite header fields there, so in a card callback `token` is the card-update
 * token and is kept; for other events `token` is the header's verification token and is dropped.
 */
export function fromDispatcherData(type: string, data: Record<string, any>): InboundEvent | null {
  const eventId = str(data.event_id) ?? str(data.uuid);
  if (!eventId) return null;
  const event: Record<string, any> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === 'token' && type === 'card.action.trigger') event[k] = v;
    else if (!HEADER_KEYS.includes(k)) event[k] = v;
  }
  return { eventId, type, createTime: str(data.create_time), event };
}
