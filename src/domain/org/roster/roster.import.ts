import { eq } from 'drizzle-orm';
import { today } from '../../../clock.js';
import { people } from '../../../db/schema/org.js';
import type { Deps } from '../../../deps.js';
import type { XlsxBook } from '../../../xlsx/xlsx.book.js';
import { type ActorContext, assertRole } from '../org.access.js';
import { adminCountyIds } from '../org.admins.js';
import {
  effectiveDateProblem,
  lastAssignmentStarts,
  type Move,
  openAssignments,
  recordMoves,
} from '../org.assignments.js';
import { type AuditEntry, audit } from '../org.audit.js';
import { bulkInsert } from '../org.bulk.js';
import { namePinyin } from '../org.pinyin.js';
import { ROSTER_COLUMNS } from './roster.columns.js';
import { type Existing, matchExisting, newPersonRow, personChanges } from './roster.match.js';
import { type ColumnReport, findRosterSheet, loadWorkbook, type RosterSheet } from './roster.read.js';
import { unitLookup } from './roster.units.js';
import { type RosterRecord, type RowError, validateRoster } from './roster.validate.js';

export interface ImportOptions {
  /** The org_admin importing through the bot; absent for the CLI (a trusted operator). */
  actor?: ActorContext;
  /** Restrict unit names to these counties (CLI --county); the actor's org_admin scope otherwise. */
  countyIds?: number[] | null;
  fileName?: string;
  eventId?: string;
  /** Checks everything and reports what would change, writing nothing (the bot's preview, CLI --dry-run). */
  dryRun?: boolean;
}

/** A row that would update a person: which fields change (Chinese column names). */
export interface PlannedUpdate {
  row: number;
  sheet?: string;
  name: string;
  fields: string[];
}

export interface ImportReport {
  ok: boolean;
  fileName?: string;
  sheetName?: string;
  /** Data rows checked (blank rows skipped). */
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
  ignoredHeaders: string[];
  /** Every column of the file: read into which field, or ignored. */
  columns: ColumnReport[];
  /** Section (unit) rows and trailing notes that are not people. */
  skippedRows: number;
  /** Dry run: the rows that would update someone, with the changed fields. */
  updates: PlannedUpdate[];
  dryRun: boolean;
  /** Created and updated people (for account binding afterwards). */
  touchedIds: number[];
}

/** Imports a roster xlsx: every row checked first; any error → nothing written, every bad row reported. */
export async function importRoster(
  deps: Deps,
  data: Buffer | XlsxBook | RosterSheet,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  if (opts.actor) assertRole(opts.actor, 'org_admin', '只有组织部门可以导入花名册');
  const base = {
    fileName: opts.fileName,
    created: 0,
    updated: 0,
    unchanged: 0,
    touchedIds: [] as number[],
    columns: [] as ColumnReport[],
    skippedRows: 0,
    updates: [] as PlannedUpdate[],
    dryRun: opts.dryRun === true,
  };
  const sheet = 'fields' in data ? data : findRosterSheet(await loadWorkbook(data));
  if (!sheet) {
    const message = '未找到表头：前15行中应有“姓名”“性别”“出生年月”“学历”“单位”等列名';
    return { ...base, ok: false, total: 0, errors: [{ row: 1, column: '姓名', message }], ignoredHeaders: [] };
  }
  const day = today(deps);
  const countyIds = opts.actor ? await adminCountyIds(deps.db, opts.actor) : (opts.countyIds ?? null);
  const { records, errors } = validateRoster(sheet, await unitLookup(deps.db, countyIds), day);
  const total = sheet.rows.filter((r) =>
    [...r.cells.values()].some((c) => c.value !== null && String(c.value).trim()),
  ).length;
  const report = {
    ...base,
    sheetName: sheet.sheetName,
    total,
    ignoredHeaders: sheet.ignored,
    columns: sheet.columns,
    skippedRows: sheet.skipped,
  };
  const matched = errors.length === 0 ? await matchExisting(deps.db, records) : { pairs: [], errors: [] };
  errors.push(...matched.errors);
  if (errors.length === 0) errors.push(...(await effectiveDateErrors(deps, matched.pairs, day)));
  if (errors.length > 0) {
    await auditImport(deps, opts, { ok: false, rows: total, errors: errors.length, dryRun: opts.dryRun || undefined });
    return { ...report, ok: false, errors };
  }
  if (opts.dryRun) {
    const planned = plan(matched.pairs);
    await auditImport(deps, opts, { ok: true, dryRun: true, created: planned.created, updated: planned.updated });
    return { ...report, ...planned, ok: true, errors: [] };
  }
  const result = await write(deps, matched.pairs, opts, day);
  return { ...report, ...result, ok: true, errors: [] };
}

type Pair = { rec: RosterRecord; existing: Existing | null };

const FIELD_LABEL = new Map<string, string>([
  ...ROSTER_COLUMNS.map((c) => [c.field, c.header] as [string, string]),
  ['unitId', '单位'],
  ['active', '在职状态'],
  ['personKey', '身份证号'],
]);

