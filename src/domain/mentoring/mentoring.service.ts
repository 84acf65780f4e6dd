import { and, eq, isNull } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { mentoringPairs } from '../../db/schema/mentoring.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { daysBetween, isIsoDate } from '../../time.js';
import { assertRole, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import { livePairOf, mentorCandidates } from './mentoring.queries.js';
import { eligibilityReasons } from './mentoring.rules.js';

export type MentoringDeps = Pick<Deps, 'db' | 'clock' | 'config'>;

export async function assertOrgAdmin(deps: MentoringDeps, actorId: number): Promise<void> {
  assertRole(await loadActor(deps.db, actorId, today(deps)), 'org_admin', '结对帮带由组织部门指定');
}

export interface PairInput {
  mentorId: number;
  menteeId: number;
  startDate: string;
  plan: string | null;
}

/** Why a pair cannot be made (Chinese), or null. Checks facts in the database on the start date. */
export async function pairProblem(
  db: Database,
  p: PairInput,
  today: string,
  maxAge: number,
  ageLabel: string,
): Promise<string | null> {
  if (!isIsoDate(p.startDate)) return '开始日期格式应为 YYYY-MM-DD';
  if (p.startDate > today) return '开始日期不能晚于今天';
  if (daysBetween(p.startDate, today) > 366) return '开始日期不能早于一年前';
  if (p.mentorId === p.menteeId) return '导师和帮带对象不能是同一人';
  const [mentee] = await db.select().from(people).where(eq(people.id, p.menteeId));
  if (!mentee) return '未找到帮带对象';
  if (eligibilityReasons(mentee, p.startDate, maxAge).length === 0 || !mentee.active) {
    return `${mentee.name}不在结对帮带范围内（需为${ageLabel}的高学历干部、选调生或省市派挂职干部）`;
  }
  const mentors = await mentorCandidates(db, p.menteeId, p.startDate);
  if (!mentors.some((m) => m.id === p.mentorId)) return '导师须为县级领导或帮带对象所在单位的班子成员';
  const live = await livePairOf(db, p.menteeId);
  if (live && live.mentorPersonId === p.mentorId) return `${mentee.name}已与该导师结对`;
  if (live && live.startDate >= p.startDate) return '开始日期须晚于现有结对的开始日期';
  return null;
}

/** Writes a pair (ending the mentee's live pair the day the new one starts). Caller has validated it. */
export async function writePair(tx: Database, p: PairInput, actorId: number, at: Date, eventId: string | null) {
  const live = await livePairOf(tx, p.menteeId);
  if (live) {
    await tx
      .update(mentoringPairs)
      .set({ endDate: p.startDate, endReason: '重新指定导师', updatedAt: at })
      .where(and(eq(mentoringPairs.id, live.id), isNull(mentoringPairs.endDate)));
  }
  const [row] = await tx
    .insert(mentoringPairs)
    .values({ ...p, mentorPersonId: p.mentorId, menteePersonId: p.menteeId, createdByPersonId: actorId, ...stamps(at) })
    .returning({ id: mentoringPairs.id });
  await audit(tx, at, {
    actorPersonId: actorId,
    action: live ? 'mentoring.reassign' : 'mentoring.pair',
    entity: 'mentoring_pair',
    entityId: row.id,
    eventId,
    detail: { mentorId: p.mentorId, menteeId: p.menteeId, replaced: live?.id ?? null },
  });
  return row.id;
}

/** org_admin pairs a mentor with a mentee (or reassigns the mentee to a new mentor). */
export async function pair(
  deps: MentoringDeps,
  actorId: number,
  p: PairInput,
  eventId: string | null,
): Promise<number> {
  await assertOrgAdmin(deps, actorId);
  const problem = await pairProblem(deps.db, p, today(deps), deps.config.youngCadreMaxAge, deps.config.youngCadreLabel);
  if (problem) throw invalid(problem);
  try {
    return await deps.db.transaction((tx) => writePair(tx, p, actorId, deps.clock.now(), eventId));
  } catch (e: any) {
    if (String(e?.cause?.code ?? e?.code) === '23505') throw conflict('该干部刚刚已被结对，请刷新后重试');
    throw e;
  }
}

/** org_admin ends a pair today. */
export async function endPair(deps: MentoringDeps, actorId: number, pairId: number, eventId: string | null) {
  await assertOrgAdmin(deps, actorId);
  const day = today(deps);
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(mentoringPairs)
      .set({ endDate: day, endReason: '组织部门解除', updatedAt: deps.clock.now() })
      .where(and(eq(mentoringPairs.id, pairId), isNull(mentoringPairs.endDate)))
      .returning({ id: mentoringPairs.id });
    if (rows.length === 0) throw notFound('该结对已解除或不存在');
    await audit(tx, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'mentoring.end',
      entity: 'mentoring_pair',
      entityId: pairId,
      eventId,
    });
  });
}
