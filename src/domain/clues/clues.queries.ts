/** Storage of problem clues (drizzle queries only). */
import { and, asc, count, eq, inArray, notInArray, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { clueAttachIntents, clueAttachments, clueEvents, clues } from '../../db/schema/clues.js';
import { people, units } from '../../db/schema/org.js';
import type { ClueAction, ClueStep } from './clues.vocab.js';

export type ClueRow = typeof clues.$inferSelect;

export const TERMINAL: ClueStep[] = ['closed', 'returned'];
const isOpen = notInArray(clues.step, TERMINAL);

export async function clueById(db: Database, id: number): Promise<ClueRow | null> {
  const [row] = await db.select().from(clues).where(eq(clues.id, id));
  return row ?? null;
}

export interface ClueListRow {
  id: number;
  step: ClueStep;
  dueOn: string | null;
  stepSince: string;
  cadreName: string;
  unitName: string;
  leaderPersonId: number | null;
  cadrePersonId: number;
}

const listColumns = {
  id: clues.id,
  step: clues.step,
  dueOn: clues.dueOn,
  stepSince: clues.stepSince,
  cadreName: people.name,
  unitName: units.name,
  leaderPersonId: clues.leaderPersonId,
  cadrePersonId: clues.cadrePersonId,
};

/** Open clues of some counties (null = all), or assigned to a leader; oldest due first. */
export async function openClues(
  db: Database,
  filter: { countyIds?: number[] | null; leaderId?: number },
): Promise<ClueListRow[]> {
  const where = and(
    isOpen,
    filter.leaderId !== undefined ? eq(clues.leaderPersonId, filter.leaderId) : undefined,
    filter.countyIds ? inArray(clues.countyId, filter.countyIds.length ? filter.countyIds : [-1]) : undefined,
  );
  return db
    .select(listColumns)
    .from(clues)
    .innerJoin(people, eq(people.id, clues.cadrePersonId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .orderBy(asc(clues.dueOn), asc(clues.id)) as Promise<ClueListRow[]>;
}

/** All clues (open and finished) of some counties, for the export. */
export async function cluesForExport(db: Database, countyIds: number[] | null) {
  const reporter = sql<string>`(select r.name from people r where r.id = ${clues.reporterPersonId})`;
  const leader = sql<string | null>`(select l.name from people l where l.id = ${clues.leaderPersonId})`;
  return db
    .select({ c: clues, cadreName: people.name, unitName: units.name, reporterName: reporter, leaderName: leader })
    .from(clues)
    .innerJoin(people, eq(people.id, clues.cadrePersonId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(countyIds ? inArray(clues.countyId, countyIds.length ? countyIds : [-1]) : undefined)
    .orderBy(asc(clues.id));
}

/** Every open clue with its step dates (jobs, digest). */
export async function allOpenClues(db: Database, countyId?: number) {
  return db
    .select({
      id: clues.id,
      countyId: clues.countyId,
      step: clues.step,
      stepSince: clues.stepSince,
      dueOn: clues.dueOn,
      leaderPersonId: clues.leaderPersonId,
      cadrePersonId: clues.cadrePersonId,
    })
    .from(clues)
    .where(and(isOpen, countyId !== undefined ? eq(clues.countyId, countyId) : undefined)) as Promise<
    {
      id: number;
      countyId: number;
      step: Exclude<ClueStep, 'closed' | 'returned'>;
      stepSince: string;
      dueOn: string | null;
      leaderPersonId: number | null;
      cadrePersonId: number;
    }[]
  >;
}

/** The people among `personIds` with an open clue (the pool hold). */
export async function peopleWithOpenClues(db: Database, personIds: number[]): Promise<Set<number>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: clues.cadrePersonId })
    .from(clues)
    .where(and(isOpen, inArray(clues.cadrePersonId, personIds)));
  return new Set(rows.map((r) => r.id));
}

export async function clueEventsOf(db: Database, clueId: number) {
  const actor = sql<string | null>`(select p.name from people p where p.id = ${clueEvents.actorPersonId})`;
  return db
    .select({ e: clueEvents, actorName: actor })
    .from(clueEvents)
    .where(eq(clueEvents.clueId, clueId))
    .orderBy(asc(clueEvents.at), asc(clueEvents.id));
}

/**
 * Moves a clue from `from` to `to` only if it is still at `from` (a concurrent or replayed click loses);
 * returns whether it moved.
 */
export async function moveClue(
  tx: Database,
  id: number,
  from: ClueStep,
  set: Partial<ClueRow> & { step: ClueStep; stepSince: string },
  event: { action: ClueAction; actorPersonId: number; note?: string | null },
  at: Date,
): Promise<boolean> {
  const moved = await tx
    .update(clues)
    .set({ ...set, updatedAt: at })
    .where(and(eq(clues.id, id), eq(clues.step, from)))
    .returning({ id: clues.id });
  if (moved.length === 0) return false;
  await tx.insert(clueEvents).values({
    clueId: id,
    at,
    action: event.action,
    fromStep: from,
    toStep: set.step,
    actorPersonId: event.actorPersonId,
    note: event.note ?? null,
  });
  return true;
}

export async function insertClue(
  tx: Database,
  row: Omit<typeof clues.$inferInsert, 'createdAt' | 'updatedAt'>,
  at: Date,
) {
  const [r] = await tx
    .insert(clues)
    .values({ ...row, ...stamps(at) })
    .onConflictDoNothing()
    .returning({ id: clues.id });
  if (!r) return null;
  await tx.insert(clueEvents).values({
    clueId: r.id,
    at,
    action: 'report',
    fromStep: null,
    toStep: row.step,
    actorPersonId: row.reporterPersonId,
  });
  return r.id;
}

export async function clueByNonce(db: Database, nonce: string) {
  const [r] = await db
    .select({ id: clues.id, reporter: clues.reporterPersonId })
    .from(clues)
    .where(eq(clues.formNonce, nonce));
  return r ?? null;
}

/** The county of a person's unit, their name and unit (null if unknown or inactive). */
export async function personInCounty(db: Database, personId: number) {
  const [r] = await db
    .select({ id: people.id, name: people.name, countyId: units.countyId, unitName: units.name, active: people.active })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(eq(people.id, personId));
  return r?.active ? r : null;
}

/** People of a county matching a name or pinyin initials (the clue form's cadre choice). */
export async function countyPeopleMatching(db: Database, countyId: number, q: string, limit = 20) {
  const like = `%${q.replace(/[%_\\]/g, '')}%`;
  return db
    .select({ id: people.id, name: people.name, unitName: units.name })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        eq(units.countyId, countyId),
        eq(people.active, true),
        or(sql`${people.name} like ${like}`, sql`lower(${people.pinyinInitials}) = ${q.toLowerCase()}`),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(limit);
}

/** The person's armed attachment intent, if any. */
export async function attachIntentOf(db: Database, personId: number) {
  const [r] = await db.select().from(clueAttachIntents).where(eq(clueAttachIntents.personId, personId));
  return r ?? null;
}

/** Arms (or re-arms) the person's intent to attach their next file to `clueId`. */
export async function armAttachIntent(tx: Database, personId: number, clueId: number, armedAt: Date, expiresAt: Date) {
  await tx
    .insert(clueAttachIntents)
    .values({ personId, clueId, armedAt, expiresAt })
    .onConflictDoUpdate({ target: clueAttachIntents.personId, set: { clueId, armedAt, expiresAt } });
}

/** Drops the person's intent (consumed, expired, or its clue closed); only the one armed at `armedAt` if given. */
export async function dropAttachIntent(tx: Database, personId: number, armedAt?: Date) {
  const rows = await tx
    .delete(clueAttachIntents)
    .where(and(eq(clueAttachIntents.personId, personId), armedAt ? eq(clueAttachIntents.armedAt, armedAt) : undefined))
    .returning({ personId: clueAttachIntents.personId });
  return rows.length > 0;
}

export async function insertAttachment(tx: Database, row: Omit<typeof clueAttachments.$inferInsert, 'id'>) {
  const [r] = await tx.insert(clueAttachments).values(row).returning({ id: clueAttachments.id });
  return r.id;
}

export async function attachmentCount(db: Database, clueId: number): Promise<number> {
  const [r] = await db.select({ n: count() }).from(clueAttachments).where(eq(clueAttachments.clueId, clueId));
  return Number(r.n);
}

export interface AttachmentMeta {
  id: number;
  fileName: string;
  sizeBytes: number;
  uploadedAt: Date;
  uploaderName: string | null;
}

/** A clue's attachments without their bytes, oldest first. */
export async function attachmentsOf(db: Database, clueId: number): Promise<AttachmentMeta[]> {
  const uploader = sql<string | null>`(select p.name from people p where p.id = ${clueAttachments.uploadedByPersonId})`;
  return db
    .select({
      id: clueAttachments.id,
      fileName: clueAttachments.fileName,
      sizeBytes: clueAttachments.sizeBytes,
      uploadedAt: clueAttachments.uploadedAt,
      uploaderName: uploader,
    })
    .from(clueAttachments)
    .where(eq(clueAttachments.clueId, clueId))
    .orderBy(asc(clueAttachments.uploadedAt), asc(clueAttachments.id));
}

/** One attachment of one clue with its bytes (read only after the viewer was checked). */
export async function attachmentData(db: Database, clueId: number, attachmentId: number) {
  const [r] = await db
    .select({ fileName: clueAttachments.fileName, dataBase64: clueAttachments.dataBase64 })
    .from(clueAttachments)
    .where(and(eq(clueAttachments.id, attachmentId), eq(clueAttachments.clueId, clueId)));
  return r ?? null;
}

/** Whether the attachment exists on this clue (metadata only). */
export async function attachmentOnClue(db: Database, clueId: number, attachmentId: number) {
  const [r] = await db
    .select({ id: clueAttachments.id, fileName: clueAttachments.fileName })
    .from(clueAttachments)
    .where(and(eq(clueAttachments.id, attachmentId), eq(clueAttachments.clueId, clueId)));
  return r ?? null;
}