/** What a commit would do, without writing. */
function plan(pairs: Pair[]) {
  let created = 0;
  let unchanged = 0;
  const updates: PlannedUpdate[] = [];
  for (const { rec, existing } of pairs) {
    if (!existing) {
      created++;
      continue;
    }
    const fields = [...new Set(Object.keys(personChanges(rec, existing)).map((f) => FIELD_LABEL.get(f) ?? f))];
    if (fields.length === 0) unchanged++;
    else updates.push({ row: rec.row, ...(rec.sheet ? { sheet: rec.sheet } : {}), name: rec.name, fields });
  }
  return { created, updated: updates.length, unchanged, updates };
}

/** A row changes the person's assignment (unit, post or rank) — closed and reopened on its 生效日期. */
const movesAssignment = (changes: Record<string, unknown>) =>
  'unitId' in changes || 'position' in changes || 'rank' in changes;

/** Row errors for 生效日期: before the person's last recorded change, or beyond the configured horizon. */
async function effectiveDateErrors(deps: Deps, pairs: Pair[], day: string): Promise<RowError[]> {
  const last = await lastAssignmentStarts(
    deps.db,
    pairs.filter((p) => p.existing).map((p) => p.existing!.id),
  );
  const errors: RowError[] = [];
  for (const { rec, existing } of pairs) {
    const moved = !existing || movesAssignment(personChanges(rec, existing));
    if (!moved && !rec.effectiveDate) continue;
    const problem = effectiveDateProblem(
      rec.effectiveDate ?? day,
      moved && existing ? last.get(existing.id) : undefined,
      day,
      deps.config.effectiveDateMaxDaysAhead,
    );
    if (problem) errors.push({ row: rec.row, column: '生效日期', message: problem });
  }
  return errors;
}

const facts = (x: { unitId: number; position?: string | null; rank?: string | null }) => ({
  unitId: x.unitId,
  position: x.position ?? null,
  rank: x.rank ?? null,
});

async function write(deps: Deps, pairs: Pair[], opts: ImportOptions, day: string) {
  const now = deps.clock.now();
  const actor = { actorPersonId: opts.actor?.personId ?? null, actorOpenId: opts.actor?.openId ?? null };
  return deps.db.transaction(async (tx) => {
    const fresh = pairs.filter((p) => !p.existing).map((p) => newPersonRow(p.rec, now));
    const created = await bulkInsert(tx, people, fresh, ['id']);
    const freshPairs = pairs.filter((p) => !p.existing);
    await openAssignments(
      tx,
      created.map((c, i) => ({
        personId: Number(c.id),
        start: freshPairs[i].rec.effectiveDate ?? day,
        facts: facts(freshPairs[i].rec),
      })),
      'roster',
      now,
    );
    const moves: Move[] = [];
    const entries: AuditEntry[] = created.map((c) => ({
      ...actor,
      action: 'person.create',
      entity: 'person',
      entityId: Number(c.id),
      eventId: opts.eventId,
    }));
    const touched = created.map((c) => Number(c.id));
    let unchanged = 0;
    for (const { rec, existing } of pairs) {
      if (!existing) continue;
      const changes = personChanges(rec, existing);
      if (Object.keys(changes).length === 0) {
        unchanged++;
        continue;
      }
      if (changes.name)
        Object.assign(changes, { pinyin: namePinyin(rec.name).full, pinyinInitials: namePinyin(rec.name).initials });
      if (movesAssignment(changes)) {
        const to = { ...facts(existing), ...facts({ ...existing, ...changes } as typeof existing) };
        moves.push({ personId: existing.id, effective: rec.effectiveDate ?? day, from: facts(existing), to });
      }
      await tx
        .update(people)
        .set({ ...changes, updatedAt: now })
        .where(eq(people.id, existing.id));
      touched.push(existing.id);
      entries.push({
        ...actor,
        action: 'person.update',
        entity: 'person',
        entityId: existing.id,
        eventId: opts.eventId,
        detail: { fields: Object.keys(changes) },
      });
    }
    await recordMoves(tx, moves, 'roster', now);
    const updated = touched.length - created.length;
    for (let i = 0; i < entries.length; i += 2000) await audit(tx, now, ...entries.slice(i, i + 2000));
    await auditImport({ ...deps, db: tx }, opts, { ok: true, created: created.length, updated, unchanged });
    return { created: created.length, updated, unchanged, touchedIds: touched };
  });
}

async function auditImport(deps: Pick<Deps, 'db' | 'clock'>, opts: ImportOptions, detail: Record<string, unknown>) {
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    action: detail.dryRun ? 'roster.preview' : detail.ok ? 'roster.import' : 'roster.import.rejected',
    entity: 'roster',
    entityId: opts.fileName ?? null,
    eventId: opts.eventId,
    detail,
  });
}
