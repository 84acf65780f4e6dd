import { describe, expect, it } from 'vitest';
import {
  cycleFrom,
  endsAfterStart,
  overlaps,
  parseLinkKind,
  parsePostRole,
  parseSortOrder,
  parseUnitKind,
  rootOf,
  unitKindLabel,
} from '../../../../src/domain/org/structure/structure.rules.js';

describe('structure rules', () => {
  it.each([
    ['县', 'county'],
    ['区', 'county'],
    ['乡镇', 'township'],
    ['街道', 'township'],
    [' 镇 ', 'township'],
    ['县直部门', 'county_department'],
    ['部门', 'county_department'],
    ['事业单位', 'institution'],
    ['国有企业', 'enterprise'],
    ['国企', 'enterprise'],
    ['其它', 'other'],
  ])('单位类别 %s → %s', (text, kind) => {
    expect(parseUnitKind(text)).toEqual({ ok: true, value: kind });
  });

  it.each(['市', '公司', ''])('单位类别 “%s” is refused in Chinese', (text) => {
    expect(parseUnitKind(text)).toMatchObject({ ok: false, message: expect.stringContaining('不是可识别的单位类别') });
  });

  it.each([
    ['county', '示范县', '县'],
    ['county', '东湖区', '区'],
    ['township', '东城街道', '街道'],
    ['township', '桃花乡', '乡'],
    ['township', '青山镇', '乡镇'],
    ['institution', '县第一中学', '事业单位'],
  ] as const)('export label of %s %s is %s, and it reads back', (kind, name, label) => {
    expect(unitKindLabel(kind, name)).toBe(label);
    expect(parseUnitKind(label)).toEqual({ ok: true, value: kind });
  });

  it.each([
    ['主要领导', 'main'],
    ['一把手', 'main'],
    ['分管领导', 'deputy'],
    ['班子成员', 'member'],
  ])('职务类别 %s → %s', (text, role) => {
    expect(parsePostRole(text)).toEqual({ ok: true, value: role });
  });

  it('职务类别 and 关系 refuse unknown words; 排序 wants an integer', () => {
    expect(parsePostRole('局长')).toMatchObject({
      ok: false,
      message: expect.stringContaining('主要领导、分管领导、班子成员'),
    });
    expect(parseLinkKind('联系')).toEqual({ ok: true, value: 'contact' });
    expect(parseLinkKind('分管')).toEqual({ ok: true, value: 'supervise' });
    expect(parseLinkKind('指导')).toMatchObject({ ok: false, message: '“指导”不是可识别的关系，请填写“联系”或“分管”' });
    expect(parseSortOrder('12')).toEqual({ ok: true, value: 12 });
    expect(parseSortOrder('1.5')).toMatchObject({ ok: false });
  });

  it('finds a cycle in the parent chain, and the root when there is none', () => {
    const parents: Record<string, string | null> = { a: 'b', b: 'c', c: 'a', x: 'y', y: 'county', county: null };
    const parentOf = (k: string) => parents[k];
    expect(cycleFrom('a', parentOf)).toEqual(['a', 'b', 'c', 'a']);
    expect(cycleFrom('x', parentOf)).toBeNull();
    expect(rootOf('x', parentOf)).toBe('county');
    expect(rootOf('a', parentOf)).toBeNull();
    expect(cycleFrom('self', (k) => (k === 'self' ? 'self' : null))).toEqual(['self', 'self']);
  });

  it.each([
    [{ start: '2020-01-01', end: null }, { start: '2024-01-01', end: null }, true],
    [{ start: '2020-01-01', end: '2024-01-01' }, { start: '2024-01-01', end: null }, false],
    [{ start: '2020-01-01', end: '2024-01-02' }, { start: '2024-01-01', end: null }, true],
    [{ start: '2025-01-01', end: null }, { start: '2020-01-01', end: '2025-01-01' }, false],
  ])('overlaps(%o, %o) = %s (end exclusive)', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('an end date must come after the start', () => {
    expect(endsAfterStart({ start: '2024-01-01', end: '2024-01-01' })).toBe(false);
    expect(endsAfterStart({ start: '2024-01-01', end: null })).toBe(true);
  });
});
