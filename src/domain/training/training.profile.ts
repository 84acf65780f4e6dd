import { md, mdText } from '../../feishu/cards/atoms.js';
import type { ProfileSection } from '../org/org.profile.js';
import { recordOf } from './training.queries.js';
import { attendanceRate, rateText } from './training.rules.js';
import { courseKindLabel, MARK_LABELS } from './training.vocab.js';

/** 教育培训 on the profile card: classes, courses with marks and the attendance rate. Scope checked by the profile. */
export const trainingProfileSection: ProfileSection = async (deps, _actor, personId) => {
  const rows = await recordOf(deps.db, personId);
  if (rows.length === 0) return [];
  const marked = rows.filter((r) => r.mark !== null);
  const rate = attendanceRate(marked.filter((r) => r.mark === 'present').length, marked.length);
  const classes = [...new Set(rows.map((r) => `${r.className}（${r.cohort}）`))];
  const lines = rows
    .slice(-8)
    .map(
      (r) =>
        `- ${r.heldOn} ${mdText(courseKindLabel(r.kind))}《${mdText(r.topic)}》：${r.mark ? MARK_LABELS[r.mark] : '未记'}`,
    );
  return [
    md(
      `**教育培训**　${classes.map(mdText).join('、')}，课程 ${rows.length} 次，出勤率 ${rateText(rate)}\n${lines.join('\n')}`,
    ),
  ];
};
