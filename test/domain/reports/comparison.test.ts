import { describe, expect, it } from 'vitest';
import { partComparison } from '../../../src/domain/reports/reports.rules.js';

describe('partComparison (the card’s 上年同期 line)', () => {
  it('lists every figure that has a previous value, with the change', () => {
    expect(
      partComparison([
        { key: 'a.x', label: '报送问题线索', value: 12, unit: '件', previous: 10 },
        { key: 'a.y', label: '谈心谈话', value: 14_393, unit: '人次', previous: 2_585 },
        { key: 'a.z', label: '班子成员', value: 240, unit: '人', previous: 240 },
        { key: 'a.w', label: '30周岁以下', value: 19, unit: '人', previous: 36 },
        { key: 'a.v', label: '无对比', value: 3, unit: '个', previous: null },
        { key: 'a.u', label: '未计算', value: 3, unit: '个' },
      ]),
    ).toBe(
      '上年同期：报送问题线索 10件（+2）；谈心谈话 2,585人次（+11,808）；班子成员 240人（持平）；30周岁以下 36人（-17）',
    );
  });

  it('is null when no figure can be compared', () => {
    expect(partComparison([{ key: 'a.x', label: 'x', value: 1, unit: '件', previous: null }])).toBeNull();
    expect(partComparison([])).toBeNull();
  });
});
