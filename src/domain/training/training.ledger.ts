/** The training send ledger: a message goes out only if its (recipient, kind, local date) row could be written. */
import type { Database } from '../../db/client.js';
import { trainingSendLedger } from '../../db/schema/training.js';
import { enqueue, type OutboundMessage } from '../../feishu/outbox.js';
import type { TrainingSendKind } from './training.vocab.js';

export interface SendKey {
  recipient: string;
  kind: TrainingSendKind;
  localDate: string;
  subjectKeys?: string[];
}

/**
 * Writes the ledger row, runs `also` (e.g. marks the absences reminded) and enqueues the messages in one
 * transaction; false (nothing sent) when the recipient already got this kind today.
 */
export async function sendOnce(
  db: Database,
  at: Date,
  key: SendKey,
  also: (tx: Database) => Promise<void>,
  ...messages: OutboundMessage[]
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(trainingSendLedger)
      .values({ ...key, subjectKeys: key.subjectKeys ?? [], sentAt: at })
      .onConflictDoNothing()
      .returning({ id: trainingSendLedger.id });
    if (inserted.length === 0) return false;
    await also(tx);
    await enqueue(tx, ...messages);
    return true;
  });
}
