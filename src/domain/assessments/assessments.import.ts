/**
 * Assessment results by xlsx: every row checked first, any error → nothing written; then results are
 * upserted and the rules table turns the new facts into proposals for org_admin (nothing changes silently).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { assessmentResults } from '../../db/schema/assessments.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { type ActorContext, assertRole } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { loadWorkbook } from '../org/roster/roster.read.js';
import { notifyProposals, raiseProposals } from '../pool/pool.proposals.js';
import { personLookup } from './assessments.lookup.js';
import { ASSESSMENT_RULES, evaluateRules } from './assessments.rules.js';
import { type AssessmentRecord, type RowError, validateAssessments } from './assessments.validate.js';
import { type AssessmentSheet, findAssessmentSheet } from './assessments.xlsx.js';

export interface AssessmentImportOptions {
  /** The org_admin importing through the bot; absent for the CLI (a trusted operator, every county). */
  actor?: ActorContext;
  fileName?: string;
  eventId?: string;
  batchId: string;
}

export interface AssessmentImportReport {
  ok: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  proposals: number;
  errors: RowError[];
}

/** Reads, checks and (when every row is right) writes an assessment file. Returns null when it is not one. */
export async function importAssessments(
  deps: Deps,
  data: Buffer,
  opts: AssessmentImportOptions,
): Promise<AssessmentImportReport | null> {
  const sheet = findAssessmentSheet(await loadWorkbook(data));
  return sheet ? importAssessmentSheet(deps, sheet, opts) : null;
}

/** Checks every row of a recognised sheet; writes only when all are right. */
export async function importAssessmentSheet(
  deps: Deps,
  sheet: AssessmentSheet,
  opts: AssessmentImportOptions,
): Promise<AssessmentImportReport> {
  if (opts.actor) assertRole(opts.actor, 'org_admin', '只有组织部门可以导入考核结果');
  const countyIds = opts.actor ? await adminCountyIds(deps.db, opts.actor) : null;
  const { records, errors } = validateAssessments(sheet, await personLookup(deps.db, sheet, countyIds));
  const base = { total: sheet.rows.length, created: 0, updated: 0, unchanged: 0, proposals: 0 };
  if (errors.length > 0) {
    await auditImport(deps.db, deps.clock.now(), opts, { ok: false, rows: base.total, errors: errors.length });
    return { ...base, ok: false, errors };
  }
  const res = await deps.db.transaction(async (tx) => {
    const written = await writeResults(tx, records, opts, deps.clock.now());
    const proposalIds = await proposeFromResults(tx, written.freshIds, deps.clock.now());
    await notifyProposals(tx, proposalIds);
    const summary = {
      created: written.created,
      updated: written.updated,
      unchanged: written.unchanged,
      proposals: proposalIds.length,
    };
    await auditImport(tx, deps.clock.now(), opts, { ok: true, ...summary });
    return summary;
  });
  deps.outboxWake();
  return { ...base, ...res, ok: true, errors: [] };
}

async function writeResults(tx: Database, records: AssessmentRecord[], opts: AssessmentImportOptions, at: Date) {
  const personIds = [...new Set(records.map((r) => r.personId))];
  const existing = await tx
    .select()
    .from(assessmentResults)
    .where(inArray(assessmentResults.personId, personIds.length ? personIds : [-1]));
  const key = (r: { personId: number; kind: string; period: string }) => `${r.personId}|${r.kind}|${r.period}`;
  const known = new Map(existing.map((e) => [key(e), e]));
  const freshIds: number[] = [];
  let unchanged = 0;
  let updated = 0;
  const recordedByPersonId = opts.actor?.personId ?? null;
  const toInsert = records.filter((r) => !known.has(key(r)));
  for (let i = 0; i < toInsert.length; i += 1000) {
    const chunk = toInsert
      .slice(i, i + 1000)
      .map(({ row: _row, ...r }) => ({ ...r, batchId: opts.batchId, recordedByPersonId, ...stamps(at) }));
    const ids = await tx.insert(assessmentResults).values(chunk).returning({ id: assessmentResults.id });
    freshIds.push(...ids.map((x) => x.id));
  }
  for (const r of records) {
    const old = known.get(key(r));
    if (!old) continue;
    if (old.result === r.result && (old.note ?? null) === r.note) {
      unchanged++;
      continue;
    }
    await tx
      .update(assessmentResults)
      .set({ result: r.result, note: r.note, batchId: opts.batchId, recordedByPersonId, updatedAt: at })
      .where(eq(assessmentResults.id, old.id));
    updated++;
    if (old.result !== r.result) freshIds.push(old.id);
  }
  return { created: toInsert.length, updated, unchanged, freshIds };
}

/** Runs the rules table for the people whose results are new, against their live pool entries. */
export async function proposeFromResults(tx: Database, freshIds: number[], at: Date): Promise<number[]> {
  if (freshIds.length === 0) return [];
  const owners = tx
    .select({ p: assessmentResults.personId })
    .from(assessmentResults)
    .where(inArray(assessmentResults.id, freshIds));
  const entries = await tx
    .select({ id: poolEntries.id, personId: poolEntries.personId, tier: poolEntries.tier, status: poolEntries.status })
    .from(poolEntries)
    .where(and(sql`${poolEntries.status} <> 'exited'`, inArray(poolEntries.personId, owners)));
  if (entries.length === 0) return [];
  const results = await tx
    .select({
      id: assessmentResults.id,
      personId: assessmentResults.personId,
      kind: assessmentResults.kind,
      period: assessmentResults.period,
      result: assessmentResults.result,
    })
    .from(assessmentResults)
    .where(
      inArray(
        assessmentResults.personId,
        entries.map((e) => e.personId),
      ),
    );
  const byPerson = new Map<number, typeof results>();
  for (const r of results) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const ids: number[] = [];
  for (const e of entries) {
    const drafts = evaluateRules(ASSESSMENT_RULES, e, byPerson.get(e.personId) ?? [], freshIds);
    ids.push(...(await raiseProposals(tx, e, drafts, at)));
  }
  return ids;
}

async function auditImport(db: Database, at: Date, opts: AssessmentImportOptions, detail: Record<string, unknown>) {
  await audit(db, at, {
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    action: detail.ok ? 'assessments.import' : 'assessments.import.rejected',
    entity: 'assessment_import',
    entityId: opts.fileName ?? opts.batchId,
    eventId: opts.eventId,
    detail: { ...detail, batchId: opts.batchId },
  });
}
