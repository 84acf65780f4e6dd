import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import { loadSpecContext } from './talks.context.js';
import { parseTalkLink, talkLink } from './talks.links.js';
import { type ObligationRow, obligationStates } from './talks.obligations.js';
import {
  insertTalk,
  markSolved,
  type PersonBrief,
  peopleByIds,
  problemWithTalk,
  type TalkView,
  talkByNonce,
  talkView,
} from './talks.queries.js';
import { currentSpecs } from './talks.rules.js';
import { type TalkForm, validateTalk } from './talks.validation.js';

export type TalkDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

/** A leader's obligations in the periods running on `on` (evaluated on `on`). */
export async function obligationsOn(deps: TalkDeps, on: string, filter: { leaderId?: number; cadreId?: number }) {
  const { cadences, grace, maxAge } = await loadSpecContext(deps);
  return obligationStates(deps.db, currentSpecs(cadences, on, maxAge, grace), on, filter);
}

/** A period a recorded talk counts for: the talker's obligation to the cadre in the period holding the talk date. */
export interface CountedPeriod {
  relation: ObligationRow['relation'];
  periodKey: string;
  /** The period ended before today: the talk was recorded late (补录). */
  late: boolean;
}

/** What a talk satisfies: the talker's obligations to the cadre in the periods holding its date that are now done. */
export async function periodsCounted(deps: TalkDeps, t: TalkView): Promise<CountedPeriod[]> {
  const day = today(deps);
  const rows = await obligationsOn(deps, t.talkDate, { leaderId: t.talkerPersonId, cadreId: t.cadrePersonId });
  const seen = new Set<string>();
  return rows
    .filter((r) => r.state === 'done' && r.periodStart <= t.talkDate && t.talkDate <= r.periodEnd)
    .map((r) => ({ relation: r.relation, periodKey: r.periodKey, late: r.periodEnd < day }))
    .filter((c) => {
      const k = `${c.relation}:${c.periodKey}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

export interface Talkable extends PersonBrief {
  obligations: ObligationRow[];
  /** Some obligation with this cadre is still open in its current period. */
  open: boolean;
}

/** The cadres `leaderId` may talk to on `on` — exactly those he owes talks to — open ones first. */
export async function talkableCadres(deps: TalkDeps, leaderId: number, on: string): Promise<Talkable[]> {
  const rows = await obligationsOn(deps, on, { leaderId });
  const byCadre = new Map<number, ObligationRow[]>();
  for (const r of rows) byCadre.set(r.cadreId, [...(byCadre.get(r.cadreId) ?? []), r]);
  const names = await peopleByIds(deps.db, [...byCadre.keys()]);
  return [...byCadre.entries()]
    .filter(([id]) => names.has(id))
    .map(([id, obligations]) => ({ ...names.get(id)!, obligations, open: obligations.some((o) => o.state !== 'done') }))
    .sort(
      (a, b) => Number(b.open) - Number(a.open) || a.unitName.localeCompare(b.unitName) || a.name.localeCompare(b.name),
    );
}

/** Scope check at the moment of action: the talk relationship holds on the talk date or today. */
export async function mayTalkTo(deps: TalkDeps, leaderId: number, cadreId: number, dates: string[]): Promise<boolean> {
  for (const on of new Set(dates)) {
    if ((await obligationsOn(deps, on, { leaderId, cadreId })).length > 0) return true;
  }
  return false;
}

export interface SubmitMeta {
  nonce: string | null;
  eventId: string | null;
  /** A linked record ('clue:12', talks.links.ts); checked before anything is written. */
  link?: string;
}

/** Records a talk by `talkerId` (the acting user); validated and scope-checked on the server. */
export async function recordTalk(
  deps: TalkDeps,
  talkerId: number,
  form: TalkForm,
  meta: SubmitMeta,
): Promise<TalkView> {
  const day = today(deps);
  const valid = validateTalk(form, day);
  if (typeof valid === 'string') throw invalid(valid);
  // Scope first, then the replay: a nonce only ever returns the talk this same person recorded.
  if (!(await mayTalkTo(deps, talkerId, valid.cadreId, [valid.talkDate, day]))) {
    await refuse(deps, talkerId, meta, 'out_of_scope', { cadreId: valid.cadreId });
    throw forbidden('该干部不在您的谈心谈话范围内，不能登记');
  }
  const replayed = meta.nonce ? await replayOf(deps, talkerId, meta) : null;
  if (replayed !== null) return (await talkView(deps.db, replayed))!;
  const ref = meta.link ? parseTalkLink(meta.link) : null;
  const link = ref ? talkLink(ref.kind) : undefined;
  if (meta.link && (!ref || !link)) throw invalid('谈话关联的记录有误');
  if (ref && link) await link.check(deps, talkerId, ref.id, valid, meta.eventId);
  const id = await deps.db.transaction(async (tx) => {
    const talkId = await insertTalk(
      tx,
      {
        talkerPersonId: talkerId,
        cadrePersonId: valid.cadreId,
        talkDate: valid.talkDate,
        kind: valid.kind,
        tone: valid.tone,
        topics: valid.topics,
        problems: valid.problems,
        notes: valid.notes,
        formNonce: meta.nonce,
        createdByPersonId: talkerId,
        eventId: meta.eventId,
      },
      deps.clock.now(),
    );
    if (talkId === null) return null;
    await audit(tx, deps.clock.now(), {
      actorPersonId: talkerId,
      action: 'talk.create',
      entity: 'talk',
      entityId: talkId,
      eventId: meta.eventId,
      detail: { cadreId: valid.cadreId, talkDate: valid.talkDate, problems: valid.problems.length },
    });
    if (ref && link) await link.apply(tx, deps, talkerId, ref.id, talkId);
    return talkId;
  });
  // A concurrent double submit of the same form lost the race: show the talk the same person recorded.
  const talkId = id ?? (meta.nonce ? await replayOf(deps, talkerId, meta) : null);
  if (talkId === null) throw invalid('保存失败，请重试');
  return (await talkView(deps.db, talkId))!;
}

/** The talk already recorded with this form nonce by `talkerId`; another person's is refused (and audited). */
async function replayOf(deps: TalkDeps, talkerId: number, meta: SubmitMeta): Promise<number | null> {
  const existing = await talkByNonce(deps.db, meta.nonce!);
  if (!existing) return null;
  if (existing.createdBy === talkerId) return existing.id;
  await refuse(deps, talkerId, meta, 'nonce_of_other_talker', { talkId: existing.id });
  throw forbidden('这张谈话记录卡片已由他人提交。请发送「谈话」获取您自己的谈话记录卡片。');
}

async function refuse(deps: TalkDeps, actorId: number, meta: SubmitMeta, reason: string, detail: object) {
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actorId,
    action: 'talk.create.denied',
    entity: 'talk',
    eventId: meta.eventId,
    detail: { reason, ...detail },
  });
}

/** The talker (or org_admin) marks a problem raised in a talk as solved. Returns the talk id. */
export async function solveProblem(
  deps: TalkDeps,
  actorId: number,
  problemId: number,
  meta: { eventId: string | null; followUp?: string | null },
): Promise<number> {
  const problem = await problemWithTalk(deps.db, problemId);
  if (!problem) throw notFound('未找到该问题');
  const day = today(deps);
  if (problem.talkerPersonId !== actorId && !hasRole(await loadActor(deps.db, actorId, day), 'org_admin')) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'talk_problem.solve.denied',
      entity: 'talk_problem',
      entityId: problemId,
      eventId: meta.eventId,
      detail: { reason: 'not_talker' },
    });
    throw forbidden('只有谈话人可以标记该问题已解决');
  }
  await deps.db.transaction(async (tx) => {
    if (!(await markSolved(tx, problemId, actorId, day, meta.followUp ?? null, deps.clock.now()))) return;
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'talk_problem.solve',
      entity: 'talk_problem',
      entityId: problemId,
      eventId: meta.eventId,
    });
  });
  return problem.talkId;
}
