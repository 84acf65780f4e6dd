import { describe, expect, it } from 'vitest';
import { importErrorLines } from '../../src/cli/format.js';

describe('importErrorLines', () => {
  it('summarises, then lists each bad row aligned under 行号 / 列 / 问题', () => {
    const lines = importErrorLines(
      [
        { row: 3, column: '出生年月', message: '无法识别的日期“1990.13”' },
        { row: 12, column: '单位', message: '单位“不存在镇”不存在' },
      ],
      20,
    );
    expect(lines[0]).toBe('未导入：共 20 行，发现 2 处问题，整个文件未写入。');
    expect(lines[1]).toMatch(/^行号\s+列\s+问题$/);
    expect(lines[2]).toMatch(/^3\s+出生年月\s+无法识别的日期“1990\.13”$/);
    expect(lines).toHaveLength(4);
  });

  it('adds a 工作表 column when errors name their sheet', () => {
    const lines = importErrorLines([{ sheet: '领导班子', row: 5, column: '单位', message: '未知单位' }]);
    expect(lines[0]).toBe('未导入：发现 1 处问题，整个文件未写入。');
    expect(lines[1]).toMatch(/^工作表\s+行号/);
    expect(lines[2]).toMatch(/^领导班子\s+5\s+单位\s+未知单位$/);
  });
});
