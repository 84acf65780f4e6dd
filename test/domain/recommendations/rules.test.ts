import { describe, expect, it } from 'vitest';
import {
  heldLists,
  listGrants,
  notRecommendableWhy,
  type RoleLike,
} from '../../../src/domain/recommendations/recommendations.rules.js';

const role = (r: RoleLike['role'], unitId: number | null = null, domain: string | null = null): RoleLike => ({
  role: r,
  unitId,
  domain,
});

describe('the lists follow from roles', () => {
  it.each([
    ['unit Party org → A', [role('unit_party_org', 5)], ['A']],
    ['domain department → B', [role('domain_dept', 9, '教育')], ['B']],
    ['org_admin → C', [role('org_admin', 1)], ['C']],
    ['several roles → several lists, A B C order', [role('org_admin', 1), role('unit_party_org', 5)], ['A', 'C']],
    ['leaders and cadres hold no list', [role('unit_main_leader', 5), role('county_leader'), role('cadre', 5)], []],
    ['a list-A grant without a unit has no scope', [role('unit_party_org', null)], []],
  ] as const)('%s', (_n, roles, lists) => {
    expect(heldLists(listGrants(roles as readonly RoleLike[]))).toEqual(lists);
  });

  it('keeps the domain of a list-B grant and every unit of list-A grants', () => {
    const grants = listGrants([role('unit_party_org', 5), role('unit_party_org', 6), role('domain_dept', 9, '教育')]);
    expect(grants).toEqual([
      { list: 'A', unitId: 5, domain: null },
      { list: 'A', unitId: 6, domain: null },
      { list: 'B', unitId: 9, domain: '教育' },
    ]);
  });
});

describe('who can be recommended', () => {
  it.each([
    ['34 and active', { active: true, birthDate: '1991-12-01' }, null],
    ['turns 35 today', { active: true, birthDate: '1991-11-30' }, '已满35周岁'],
    ['over age', { active: true, birthDate: '1980-01-01' }, '已满35周岁（现46岁）'],
    ['left', { active: false, birthDate: '1995-01-01' }, '已不在职'],
  ] as const)('%s', (_n, p, want) => {
    const why = notRecommendableWhy(p, '2026-11-30', 35);
    if (want === null) expect(why).toBeNull();
    else expect(why).toContain(want);
  });
});
