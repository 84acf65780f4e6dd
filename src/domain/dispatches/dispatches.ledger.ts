/** The dispatch send ledger: a message goes out only if its (recipient, kind, local date) row could be written. */
import type { Database } from '../../db/client.js';
import { dispatchSendLedger } from '../../db/schema/dispatches.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';
import type { SendKind } from './dispatches.vocab.js';

export interface SendKey {
  recipient: string;
  kind: SendKind;
  localDate: string;
  subjectKeys?: string[];
}

/**
 * Writes the ledger row and the messages in one transaction; false (nothing sent) when the recipient already
 * got this kind today — from this instance, another one, or before a restart.
 */
export async function sendOnce(db: Database, at: Date, key: SendKey, ...messages: OutboundMessage[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(dispatchSendLedger)
      .values({ ...key, subjectKeys: key.subjectKeys ?? [], sentAt: at })
      .onConflictDoNothing()
      .returning({ id: dispatchSendLedger.id });
    if (inserted.length === 0) return false;
    await enqueue(tx, ...messages);
    return true;
  });
}
