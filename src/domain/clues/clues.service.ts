/**
 * The problem-clue workflow: report, accept/return, the warning talk (through the talks capability), correction,
 * closure. Every step re-checks role, county and step on the server (card values are never trusted), refuses
 * and audits anything else, and writes the step, its event, its audit row and its messages in one transaction.
 */
import { and, eq, ne } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { people } from '../../db/schema/org.js';
import { poolEntries, poolHistory } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { type ActorContext, hasRole, loadActor } from '../org/org.access.js';
import { adminCountyIds, adminCovers, orgAdminsOf } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { notifyProposals, raiseProposals } from '../pool/pool.proposals.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { peopleByIds } from '../talks/talks.queries.js';
import { obligationsOn, type TalkDeps } from '../talks/talks.service.js';
import type { ValidTalk } from '../talks/talks.validation.js';
import { reportedCard, talkNeededCard, toCloseCard } from './clues.cards.js';
import {
  attachmentsOf,
  type ClueListRow,
  type ClueRow,
  clueById,
  clueByNonce,
  clueEventsOf,
  insertClue,
  moveClue,
  openClues,
  personInCounty,
} from './clues.queries.js';
import {
  type ClueForm,
  type ClueRole,
  decide,
  dueFor,
  localDateTime,
  mayAttach,
  poolRuleFor,
  REPORTER_ROLES,
  requiredNote,
  sizeText,
  type ViewLevel,
  validateClue,
  viewLevel,
} from './clues.rules.js';
import { CLUE_FINDINGS, type ClueAction, type ClueFinding, FINDING_LABELS } from './clues.vocab.js';

export type ClueDeps = Pick<Deps, 'db' | 'clock' | 'config'>;
export interface Meta {
  eventId: string | null;
}

/** How `actor` stands towards `clue` (role, county, assignment), decided now, from the database. */
export async function rolesFor(
  db: Database,
  actor: ActorContext,
  clue: Pick<ClueRow, 'countyId' | 'leaderPersonId' | 'cadrePersonId'>,
): Promise<ClueRole[]> {
  const roles: ClueRole[] = [];
  if (hasRole(actor, 'org_admin') && (await adminCovers(db, actor, clue.countyId))) roles.push('org_admin');
  if (hasRole(actor, 'discipline_liaison') && actor.countyId === clue.countyId) roles.push('discipline_liaison');
  if (clue.leaderPersonId === actor.personId) roles.push('leader');
  if (clue.cadrePersonId === actor.personId) roles.push('cadre');
  return roles.length ? roles : ['other'];
}

async function refuse(
  db: Database,
  at: Date,
  actorId: number,
  action: string,
  clueId: number | null,
  why: object,
  meta: Meta,
) {
  await audit(db, at, {
    actorPersonId: actorId,
    action: `clue.${action}.denied`,
    entity: 'clue',
    entityId: clueId,
    eventId: meta.eventId,
    detail: why,
  });
}

/** Whether the actor may report clues at all (报送): discipline_liaison or org_admin. */
export function mayReport(actor: ActorContext): boolean {
  return REPORTER_ROLES.some((r) => hasRole(actor, r));
}

