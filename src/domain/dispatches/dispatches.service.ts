/** 选派墩苗 writes: assignments, status changes, reports with history, evaluations. Role and scope first. */
import { and, eq, ne, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { type Database, rowsOf } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import {
  dispatchAssignments,
  dispatchAttachments,
  dispatchBatches,
  dispatchEvaluations,
  dispatchReports,
  dispatchReportVersions,
  dispatchStatusHistory,
} from '../../db/schema/dispatches.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { type ActorContext, hasRole, loadActor } from '../org/org.access.js';
import { adminCovers } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { notifyProposals, raiseProposals, voidOpenProposals } from '../pool/pool.proposals.js';
import {
  type AssignmentView,
  assignmentView,
  mainLeadersOf,
  overlappingAssignments,
  reportFor,
} from './dispatches.queries.js';
import {
  type AssignmentInput,
  assignmentProblem,
  attachmentProblem,
  canCorrect,
  EVALUATION_RULES,
  evaluationProposals,
  isReportablePeriod,
  lastDay,
  statusChangeProblem,
  supersededEvaluationKeys,
} from './dispatches.rules.js';
import {
  type AssignmentStatus,
  ATTACHMENTS_PER_REPORT,
  type EvaluationGrade,
  kindAllowsOverlap,
  kindLabel,
} from './dispatches.vocab.js';

export type DispatchDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export async function assertDispatchAdmin(deps: DispatchDeps, personId: number, countyId: number | null = null) {
  const actor = await loadActor(deps.db, personId, today(deps));
  if (!hasRole(actor, 'org_admin')) throw forbidden('选派管理仅限组织部门');
  if (countyId !== null && !(await adminCovers(deps.db, actor, countyId))) throw forbidden('此操作仅限本县组织部门');
  return actor;
}

/** The problem of a new assignment against stored data (overlap with another one), or null. */
export async function overlapProblem(db: Database, input: AssignmentInput, kind: string): Promise<string | null> {
  if (kindAllowsOverlap(kind)) return null;
  const others = await overlappingAssignments(db, input.personId, input.startDate, input.plannedEnd);
  const blocking = others.filter((o) => !kindAllowsOverlap(o.kind));
  if (blocking.length === 0) return null;
  return `该干部在此期间已有选派（${kindLabel(blocking[0].kind)} ${blocking[0].batchName}），同一时间只能有一项选派`;
}

/** Writes one checked assignment with its first status row (inside the caller's transaction). */
export async function writeAssignment(tx: Database, input: AssignmentInput, homeUnitId: number, by: number, at: Date) {
  const [row] = await tx
    .insert(dispatchAssignments)
    .values({
      batchId: input.batchId,
      personId: input.personId,
      homeUnitId,
      destUnitId: input.destUnitId,
      destPlace: input.destPlace,
      hostUnitName: input.hostUnitName,
      hostContactPersonId: input.hostContactPersonId,
      startDate: input.startDate,
      plannedEnd: input.plannedEnd,
      status: 'on_post',
      createdByPersonId: by,
      ...stamps(at),
    })
    .returning({ id: dispatchAssignments.id });
  await tx.insert(dispatchStatusHistory).values({
    assignmentId: row.id,
    status: 'on_post',
    effectiveOn: input.startDate,
    plannedEnd: input.plannedEnd,
    byPersonId: by,
    at,
  });
  return row.id;
}

async function batchOf(db: Database, batchId: number) {
  const [b] = await db.select().from(dispatchBatches).where(eq(dispatchBatches.id, batchId));
  if (!b) throw notFound('未找到该选派批次');
  return b;
}

/** 新增选派 on a card: org_admin of the batch's county; every check before anything is written. */
export async function createAssignment(
  deps: DispatchDeps,
  actorId: number,
  input: AssignmentInput,
  eventId: string | null = null,
): Promise<number> {
  const batch = await batchOf(deps.db, input.batchId);
  await assertDispatchAdmin(deps, actorId, batch.countyId);
  const problem = assignmentProblem(input) ?? (await overlapProblem(deps.db, input, batch.kind));
  if (problem) throw invalid(problem);
  const [p] = rowsOf<{ unit_id: number }>(
    await deps.db.execute(sql`select unit_id from people where id = ${input.personId} and active`),
  );
  if (!p) throw notFound('未找到该干部');
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const id = await writeAssignment(tx, input, p.unit_id, actorId, at);
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'dispatch.assign',
      entity: 'dispatch_assignment',
      entityId: id,
      eventId,
    });
    return id;
  });
}

