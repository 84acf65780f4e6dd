/** Checks of a new class and a new course (pure), as a table. */
import { describe, expect, it } from 'vitest';
import { classProblem, courseProblem } from '../../../src/domain/training/training.rules.js';

const cls = { name: '优秀年轻干部实验班', cohort: '第二期', startDate: '2027-03-01', endDate: '2027-06-30' };
const course = {
  kind: 'small',
  topic: '公文写作',
  lecturer: '县委办主任',
  heldOn: '2027-03-01',
  organizer: '县委组织部',
};

describe('new class', () => {
  it.each([
    [{}, null],
    [{ name: '' }, '请填写班次名称'],
    [{ name: '班'.repeat(51) }, '班次名称请控制在 50 字以内'],
    [{ cohort: '' }, '请填写期次（如 第一期）'],
    [{ startDate: '2027-3-1' }, '开班日期格式应为 YYYY-MM-DD'],
    [{ endDate: '2027-02-30' }, '结业日期格式应为 YYYY-MM-DD'],
    [{ endDate: '2027-02-28' }, '结业日期早于开班日期'],
    [{ endDate: '2027-03-01' }, null],
  ])('%j → %s', (change, expected) => {
    expect(classProblem({ ...cls, ...change })).toBe(expected);
  });
});

describe('new course', () => {
  it.each([
    [{}, null],
    [{ kind: 'premium', heldOn: '2027-06-30' }, null],
    [{ kind: '精品课程' }, '请选择课程类别（精品课程或小灶课程）'],
    [{ topic: '' }, '请填写课程专题'],
    [{ lecturer: '' }, '请填写主讲人'],
    [{ organizer: '' }, '请填写组织单位'],
    [{ heldOn: '2027/03/02' }, '上课日期格式应为 YYYY-MM-DD'],
    [{ heldOn: '2027-02-28' }, '上课日期应在本班起止日期内（2027-03-01 至 2027-06-30）'],
    [{ heldOn: '2027-07-01' }, '上课日期应在本班起止日期内（2027-03-01 至 2027-06-30）'],
  ])('%j → %s', (change, expected) => {
    expect(courseProblem({ ...course, ...change }, cls)).toBe(expected);
  });
});
