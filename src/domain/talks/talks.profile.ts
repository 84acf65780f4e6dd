import { md, mdText } from '../../feishu/cards/atoms.js';
import type { ProfileSection } from '../org/org.profile.js';
import { KIND_LABELS, TONE_LABELS } from './talks.cards.js';
import { recentTalksWith } from './talks.queries.js';

/**
 * 谈心谈话 on the 查询 profile card: this year's count and the latest talks (date, who, kind, tone).
 * The viewer's scope was checked by the profile; the cadre's own view leaves it out, like other assessments.
 */
export const talksProfileSection: ProfileSection = async (deps, actor, personId, onDate) => {
  if (actor.personId === personId) return [];
  const { recent, sinceCount } = await recentTalksWith(deps.db, personId, `${onDate.slice(0, 4)}-01-01`);
  if (recent.length === 0) return [md('**谈心谈话**：暂无记录')];
  const lines = recent.map(
    (t) =>
      `- ${t.talkDate} ${mdText(t.talkerName)}（${KIND_LABELS[t.kind]}·${TONE_LABELS[t.tone].replace('（提醒）', '')}）`,
  );
  return [md(`**谈心谈话**：今年 ${sinceCount} 次，最近：\n${lines.join('\n')}`)];
};
