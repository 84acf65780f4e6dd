/** 提拔/职级晋升 import rows and `用` figures as pure functions. */
import { isIsoDate } from '../../../time.js';
import { ageOn, isPost90 } from '../../org/org.rules.js';
import { PROMOTION_KIND_LABELS, type PromotionKind, type TeamRole } from '../use.vocab.js';

export const PROMOTION_HEADERS = {
  name: '姓名',
  key: '身份证号',
  date: '日期',
  kind: '类别',
  toUnit: '新单位',
  toPost: '新职务',
  toLevel: '新职级',
  toRole: '班子职务',
  docNo: '文号',
} as const;

/** Specific to this sheet: 姓名 + 类别 + 新职务 + 文号 (the roster and structure sheets have none of the last three). */
export function isPromotionHeader(header: string[]): boolean {
  return ['姓名', '类别', '新职务', '文号'].every((h) => header.includes(h));
}

export interface PromotionCells {
  line: number;
  name: string;
  key: string;
  date: string;
  kind: string;
  toUnit: string;
  toPost: string;
  toLevel: string;
  toRole: string;
  docNo: string;
}

const KIND_BY_LABEL = new Map<string, PromotionKind>(
  Object.entries(PROMOTION_KIND_LABELS).map(([k, l]) => [l, k as PromotionKind]),
);
KIND_BY_LABEL.set('重用', 'reuse');
KIND_BY_LABEL.set('进一步使用/重用', 'reuse');

const ROLE_BY_LABEL: Record<string, TeamRole> = { 正职: 'main', 党政正职: 'main', 副职: 'deputy', 成员: 'member' };

export interface PersonRef {
  id: number;
  name: string;
  unitId: number;
  /** Start of the cadre's current post (latest leadership post or assignment). */
  postSince: string | null;
}

export interface PromotionDraft {
  line: number;
  personId: number;
  name: string;
  date: string;
  kind: PromotionKind;
  toUnitId: number | null;
  toPost: string | null;
  toLevel: string | null;
  toRole: TeamRole | null;
  docNo: string | null;
}

export interface Lookup {
  /** By ID number, then by name (names that are not unique map to several). */
  byKey: Map<string, PersonRef>;
  byName: Map<string, PersonRef[]>;
  unitByName: Map<string, number>;
  today: string;
}

/** One row → a draft or a Chinese error (the row number is added by the caller). */
export function checkRow(c: PromotionCells, l: Lookup): PromotionDraft | string {
  if (!c.name) return '姓名不能为空';
  let person: PersonRef | undefined;
  if (c.key) {
    person = l.byKey.get(c.key);
    if (!person) return `未找到身份证号为“${c.key}”的干部`;
  } else {
    const found = l.byName.get(c.name) ?? [];
    if (found.length === 0) return `未找到干部“${c.name}”`;
    if (found.length > 1) return `“${c.name}”有重名，请填写身份证号`;
    person = found[0];
  }
  return checkFields(c, person, l);
}

/** Everything after the cadre is known (the import row and the 提拔登记 card share it). */
export function checkFields(
  c: PromotionCells,
  person: PersonRef,
  l: Pick<Lookup, 'unitByName' | 'today'>,
): PromotionDraft | string {
  if (!isIsoDate(c.date)) return `日期“${c.date}”格式有误，请写成 2026-06-30`;
  if (c.date > l.today) return `日期 ${c.date} 晚于今天，请在生效后导入`;
  if (person.postSince && c.date < person.postSince)
    return `日期 ${c.date} 早于该干部现任职务的开始日期 ${person.postSince}`;
  const kind = KIND_BY_LABEL.get(c.kind);
  if (!kind) return `类别“${c.kind}”无法识别，应为：提拔、职级晋升、进一步使用、交流`;
  let toUnitId: number | null = null;
  if (c.toUnit) {
    const u = l.unitByName.get(c.toUnit);
    if (!u) return `新单位“${c.toUnit}”不存在`;
    toUnitId = u;
  }
  let toRole: TeamRole | null = null;
  if (c.toRole) {
    toRole = ROLE_BY_LABEL[c.toRole] ?? null;
    if (!toRole) return `班子职务“${c.toRole}”无法识别，应为：正职、副职、成员，或留空`;
    if (!toUnitId) return '填写班子职务时须填写新单位';
    if (!c.toPost) return '填写班子职务时须填写新职务';
  }
  if (kind === 'rank' && !c.toLevel) return '职级晋升须填写新职级';
  return {
    line: c.line,
    personId: person.id,
    name: person.name,
    date: c.date,
    kind,
    toUnitId,
    toPost: c.toPost || null,
    toLevel: c.toLevel || null,
    toRole,
    docNo: c.docNo || null,
  };
}

/** The same person twice on the same day with the same kind is a duplicate row. */
export function duplicateKey(d: PromotionDraft): string {
  return `${d.personId}:${d.date}:${d.kind}`;
}

/** A promotion record with what the figures need. */
export interface PromotionFact {
  date: string;
  kind: PromotionKind;
  birthDate: string;
  toUnitKind: string | null;
  toRole: TeamRole | null;
  inPool: boolean;
  lists: string[];
}

export interface UseFigures {
  rankAdvancements: number;
  youngRankAdvancements: number;
  youngRankShare: number;
  /** 提拔 + 进一步使用 (leadership promotions). */
  promotions: number;
  promotionsTownship: number;
  promotionsDepartment: number;
  toChiefTownship: number;
  post90Promotions: number;
  fromPool: number;
  byList: Record<string, number>;
}

export function useFigures(facts: readonly PromotionFact[], youngBound: number): UseFigures {
  const rank = facts.filter((f) => f.kind === 'rank');
  const young = rank.filter((f) => ageOn(f.birthDate, f.date) < youngBound).length;
  const promo = facts.filter((f) => f.kind === 'promotion' || f.kind === 'reuse');
  const byList: Record<string, number> = {};
  for (const f of promo) for (const l of f.lists) byList[l] = (byList[l] ?? 0) + 1;
  return {
    rankAdvancements: rank.length,
    youngRankAdvancements: young,
    youngRankShare: rank.length === 0 ? 0 : Math.round((young / rank.length) * 1000) / 10,
    promotions: promo.length,
    promotionsTownship: promo.filter((f) => f.toUnitKind === 'township').length,
    promotionsDepartment: promo.filter((f) => f.toUnitKind === 'county_department').length,
    toChiefTownship: promo.filter((f) => f.toUnitKind === 'township' && f.toRole === 'main').length,
    post90Promotions: promo.filter((f) => f.toRole !== null && f.toUnitKind === 'township' && isPost90(f.birthDate))
      .length,
    fromPool: promo.filter((f) => f.inPool).length,
    byList,
  };
}
