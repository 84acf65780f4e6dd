/** Pure rules of the 组织架构 import: the Chinese vocabularies, cycles in 上级单位, one main leader at a time. */
import type { UnitKind } from '../../../db/schema/org.js';
import { normText, type Parsed } from '../roster/roster.cells.js';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

const UNIT_KIND_WORDS: [RegExp, UnitKind][] = [
  [/^(县|区|县级市|市辖区|县区|旗)$/, 'county'],
  [/^(乡|镇|乡镇|街道|乡镇街道|乡镇\/街道|乡镇（街道）)$/, 'township'],
  [/^(县直部门|县直单位|部门|县直机关|机关)$/, 'county_department'],
  [/^(事业单位|事业)$/, 'institution'],
  [/^(国有企业|国企|县属国有企业)$/, 'enterprise'],
  [/^(其他|其它)$/, 'other'],
];

export function parseUnitKind(text: string): Parsed<UnitKind> {
  const t = normText(text).replace(/\s/g, '');
  const hit = UNIT_KIND_WORDS.find(([re]) => re.test(t));
  if (hit) return ok(hit[1]);
  return bad(`“${text}”不是可识别的单位类别，请填写 县/区、乡镇、街道、县直部门、事业单位、国有企业、其他`);
}

/** The word written on export: 街道 for a township-level unit named …街道, 区 for a county named …区. */
export function unitKindLabel(kind: UnitKind, name: string): string {
  if (kind === 'county') return name.endsWith('区') ? '区' : '县';
  if (kind === 'township') return name.endsWith('街道') ? '街道' : name.endsWith('乡') ? '乡' : '乡镇';
  return { county_department: '县直部门', institution: '事业单位', enterprise: '国有企业', other: '其他' }[kind];
}

export type PostRole = 'main' | 'deputy' | 'member';
const POST_ROLES: Record<PostRole, string> = { main: '主要领导', deputy: '分管领导', member: '班子成员' };

export function parsePostRole(text: string): Parsed<PostRole> {
  const t = normText(text).replace(/\s/g, '');
  if (/^(主要领导|一把手|主要负责人|正职)$/.test(t)) return ok('main');
  if (/^(分管领导|副职|分管负责人)$/.test(t)) return ok('deputy');
  if (/^(班子成员|其他班子成员|成员)$/.test(t)) return ok('member');
  return bad(`“${text}”不是可识别的职务类别，请填写 主要领导、分管领导、班子成员`);
}

export const postRoleLabel = (role: PostRole) => POST_ROLES[role];

export type LinkKind = 'contact' | 'supervise';

export function parseLinkKind(text: string): Parsed<LinkKind> {
  const t = normText(text).replace(/\s/g, '');
  if (/^(联系|联系单位|挂钩联系)$/.test(t)) return ok('contact');
  if (/^(分管|分管单位|分管部门)$/.test(t)) return ok('supervise');
  return bad(`“${text}”不是可识别的关系，请填写“联系”或“分管”`);
}

export const linkKindLabel = (kind: LinkKind) => (kind === 'contact' ? '联系' : '分管');

export function parseSortOrder(text: string): Parsed<number> {
  const t = normText(text);
  if (/^-?\d{1,6}$/.test(t)) return ok(Number(t));
  return bad(`“${text}”不是整数`);
}

/**
 * Walks up from `start` through `parentOf`; returns the chain when it comes back to a unit already on it
 * (a cycle), else null. `parentOf` gives null at a root.
 */
export function cycleFrom<K>(start: K, parentOf: (k: K) => K | null | undefined): K[] | null {
  const seen: K[] = [start];
  for (let p = parentOf(start); p !== null && p !== undefined; p = parentOf(p)) {
    const at = seen.indexOf(p);
    if (at >= 0) return [...seen.slice(at), p];
    seen.push(p);
  }
  return null;
}

/** The root reached from `start` (null when the chain loops). */
export function rootOf<K>(start: K, parentOf: (k: K) => K | null | undefined): K | null {
  if (cycleFrom(start, parentOf)) return null;
  let k = start;
  for (let p = parentOf(k); p !== null && p !== undefined; p = parentOf(p)) k = p;
  return k;
}

/** A dated row: start inclusive, end exclusive, null end = still in force. */
export interface Span {
  start: string;
  end: string | null;
}

export const overlaps = (a: Span, b: Span): boolean =>
  (b.end === null || a.start < b.end) && (a.end === null || b.start < a.end);

/** End after start (a post ended on the day it began never was). */
export const endsAfterStart = (s: Span) => s.end === null || s.end > s.start;
