/** Storage of the work-tracking ledger (drizzle queries only). */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { ledgerEntries, ledgerTasks } from '../../db/schema/clues.js';
import { people, units } from '../../db/schema/org.js';

export type TaskRow = typeof ledgerTasks.$inferSelect;

export async function taskById(db: Database, id: number): Promise<TaskRow | null> {
  const [t] = await db.select().from(ledgerTasks).where(eq(ledgerTasks.id, id));
  return t ?? null;
}

export async function tasksOf(db: Database, countyIds: number[] | null) {
  const lead = sql<string | null>`(select u.name from units u where u.id = ${ledgerTasks.leadUnitId})`;
  const n = sql<number>`(select count(*)::int from ledger_entries e where e.task_id = ${ledgerTasks.id})`;
  return db
    .select({ t: ledgerTasks, leadUnitName: lead, entries: n })
    .from(ledgerTasks)
    .where(countyIds ? inArray(ledgerTasks.countyId, countyIds.length ? countyIds : [-1]) : undefined)
    .orderBy(desc(ledgerTasks.startOn), asc(ledgerTasks.id));
}

const entryColumns = {
  id: ledgerEntries.id,
  taskId: ledgerEntries.taskId,
  taskName: ledgerTasks.name,
  cadrePersonId: ledgerEntries.cadrePersonId,
  cadreName: people.name,
  unitName: units.name,
  role: ledgerEntries.role,
  rating: ledgerEntries.rating,
  facts: ledgerEntries.facts,
  entryOn: ledgerEntries.entryOn,
  recordedBy: sql<string | null>`(select r.name from people r where r.id = ${ledgerEntries.recordedByPersonId})`,
};

/** Entries matching `where`, restricted to people in `scope` (a condition on `people`). */
export async function entriesWhere(db: Database, where: SQL | undefined, scope: SQL, limit = 500) {
  return db
    .select(entryColumns)
    .from(ledgerEntries)
    .innerJoin(ledgerTasks, eq(ledgerTasks.id, ledgerEntries.taskId))
    .innerJoin(people, eq(people.id, ledgerEntries.cadrePersonId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(where, scope))
    .orderBy(desc(ledgerEntries.entryOn), asc(ledgerEntries.id))
    .limit(limit);
}

export const entriesOfTask = (db: Database, taskId: number, scope: SQL) =>
  entriesWhere(db, eq(ledgerEntries.taskId, taskId), scope);
export const entriesOfCadre = (db: Database, personId: number, scope: SQL) =>
  entriesWhere(db, eq(ledgerEntries.cadrePersonId, personId), scope);

/** A cadre's rating counts over the whole ledger (the pool rules' input). */
export async function ratingCounts(db: Database, personId: number) {
  const rows = await db
    .select({ rating: ledgerEntries.rating, n: count() })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.cadrePersonId, personId))
    .groupBy(ledgerEntries.rating);
  return Object.fromEntries(rows.map((r) => [r.rating, Number(r.n)]));
}

/** Active people of a county with this exact name. */
export async function countyPeopleNamed(db: Database, countyId: number, name: string) {
  return db
    .select({ id: people.id, name: people.name, personKey: people.personKey, idNumber: people.idNumber })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(eq(units.countyId, countyId), eq(people.active, true), eq(people.name, name)))
    .limit(3);
}

export async function countyUnitNamed(db: Database, countyId: number, name: string) {
  const [u] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.name, name)));
  return u?.id ?? null;
}
