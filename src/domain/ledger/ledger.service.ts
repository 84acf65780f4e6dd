/**
 * The work-tracking ledger: org_admin defines key tasks; org_admin or the lead unit's main leader records entries
 * per cadre; ratings feed the pool rules. Role and county are checked on the server before any read or write;
 * refusals are audited; every view and every write is audited.
 */
import { and, eq, ne } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { ledgerEntries, ledgerTasks } from '../../db/schema/clues.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { type ActorContext, canViewPerson, hasRole, loadActor, scopesOf, viewableScopeSql } from '../org/org.access.js';
import { adminCountyIds, adminCovers } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { notifyProposals, raiseProposals } from '../pool/pool.proposals.js';
import {
  countyPeopleNamed,
  countyUnitNamed,
  entriesOfCadre,
  entriesOfTask,
  ratingCounts,
  type TaskRow,
  taskById,
  tasksOf,
} from './ledger.queries.js';
import {
  type EntryForm,
  ledgerProposals,
  type TaskForm,
  type ValidEntry,
  validateEntry,
  validateTask,
} from './ledger.rules.js';

export type LedgerDeps = Pick<Deps, 'db' | 'clock' | 'config'>;
export interface Meta {
  eventId: string | null;
}

const on = (deps: LedgerDeps) => ({ onDate: today(deps), youngMaxAge: deps.config.youngCadreMaxAge });

async function denied(deps: LedgerDeps, actorId: number, action: string, detail: object, meta: Meta) {
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: `${action}.denied`,
    entity: 'ledger',
    eventId: meta.eventId,
    detail,
  });
}

/** org_admin of the task's county, or main leader of its lead unit. */
export async function mayRecord(db: Database, actor: ActorContext, task: TaskRow): Promise<boolean> {
  if (hasRole(actor, 'org_admin') && (await adminCovers(db, actor, task.countyId))) return true;
  return task.leadUnitId !== null && scopesOf(actor, 'unit_main_leader').some((s) => s.unitId === task.leadUnitId);
}

/** 重点任务: org_admin adds a key task of their county (lead unit by name). */
export async function addTask(deps: LedgerDeps, actorId: number, f: TaskForm & { lead?: string }, meta: Meta) {
  const actor = await loadActor(deps.db, actorId, today(deps));
  const counties = hasRole(actor, 'org_admin') ? await adminCountyIds(deps.db, actor) : [];
  const countyId = actor.countyId;
  if (countyId === null || (counties !== null && !counties.includes(countyId))) {
    await denied(deps, actorId, 'ledger.task.create', { reason: 'role' }, meta);
    throw forbidden('重点任务仅限组织部门设置');
  }
  const v = validateTask(f);
  if (typeof v === 'string') throw invalid(v);
  const lead = f.lead?.trim() ? await countyUnitNamed(deps.db, countyId, f.lead.trim()) : null;
  if (f.lead?.trim() && lead === null) throw invalid(`本县没有名为「${f.lead.trim()}」的单位`);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(ledgerTasks)
      .values({ countyId, ...v, leadUnitId: lead, createdByPersonId: actorId, ...stamps(at) })
      .onConflictDoNothing()
      .returning({ id: ledgerTasks.id });
    if (!row) throw conflict(`重点任务「${v.name}」已存在`);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'ledger.task.create',
      entity: 'ledger_task',
      entityId: row.id,
      eventId: meta.eventId,
    });
    return row.id;
  });
}

/** Resolves a cadre of the county by name (and ID number / person key when given). */
export async function resolveCadre(db: Database, countyId: number, name: string, key = ''): Promise<number | string> {
  const n = name.trim();
  if (!n) return '请填写干部姓名';
  const rows = await countyPeopleNamed(db, countyId, n);
  const k = key.trim();
  const match = k ? rows.filter((r) => r.personKey === k || r.idNumber === k) : rows;
  if (match.length === 0) return k ? `本县没有身份证号为 ${k} 的「${n}」` : `本县没有名为「${n}」的干部`;
  if (match.length > 1) return `本县有重名的「${n}」，请在 Excel 中填写身份证号后导入`;
  return match[0].id;
}

export interface NewEntry extends ValidEntry {
  taskId: number;
  cadreId: number;
}

/** Checks one entry for `actor` (task, role, county, scope) without writing. */
export async function checkEntry(
  deps: LedgerDeps,
  actor: ActorContext,
  task: TaskRow | null,
  cadre: { name: string; key?: string },
  form: EntryForm,
): Promise<NewEntry | string> {
  if (!task) return '未找到该重点任务';
  if (!(await mayRecord(deps.db, actor, task))) return '只有组织部门或牵头单位主要领导可以登记该任务的台账';
  const cadreId = await resolveCadre(deps.db, task.countyId, cadre.name, cadre.key);
  if (typeof cadreId === 'string') return cadreId;
  const o = on(deps);
  if (!(await canViewPerson(deps.db, actor, cadreId, o.onDate, o.youngMaxAge)))
    return `「${cadre.name.trim()}」不在您的管理范围内`;
  const v = validateEntry(form, o.onDate, task);
  if (typeof v === 'string') return v;
  return { ...v, taskId: task.id, cadreId };
}

