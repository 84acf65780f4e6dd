import type { Database } from '../db/client.js';
import { outbox } from '../db/schema/transport.js';
import { randomIds } from '../ids.js';
import type { Card } from './cards/atoms.js';
import { seededUuid } from './outbox.scope.js';

/** A message the bot wants to send; written to the outbox in the caller's transaction. */
export type OutboundMessage =
  /** `urgent`: 应用内加急 for a private-chat receiver after the send (OUTBOX: opt-in per message). */
  | { kind: 'send'; to: Receiver; card: Card; ref?: string; urgent?: boolean }
  | { kind: 'send_text'; to: Receiver; text: string; ref?: string }
  /** `to` is the chat the replied-to message is in: the sender's open_id in a private chat, else the chat_id. */
  | { kind: 'reply'; messageId: string; to: Receiver; card: Card; ref?: string }
  | { kind: 'patch'; messageId: string; card: Card; ref?: string }
  | { kind: 'file'; to: Receiver; fileName: string; data: Buffer; ref?: string };

export type Receiver = { openId: string } | { chatId: string };

/** The per-chat rate-limit key (outbox.receiver): a private chat by its user, a group by its chat. */
function receiver(to: Receiver): string {
  return 'openId' in to ? `to:${to.openId}` : `to:${to.chatId}`;
}

function target(to: Receiver) {
  return 'openId' in to
    ? { target: to.openId, receiveIdType: 'open_id' as const, receiver: receiver(to) }
    : { target: to.chatId, receiveIdType: 'chat_id' as const, receiver: receiver(to) };
}

/**
 * Writes messages to the outbox. Pass the transaction that makes the change the message reports,
 * so both commit or neither does. The worker delivers them afterwards.
 */
export async function enqueue(db: Database, ...messages: OutboundMessage[]): Promise<void> {
  if (messages.length === 0) return;
  // A replayed event writes the same seeded uuids again: those rows exist already and are skipped.
  await db.insert(outbox).values(messages.map(toRow)).onConflictDoNothing({ target: outbox.uuid });
}

function toRow(m: OutboundMessage) {
  const uuid = seededUuid() ?? randomIds.uuid();
  switch (m.kind) {
    case 'send':
      return {
        uuid,
        kind: 'send' as const,
        ...target(m.to),
        msgType: 'interactive',
        content: m.card,
        ref: m.ref,
        urgent: m.urgent === true && 'openId' in m.to,
      };
    case 'send_text':
      return { uuid, kind: 'send' as const, ...target(m.to), msgType: 'text', content: { text: m.text }, ref: m.ref };
    case 'reply':
      return {
        uuid,
        kind: 'reply' as const,
        target: m.messageId,
        receiver: receiver(m.to),
        msgType: 'interactive',
        content: m.card,
        ref: m.ref,
      };
    case 'patch':
      return {
        uuid,
        kind: 'patch' as const,
        target: m.messageId,
        msgType: 'interactive',
        content: m.card,
        ref: m.ref,
      };
    case 'file':
      return {
        uuid,
        kind: 'file' as const,
        ...target(m.to),
        msgType: 'file',
        content: {},
        fileName: m.fileName,
        fileBase64: m.data.toString('base64'),
        ref: m.ref,
      };
  }
}
