import { inArray } from 'drizzle-orm';
import { dispatchEvaluations } from '../../db/schema/dispatches.js';
import { md, mdText } from '../../feishu/cards/atoms.js';
import type { ProfileSection } from '../org/org.profile.js';
import { assignmentsOf, awayOn, destinationOf } from './dispatches.queries.js';
import { awayText } from './dispatches.rules.js';
import { kindLabel, STATUS_LABELS } from './dispatches.vocab.js';

/** 选派经历 on the profile card: kind, batch, place, dates, status and the host's evaluation. Scope checked by the profile. */
export const dispatchProfileSection: ProfileSection = async (deps, _actor, personId, onDate) => {
  const list = await assignmentsOf(deps.db, personId);
  if (list.length === 0) return [];
  const evals = await deps.db
    .select()
    .from(dispatchEvaluations)
    .where(
      inArray(
        dispatchEvaluations.assignmentId,
        list.map((a) => a.id),
      ),
    );
  const grade = new Map(evals.map((e) => [e.assignmentId, e.grade]));
  const lines = list.map(
    (a) =>
      `- ${mdText(kindLabel(a.kind))} ${mdText(a.batchName)}：${mdText(destinationOf(a))}，${a.startDate} 至 ${a.endedOn ?? a.plannedEnd}（${STATUS_LABELS[a.status]}）${grade.has(a.id) ? `，期满评价 ${mdText(grade.get(a.id))}` : ''}`,
  );
  const away = (await awayOn(deps.db, [personId], onDate)).get(personId);
  const now = away ? `<font color="orange">**${mdText(awayText(away))}**</font>\n` : '';
  return [md(`${now}**选派经历**\n${lines.join('\n')}`)];
};