/** 报送: a discipline liaison (or org_admin) reports a clue about a cadre of their own county. */
export async function reportClue(
  deps: ClueDeps,
  actorId: number,
  form: ClueForm,
  meta: Meta & { nonce: string | null },
): Promise<number> {
  const day = today(deps);
  const at = deps.clock.now();
  const actor = await loadActor(deps.db, actorId, day);
  if (!mayReport(actor)) {
    await refuse(deps.db, at, actorId, 'report', null, { reason: 'role' }, meta);
    throw forbidden('报送问题线索仅限纪委监委、信访等联络人和组织部门');
  }
  const valid = validateClue(form);
  if (typeof valid === 'string') throw invalid(valid);
  const cadre = await personInCounty(deps.db, valid.cadreId);
  const inCounty =
    cadre !== null &&
    cadre.countyId !== null &&
    ((hasRole(actor, 'discipline_liaison') && actor.countyId === cadre.countyId) ||
      (hasRole(actor, 'org_admin') && (await adminCovers(deps.db, actor, cadre.countyId))));
  if (!inCounty) {
    await refuse(deps.db, at, actorId, 'report', null, { reason: 'out_of_county', cadreId: valid.cadreId }, meta);
    throw forbidden('该干部不在本县范围内，不能报送');
  }
  if (meta.nonce) {
    const existing = await clueByNonce(deps.db, meta.nonce);
    if (existing && existing.reporter === actorId) return existing.id;
    if (existing) throw forbidden('这张线索报送卡片已由他人提交，请发送「线索」重新获取');
  }
  const cal = await loadCalendar(deps.db);
  const id = await deps.db.transaction(async (tx) => {
    const clueId = await insertClue(
      tx,
      {
        countyId: cadre.countyId!,
        cadrePersonId: valid.cadreId,
        source: valid.source,
        severity: valid.severity,
        summary: valid.summary,
        evidence: valid.evidence,
        reporterPersonId: actorId,
        reportedOn: day,
        step: 'reported',
        stepSince: day,
        dueOn: dueFor(cal, 'reported', day),
        formNonce: meta.nonce,
      },
      at,
    );
    if (clueId === null) return null;
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'clue.report',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
      detail: { cadreId: valid.cadreId, source: valid.source, severity: valid.severity },
    });
    await holdPoolEntry(tx, valid.cadreId, actorId, at, meta);
    const admins = await orgAdminsOf(tx, cadre.countyId);
    const c = reportedCard({
      id: clueId,
      cadreName: cadre.name,
      unitName: cadre.unitName,
      due: dueFor(cal, 'reported', day),
    });
    await enqueue(tx, ...admins.map((a) => ({ kind: 'send' as const, to: { openId: a.openId }, card: c })));
    return clueId;
  });
  if (id === null) {
    const again = meta.nonce ? await clueByNonce(deps.db, meta.nonce) : null;
    if (again) return again.id;
    throw invalid('保存失败，请重试');
  }
  return id;
}

/** The cadre's live pool entry gets a 暂缓 history line (the hold itself is computed from open clues). */
async function holdPoolEntry(tx: Database, cadreId: number, actorId: number, at: Date, meta: Meta) {
  const [e] = await tx
    .select({ id: poolEntries.id })
    .from(poolEntries)
    .where(and(eq(poolEntries.personId, cadreId), ne(poolEntries.status, 'exited')));
  if (!e) return;
  await tx.insert(poolHistory).values({
    entryId: e.id,
    at,
    kind: 'hold',
    note: '有在办问题线索，暂缓提拔使用建议',
    decidedByPersonId: actorId,
    eventId: meta.eventId,
  });
}

/** Loads the clue and the actor and checks the transition table; refusals are audited. */
export async function guard(deps: ClueDeps, actorId: number, clueId: number, action: ClueAction, meta: Meta) {
  const day = today(deps);
  const at = deps.clock.now();
  const clue = await clueById(deps.db, clueId);
  if (!clue) {
    await refuse(deps.db, at, actorId, action, clueId, { reason: 'not_found' }, meta);
    throw notFound('未找到该问题线索');
  }
  const actor = await loadActor(deps.db, actorId, day);
  const roles = await rolesFor(deps.db, actor, clue);
  const d = decide(action, clue.step, roles);
  if (!d.ok) {
    await refuse(deps.db, at, actorId, action, clueId, { reason: 'transition', step: clue.step, roles }, meta);
    throw forbidden(d.why);
  }
  return { clue, actor, day, at, to: d.to };
}

/** Leaders who owe the cadre talks today: the ones org_admin may assign the warning talk to. */
export async function candidateLeaders(deps: ClueDeps, cadreId: number, day: string) {
  const rows = await obligationsOn(deps as TalkDeps, day, { cadreId });
  const ids = [...new Set(rows.map((r) => r.leaderId))];
  const names = await peopleByIds(deps.db, ids);
  return ids
    .filter((i) => names.has(i))
    .map((i) => ({ id: i, name: names.get(i)!.name, unitName: names.get(i)!.unitName }));
}

