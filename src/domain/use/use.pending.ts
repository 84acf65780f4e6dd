/** The import drafts of 用 (promotions, awards, rankings): a preview keeps the rows, 确认导入 claims them once. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { usePendingImports } from '../../db/schema/use.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import { audit } from '../org/org.audit.js';

/**
 * Locks the pending import for its confirmation: it must be of `kind`, the actor's own upload in their county
 * (anyone else's click is refused and audited as forged), and not yet handled.
 */
export async function claimPending(
  tx: Database,
  at: Date,
  c: { pendingId: number; kind: string; actorPersonId: number; countyId: number; eventId?: string },
) {
  const [p] = await tx.select().from(usePendingImports).where(eq(usePendingImports.id, c.pendingId)).for('update');
  if (p?.kind !== c.kind) throw notFound('未找到该导入，请重新发送文件');
  if (p.actorPersonId !== c.actorPersonId || p.countyId !== c.countyId) {
    await audit(tx, at, {
      actorPersonId: c.actorPersonId,
      action: `use.${c.kind}.forged`,
      entity: 'use_import',
      entityId: c.pendingId,
      eventId: c.eventId,
    });
    throw forbidden('只能确认自己上传的导入');
  }
  if (p.status !== 'pending') throw conflict('该导入已处理');
  return p;
}
