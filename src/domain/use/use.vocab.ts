/** 用 vocabularies: the schema imports them. */

/** 提拔 to a leadership post, 职级晋升, 进一步使用/重用, 交流. */
export const PROMOTION_KINDS = ['promotion', 'rank', 'reuse', 'exchange'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

export const PROMOTION_KIND_LABELS: Record<PromotionKind, string> = {
  promotion: '提拔',
  rank: '职级晋升',
  reuse: '进一步使用',
  exchange: '交流',
};

/** The post a promotion leads to, in leadership_positions terms (null: no team post, e.g. a rank only). */
export const TEAM_ROLES = ['main', 'deputy', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Kinds of structure warnings (rule ids in use.structure rules). */
export const STRUCTURE_RULE_IDS = ['team_min_young', 'county_young_share', 'county_under30_share'] as const;
export type StructureRuleId = (typeof STRUCTURE_RULE_IDS)[number];

/** Award kinds 表彰类别 (data: add a name here to accept it in the import). */
export const AWARD_KINDS: readonly string[] = ['攻坚克难好干部', '担当作为好干部', '优秀年轻干部'];

/** Promotion kinds that count as “followed by promotion” after an award (提拔 + 进一步使用). */
export const AWARD_FOLLOW_KINDS: readonly PromotionKind[] = ['promotion', 'reuse'];
