import type { Database } from '../../db/client.js';
import { auditLog } from '../../db/schema/org.js';

export interface AuditEntry {
  actorPersonId?: number | null;
  actorOpenId?: string | null;
  /** e.g. 'person.view', 'talk.create', 'roster.import' */
  action: string;
  entity: string;
  entityId?: string | number | null;
  eventId?: string | null;
  detail?: unknown;
}

/** Appends to the audit log; call it inside the transaction of the write it records. */
export async function audit(db: Database, at: Date, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      at,
      actorPersonId: e.actorPersonId ?? null,
      actorOpenId: e.actorOpenId ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      eventId: e.eventId ?? null,
      detail: e.detail ?? null,
    })),
  );
}
