import { button, type Element, md } from '../../feishu/cards/atoms.js';
import type { ProfileSection } from '../org/org.profile.js';
import { poolSummaryFor } from './pool.queries.js';
import { STATUS_LABELS, TIER_LABELS } from './pool.rules.js';

/**
 * The pool line of the 查询 profile card: shown to viewers who hold a role beyond `cadre` (the profile's
 * scope is already checked by org); a cadre does not see their own tier.
 */
export const poolProfileSection: ProfileSection = async (deps, actor, personId) => {
  if (actor.personId === personId || !actor.roles.some((r) => r.role !== 'cadre')) return [];
  const s = await poolSummaryFor(deps.db, personId);
  if (!s) return [md('**资源库**：未入库')];
  const lists = s.lists.length ? ` · ${s.lists.join('、')}清单` : '';
  const watch = s.status === 'watch' ? `（${STATUS_LABELS.watch}）` : '';
  const out: Element[] = [
    md(`**资源库**：${TIER_LABELS[s.tier]}${watch}${lists} · ${s.enteredOn}入库`),
    button('资源库详情', 'pool.entry', { id: s.entryId }),
  ];
  return out;
};