/** 受理: org_admin accepts and assigns the leader who must hold the warning talk. */
export async function acceptClue(deps: ClueDeps, actorId: number, clueId: number, leaderId: number, meta: Meta) {
  const g = await guard(deps, actorId, clueId, 'accept', meta);
  const leaders = await candidateLeaders(deps, g.clue.cadrePersonId, g.day);
  const leader = leaders.find((l) => l.id === leaderId);
  if (!leader) {
    await refuse(deps.db, g.at, actorId, 'accept', clueId, { reason: 'leader', leaderId }, meta);
    throw invalid('请选择该干部的谈心谈话责任领导');
  }
  const cal = await loadCalendar(deps.db);
  const due = dueFor(cal, 'reminding', g.day);
  const [cadre] = [...(await peopleByIds(deps.db, [g.clue.cadrePersonId])).values()];
  await deps.db.transaction(async (tx) => {
    const moved = await moveClue(
      tx,
      clueId,
      'reported',
      { step: 'reminding', stepSince: g.day, dueOn: due, leaderPersonId: leaderId },
      { action: 'accept', actorPersonId: actorId, note: `指定谈话领导：${leader.name}` },
      g.at,
    );
    if (!moved) throw conflict('该线索已被他人处理，请刷新');
    await audit(tx, g.at, {
      actorPersonId: actorId,
      action: 'clue.accept',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
      detail: { leaderId },
    });
    const openId = await openIdOf(tx, leaderId);
    if (openId)
      await enqueue(tx, {
        kind: 'send',
        to: { openId },
        card: talkNeededCard({ id: clueId, cadreName: cadre?.name ?? '', unitName: cadre?.unitName ?? '', due }),
      });
  });
  return { due, leaderName: leader.name };
}

async function openIdOf(db: Database, personId: number): Promise<string | null> {
  const [r] = await db.select({ openId: people.openId }).from(people).where(eq(people.id, personId));
  return r?.openId ?? null;
}

/** 退回: org_admin returns a clue with a reason (not a matter for the pool, or outside the remit). */
export async function returnClue(
  deps: ClueDeps,
  actorId: number,
  clueId: number,
  reason: string | undefined,
  meta: Meta,
) {
  const note = requiredNote(reason, '退回理由');
  if (typeof note !== 'string') throw invalid(note.why);
  const g = await guard(deps, actorId, clueId, 'return', meta);
  await deps.db.transaction(async (tx) => {
    if (
      !(await moveClue(
        tx,
        clueId,
        'reported',
        { step: 'returned', stepSince: g.day, dueOn: null, returnReason: note, closedOn: g.day },
        { action: 'return', actorPersonId: actorId, note },
        g.at,
      ))
    )
      throw conflict('该线索已被他人处理，请刷新');
    await audit(tx, g.at, {
      actorPersonId: actorId,
      action: 'clue.return',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
    });
    await liftHold(tx, g.clue.cadrePersonId, actorId, g.at, '问题线索已退回，解除暂缓', meta);
  });
}

/** The talk link (talks.links.ts): only the assigned leader, about this cadre, as a warning talk, at 提醒. */
export async function checkClueTalk(
  deps: TalkDeps,
  talkerId: number,
  clueId: number,
  talk: ValidTalk,
  eventId: string | null,
) {
  const meta = { eventId };
  const g = await guard(deps, talkerId, clueId, 'talk', meta);
  if (g.clue.cadrePersonId !== talk.cadreId) {
    await refuse(deps.db, g.at, talkerId, 'talk', clueId, { reason: 'cadre', cadreId: talk.cadreId }, meta);
    throw forbidden('谈话对象与问题线索涉及的干部不一致');
  }
  if (talk.tone !== 'warning') throw invalid('问题线索的提醒须为警醒谈话，请将谈话类型选为“警醒谈（提醒）”');
}

export async function applyClueTalk(tx: Database, deps: TalkDeps, talkerId: number, clueId: number, talkId: number) {
  const day = today(deps);
  const at = deps.clock.now();
  const cal = await loadCalendar(tx);
  const moved = await moveClue(
    tx,
    clueId,
    'reminding',
    { step: 'correcting', stepSince: day, dueOn: dueFor(cal, 'correcting', day), talkId },
    { action: 'talk', actorPersonId: talkerId, note: `警醒谈话 #${talkId}` },
    at,
  );
  if (!moved) throw conflict('该线索已完成提醒，请刷新');
  await audit(tx, at, {
    actorPersonId: talkerId,
    action: 'clue.remind',
    entity: 'clue',
    entityId: clueId,
    detail: { talkId },
  });
}