/** 期满 / 提前召回 / 延期, with the history row. */
export async function changeStatus(
  deps: DispatchDeps,
  actorId: number,
  assignmentId: number,
  to: AssignmentStatus,
  on: string,
  opts: { newEnd?: string; note?: string; eventId?: string | null } = {},
): Promise<void> {
  const a = await assignmentView(deps.db, assignmentId);
  if (!a) throw notFound('未找到该选派');
  await assertDispatchAdmin(deps, actorId, a.countyId);
  const problem = statusChangeProblem(a.status, to, a, on, opts.newEnd);
  if (problem) throw invalid(problem);
  if (to === 'extended' && opts.newEnd) {
    const others = (await overlappingAssignments(deps.db, a.personId, a.plannedEnd, opts.newEnd)).filter(
      (o) => o.id !== a.id && !kindAllowsOverlap(o.kind),
    );
    if (others.length > 0 && !kindAllowsOverlap(a.kind)) throw invalid('延期后与该干部的其他选派时间重叠');
  }
  const plannedEnd = to === 'extended' ? (opts.newEnd as string) : a.plannedEnd;
  const endedOn = to === 'completed' || to === 'recalled' ? on : null;
  await deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    await tx
      .update(dispatchAssignments)
      .set({ status: to, plannedEnd, endedOn, updatedAt: at })
      .where(eq(dispatchAssignments.id, assignmentId));
    await tx.insert(dispatchStatusHistory).values({
      assignmentId,
      status: to,
      effectiveOn: on,
      plannedEnd,
      note: opts.note ?? null,
      byPersonId: actorId,
      at,
    });
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'dispatch.status',
      entity: 'dispatch_assignment',
      entityId: assignmentId,
      eventId: opts.eventId ?? null,
      detail: { to, on },
    });
  });
}

/** Who may read a cadre's dispatch reports: the cadre, the host contact, the home-unit main leader, org_admin. */
export async function canReadReports(deps: DispatchDeps, actor: ActorContext, a: AssignmentView): Promise<boolean> {
  if (actor.personId === a.personId || actor.personId === a.hostContactPersonId) return true;
  if (hasRole(actor, 'org_admin') && (await adminCovers(deps.db, actor, a.countyId))) return true;
  const leaders = await mainLeadersOf(deps.db, [a.homeUnitId], today(deps));
  return leaders.some((l) => l.personId === actor.personId);
}

export interface ReportInput {
  assignmentId: number;
  periodKey: string;
  kind: 'report' | 'summary';
  workDone: string;
  problems: string | null;
  helpNeeded: string | null;
  nextSteps: string | null;
}

/**
 * Submits or corrects a report. Only the dispatched cadre himself (a forged payload is refused and audited);
 * only for a period he was on post; corrections until the period closes, each version kept.
 */
export async function submitReport(
  deps: DispatchDeps,
  actorId: number,
  input: ReportInput,
  eventId: string | null = null,
): Promise<{ id: number; version: number }> {
  const day = today(deps);
  const a = await assignmentView(deps.db, input.assignmentId);
  if (!a || a.personId !== actorId) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'dispatch.report.denied',
      entity: 'dispatch_assignment',
      entityId: input.assignmentId,
      eventId,
      detail: { reason: a ? 'not_own' : 'unknown' },
    });
    throw forbidden('只能由选派干部本人填写自己的工作报告');
  }
  if (!input.workDone.trim()) throw invalid('请填写已开展的工作');
  const period =
    input.kind === 'summary'
      ? { key: 'term', start: a.startDate, due: a.endedOn ?? a.plannedEnd }
      : isReportablePeriod(a.cadence, a, input.periodKey);
  if (!period) throw invalid(`${input.periodKey} 不在您的选派期内，不能提交该期报告`);
  if (period.start > day) throw invalid('该期报告尚未开始，不能提前提交');
  const existing = await reportFor(deps.db, a.id, input.periodKey, input.kind);
  if (existing && !canCorrect(period, day)) throw invalid('该期已结束，报告不能再修改');
  const content = {
    workDone: input.workDone.trim(),
    problems: input.problems?.trim() || null,
    helpNeeded: input.helpNeeded?.trim() || null,
    nextSteps: input.nextSteps?.trim() || null,
  };
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    let id: number;
    let version: number;
    if (existing) {
      version = existing.version + 1;
      id = existing.id;
      const updated = await tx
        .update(dispatchReports)
        .set({ ...content, version, submittedOn: day, updatedAt: at })
        .where(and(eq(dispatchReports.id, id), eq(dispatchReports.version, existing.version)))
        .returning({ id: dispatchReports.id });
      if (updated.length === 0) throw conflict('报告刚被修改过，请刷新后重试');
    } else {
      version = 1;
      const [row] = await tx
        .insert(dispatchReports)
        .values({
          assignmentId: a.id,
          periodKey: input.periodKey,
          kind: input.kind,
          ...content,
          submittedOn: day,
          version,
          late: day > period.due,
          ...stamps(at),
        })
        .onConflictDoNothing()
        .returning({ id: dispatchReports.id });
      if (!row) throw conflict('该期报告已提交，请刷新后修改');
      id = row.id;
    }
    await tx.insert(dispatchReportVersions).values({ reportId: id, version, content, byPersonId: actorId, at });
    await audit(tx, at, {
      actorPersonId: actorId,
      action: existing ? 'dispatch.report.correct' : 'dispatch.report.submit',
      entity: 'dispatch_report',
      entityId: id,
      eventId,
      detail: { period: input.periodKey, version },
    });
    return { id, version };
  });
}