/** Writes entries (already checked) and raises the pool proposals their ratings call for, in one transaction. */
export async function writeEntries(
  deps: LedgerDeps,
  tx: Database,
  actorId: number,
  entries: NewEntry[],
  meta: Meta & { via: string },
) {
  const at = deps.clock.now();
  const ids: number[] = [];
  for (const e of entries) {
    const [row] = await tx
      .insert(ledgerEntries)
      .values({
        taskId: e.taskId,
        cadrePersonId: e.cadreId,
        role: e.role,
        rating: e.rating,
        facts: e.facts,
        entryOn: e.entryOn,
        recordedByPersonId: actorId,
        ...stamps(at),
      })
      .returning({ id: ledgerEntries.id });
    ids.push(row.id);
  }
  await audit(tx, at, {
    actorPersonId: actorId,
    action: 'ledger.entry.create',
    entity: 'ledger_entry',
    entityId: ids.length === 1 ? ids[0] : null,
    eventId: meta.eventId,
    detail: { count: ids.length, via: meta.via },
  });
  const proposals: number[] = [];
  for (const cadreId of new Set(entries.map((e) => e.cadreId))) {
    const [entry] = await tx
      .select({ id: poolEntries.id, tier: poolEntries.tier })
      .from(poolEntries)
      .where(and(eq(poolEntries.personId, cadreId), ne(poolEntries.status, 'exited')));
    if (!entry) continue;
    proposals.push(...(await raiseProposals(tx, entry, ledgerProposals(cadreId, await ratingCounts(tx, cadreId)), at)));
  }
  await notifyProposals(tx, proposals);
  return { ids, proposals: proposals.length };
}

/** One entry from the card. */
export async function recordEntry(
  deps: LedgerDeps,
  actorId: number,
  taskId: number,
  input: { cadre: string } & EntryForm,
  meta: Meta,
) {
  const actor = await loadActor(deps.db, actorId, today(deps));
  const task = await taskById(deps.db, taskId);
  const checked = await checkEntry(deps, actor, task, { name: input.cadre }, input);
  if (typeof checked === 'string') {
    if (task && !(await mayRecord(deps.db, actor, task))) {
      await denied(deps, actorId, 'ledger.entry.create', { reason: 'role', taskId }, meta);
      throw forbidden(checked);
    }
    throw invalid(checked);
  }
  return deps.db.transaction((tx) => writeEntries(deps, tx, actorId, [checked], { ...meta, via: 'card' }));
}

/** 台账: the tasks of the actor's county with entry counts (org_admin: every county they cover). */
export async function listTasks(deps: LedgerDeps, actorId: number, meta: Meta) {
  const actor = await loadActor(deps.db, actorId, today(deps));
  const admin = hasRole(actor, 'org_admin');
  const counties = admin ? await adminCountyIds(deps.db, actor) : actor.countyId !== null ? [actor.countyId] : [];
  const rows = await tasksOf(deps.db, counties);
  const mine = admin
    ? rows
    : rows.filter(
        (r) => r.t.leadUnitId !== null && scopesOf(actor, 'unit_main_leader').some((s) => s.unitId === r.t.leadUnitId),
      );
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: 'ledger.list',
    entity: 'ledger_task',
    eventId: meta.eventId,
    detail: { count: mine.length },
  });
  return { rows: mine, admin };
}

/** A task's entries, limited to the cadres the actor may view; audited. */
export async function viewTask(deps: LedgerDeps, actorId: number, taskId: number, meta: Meta) {
  const actor = await loadActor(deps.db, actorId, today(deps));
  const task = await taskById(deps.db, taskId);
  const allowed = task !== null && (await mayRecord(deps.db, actor, task));
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: allowed ? 'ledger.task.view' : 'ledger.task.view.denied',
    entity: 'ledger_task',
    entityId: taskId,
    eventId: meta.eventId,
  });
  if (!allowed || !task) throw forbidden('您无权查看该重点任务的台账');
  const entries = await entriesOfTask(deps.db, taskId, viewableScopeSql(actor, on(deps)));
  const [lead] = task.leadUnitId
    ? await deps.db.select({ name: units.name }).from(units).where(eq(units.id, task.leadUnitId))
    : [];
  return { task, entries, leadUnitName: lead?.name ?? null };
}

/** A cadre's ledger (by name within the actor's view scope); audited like a profile view. */
export async function viewCadreLedger(deps: LedgerDeps, actor: ActorContext, personId: number, meta: Meta) {
  const o = on(deps);
  const allowed = await canViewPerson(deps.db, actor, personId, o.onDate, o.youngMaxAge);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: allowed ? 'ledger.person.view' : 'ledger.person.view.denied',
    entity: 'person',
    entityId: personId,
    eventId: meta.eventId,
  });
  if (!allowed) throw forbidden('您无权查看该干部的台账');
  const [p] = await deps.db.select({ name: people.name }).from(people).where(eq(people.id, personId));
  if (!p) throw notFound('未找到该人员');
  return { name: p.name, entries: await entriesOfCadre(deps.db, personId, viewableScopeSql(actor, o)) };
}