/** 纠正: the leader confirms the cadre's correction with what was done. */
export async function correctClue(
  deps: ClueDeps,
  actorId: number,
  clueId: number,
  text: string | undefined,
  meta: Meta,
) {
  const note = requiredNote(text, '整改纠正情况', 1000);
  if (typeof note !== 'string') throw invalid(note.why);
  const g = await guard(deps, actorId, clueId, 'correct', meta);
  const cal = await loadCalendar(deps.db);
  const due = dueFor(cal, 'closing', g.day);
  const [cadre] = [...(await peopleByIds(deps.db, [g.clue.cadrePersonId])).values()];
  await deps.db.transaction(async (tx) => {
    if (
      !(await moveClue(
        tx,
        clueId,
        'correcting',
        { step: 'closing', stepSince: g.day, dueOn: due, correction: note },
        { action: 'correct', actorPersonId: actorId, note },
        g.at,
      ))
    )
      throw conflict('该线索已确认纠正，请刷新');
    await audit(tx, g.at, {
      actorPersonId: actorId,
      action: 'clue.correct',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
    });
    const admins = await orgAdminsOf(tx, g.clue.countyId);
    const c = toCloseCard({ id: clueId, cadreName: cadre?.name ?? '', unitName: cadre?.unitName ?? '', due });
    await enqueue(tx, ...admins.map((a) => ({ kind: 'send' as const, to: { openId: a.openId }, card: c })));
  });
}

/** 办结: org_admin closes with a finding and the handling; the pool rule for the finding applies. */
export async function closeClue(
  deps: ClueDeps,
  actorId: number,
  clueId: number,
  input: { finding?: string; handling?: string },
  meta: Meta,
) {
  if (!input.finding || !(CLUE_FINDINGS as readonly string[]).includes(input.finding))
    throw invalid('请选择核查结论（属实/部分属实/不属实）');
  const finding = input.finding as ClueFinding;
  const handling = requiredNote(input.handling, '处理情况', 1000);
  if (typeof handling !== 'string') throw invalid(handling.why);
  const g = await guard(deps, actorId, clueId, 'close', meta);
  const rule = poolRuleFor(finding, g.clue.severity);
  await deps.db.transaction(async (tx) => {
    if (
      !(await moveClue(
        tx,
        clueId,
        'closing',
        { step: 'closed', stepSince: g.day, dueOn: null, finding, handling, closedOn: g.day },
        { action: 'close', actorPersonId: actorId, note: `${FINDING_LABELS[finding]}：${handling}` },
        g.at,
      ))
    )
      throw conflict('该线索已办结，请刷新');
    await audit(tx, g.at, {
      actorPersonId: actorId,
      action: 'clue.close',
      entity: 'clue',
      entityId: clueId,
      eventId: meta.eventId,
      detail: { finding, rule: rule.id },
    });
    if (rule.effect === 'lift') {
      await liftHold(tx, g.clue.cadrePersonId, actorId, g.at, `问题线索核查不属实，解除暂缓`, meta);
      return;
    }
    const [e] = await tx
      .select({ id: poolEntries.id, tier: poolEntries.tier })
      .from(poolEntries)
      .where(and(eq(poolEntries.personId, g.clue.cadrePersonId), ne(poolEntries.status, 'exited')));
    if (!e) return;
    const ids = await raiseProposals(
      tx,
      e,
      [
        {
          ruleId: rule.id,
          action: rule.effect,
          exitReason: rule.effect === 'exit' ? 'discipline' : null,
          reason: `${rule.label}（问题线索核查${FINDING_LABELS[finding]}：${handling}）`,
          dedupKey: `${rule.id}:clue:${clueId}`,
          basis: { clueId, finding },
        },
      ],
      g.at,
    );
    await notifyProposals(tx, ids);
  });
}

async function liftHold(tx: Database, cadreId: number, actorId: number, at: Date, note: string, meta: Meta) {
  const [e] = await tx
    .select({ id: poolEntries.id })
    .from(poolEntries)
    .where(and(eq(poolEntries.personId, cadreId), ne(poolEntries.status, 'exited')));
  if (!e) return;
  await tx
    .insert(poolHistory)
    .values({ entryId: e.id, at, kind: 'hold_lifted', note, decidedByPersonId: actorId, eventId: meta.eventId });
}