/** Attaches a file to the cadre's own report: type and size checked first, nothing written on refusal. */
export async function attachFile(
  deps: DispatchDeps,
  actorId: number,
  reportId: number,
  file: { fileName: string; data: Buffer },
): Promise<number> {
  const problem = attachmentProblem(file.fileName, file.data.length);
  if (problem) throw invalid(problem);
  const [r] = await deps.db.select().from(dispatchReports).where(eq(dispatchReports.id, reportId));
  const a = r ? await assignmentView(deps.db, r.assignmentId) : null;
  if (!r || !a || a.personId !== actorId) throw forbidden('只能为本人的工作报告上传附件');
  const [{ n }] = rowsOf<{ n: number }>(
    await deps.db.execute(sql`select count(*)::int as n from dispatch_attachments where report_id = ${reportId}`),
  );
  if (n >= ATTACHMENTS_PER_REPORT) throw invalid(`每份报告最多 ${ATTACHMENTS_PER_REPORT} 个附件`);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const [row] = await tx
      .insert(dispatchAttachments)
      .values({
        reportId,
        fileName: file.fileName.slice(0, 200),
        size: file.data.length,
        data: file.data.toString('base64'),
        byPersonId: actorId,
        at,
      })
      .returning({ id: dispatchAttachments.id });
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'dispatch.attach',
      entity: 'dispatch_report',
      entityId: reportId,
    });
    return row.id;
  });
}

/**
 * The host contact's (or org_admin's) end-of-term evaluation; in the same transaction the evaluation rules
 * raise pool proposals (cards queued to org_admin) and a changed grade voids the earlier grade's still-open
 * proposals. Returns the new proposal ids.
 */
export async function evaluate(
  deps: DispatchDeps,
  actorId: number,
  assignmentId: number,
  grade: EvaluationGrade,
  comment: string | null,
  eventId: string | null = null,
): Promise<number[]> {
  const a = await assignmentView(deps.db, assignmentId);
  if (!a) throw notFound('未找到该选派');
  const actor = await loadActor(deps.db, actorId, today(deps));
  const admin = hasRole(actor, 'org_admin') && (await adminCovers(deps.db, actor, a.countyId));
  if (a.hostContactPersonId !== actorId && !admin) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'dispatch.evaluate.denied',
      entity: 'dispatch_assignment',
      entityId: assignmentId,
      eventId,
    });
    throw forbidden('只有接收单位联系人或组织部门可以评价');
  }
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const day = today(deps);
    await tx
      .insert(dispatchEvaluations)
      .values({ assignmentId, grade, comment, byPersonId: actorId, evaluatedOn: day, ...stamps(at) })
      .onConflictDoUpdate({
        target: dispatchEvaluations.assignmentId,
        set: { grade, comment, byPersonId: actorId, evaluatedOn: day, updatedAt: at },
      });
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'dispatch.evaluate',
      entity: 'dispatch_assignment',
      entityId: assignmentId,
      eventId,
      detail: { grade },
    });
    // 优进绌退: the evaluation rules (data, dispatches.rules.ts) propose pool changes for org_admin to decide.
    const [entry] = await tx
      .select({ id: poolEntries.id, tier: poolEntries.tier, status: poolEntries.status })
      .from(poolEntries)
      .where(and(eq(poolEntries.personId, a.personId), ne(poolEntries.status, 'exited')));
    if (!entry) return [];
    // A new grade supersedes the earlier one: its still-open proposal is void (已失效) in this transaction.
    const { prefixes, keep } = supersededEvaluationKeys(EVALUATION_RULES, entry.id, assignmentId, grade);
    await voidOpenProposals(tx, entry.id, prefixes, keep, `接收单位已重新评价为${grade}，此建议已失效`, at, actorId);
    const drafts = evaluationProposals(EVALUATION_RULES, entry, {
      assignmentId,
      kind: a.kind,
      batchName: a.batchName,
      startDate: a.startDate,
      lastDay: lastDay(a),
      grade,
    });
    const ids = await raiseProposals(tx, entry, drafts, at);
    await notifyProposals(tx, ids);
    return ids;
  });
}