export interface ClueDetail {
  level: Exclude<ViewLevel, 'none'>;
  clue: ClueRow;
  roles: ClueRole[];
  cadreName: string;
  unitName: string;
  reporterName: string | null;
  leaderName: string | null;
  events: Awaited<ReturnType<typeof clueEventsOf>>;
  leaders: { id: number; name: string; unitName: string }[];
  /** Evidence attachments (details level only; never their bytes). */
  attachments: AttachmentView[];
  /** Whether this viewer may add an attachment now (添加附件). */
  canAttach: boolean;
}

export interface AttachmentView {
  id: number;
  fileName: string;
  size: string;
  uploaderName: string;
  at: string;
}

/** One clue as `actorId` may see it (need-to-know); every view and every refusal is audited. */
export async function viewClue(deps: ClueDeps, actorId: number, clueId: number, meta: Meta): Promise<ClueDetail> {
  const day = today(deps);
  const at = deps.clock.now();
  const clue = await clueById(deps.db, clueId);
  const actor = await loadActor(deps.db, actorId, day);
  const roles = clue ? await rolesFor(deps.db, actor, clue) : (['other'] as ClueRole[]);
  const level = clue ? viewLevel(roles, clue.step) : 'none';
  await audit(deps.db, at, {
    actorPersonId: actorId,
    action: level === 'none' ? 'clue.view.denied' : 'clue.view',
    entity: 'clue',
    entityId: clueId,
    eventId: meta.eventId,
    detail: { level },
  });
  if (!clue || level === 'none') throw forbidden('您无权查看该问题线索');
  const names = await peopleByIds(deps.db, [clue.cadrePersonId, clue.reporterPersonId, clue.leaderPersonId ?? 0]);
  const cadre = names.get(clue.cadrePersonId);
  return {
    level,
    clue,
    roles,
    cadreName: cadre?.name ?? '',
    unitName: cadre?.unitName ?? '',
    reporterName: level === 'details' ? (names.get(clue.reporterPersonId)?.name ?? null) : null,
    leaderName: clue.leaderPersonId ? (names.get(clue.leaderPersonId)?.name ?? null) : null,
    events: level === 'details' ? await clueEventsOf(deps.db, clueId) : [],
    leaders:
      level === 'details' && clue.step === 'reported' && roles.includes('org_admin')
        ? await candidateLeaders(deps, clue.cadrePersonId, day)
        : [],
    attachments:
      level === 'details'
        ? (await attachmentsOf(deps.db, clueId)).map((a) => ({
            id: a.id,
            fileName: a.fileName,
            size: sizeText(a.sizeBytes),
            uploaderName: a.uploaderName ?? '',
            at: localDateTime(a.uploadedAt, deps.config.timezone),
          }))
        : [],
    canAttach: level === 'details' && mayAttach(roles, clue.step, clue.reporterPersonId === actorId).ok,
  };
}

export interface ClueList {
  rows: ClueListRow[];
  canReport: boolean;
  /** 'details' for org_admin / liaison lists, 'talk' for a leader's own clues. */
  level: 'details' | 'talk' | 'none';
  today: string;
}

/** 线索: the open clues the actor has a part in, by role; audited. */
export async function listClues(deps: ClueDeps, actorId: number, meta: Meta): Promise<ClueList> {
  const day = today(deps);
  const actor = await loadActor(deps.db, actorId, day);
  let rows: ClueListRow[] = [];
  let level: ClueList['level'] = 'none';
  if (hasRole(actor, 'org_admin') || hasRole(actor, 'discipline_liaison')) {
    const admin = hasRole(actor, 'org_admin') ? await adminCountyIds(deps.db, actor) : [];
    const liaison = hasRole(actor, 'discipline_liaison') && actor.countyId !== null ? [actor.countyId] : [];
    rows = await openClues(deps.db, { countyIds: admin === null ? null : [...new Set([...admin, ...liaison])] });
    level = 'details';
  } else {
    rows = (await openClues(deps.db, { leaderId: actorId })).filter(
      (r) => r.step === 'reminding' || r.step === 'correcting',
    );
    level = rows.length ? 'talk' : 'none';
  }
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: 'clue.list',
    entity: 'clue',
    eventId: meta.eventId,
    detail: { count: rows.length, level },
  });
  return { rows, canReport: mayReport(actor), level, today: day };
}
