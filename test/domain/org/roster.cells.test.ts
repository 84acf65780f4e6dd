import { describe, expect, it } from 'vitest';
import {
  type Cell,
  parseCadreType,
  parseDate,
  parseEducation,
  parseFlag,
  parseGender,
  parseIdNumber,
  parseMobile,
  parseStatus,
} from '../../../src/domain/org/roster/roster.cells.js';
import { normalizeHeader } from '../../../src/domain/org/roster/roster.columns.js';
import { cleanName } from '../../../src/domain/org/roster/roster.validate.js';

const c = (value: Cell['value'], numFmt?: string): Cell => ({ value, numFmt });

describe('parseDate accepts the department’s date spellings', () => {
  it.each<[Cell, string, 'day' | 'month']>([
    [c('1990.05'), '1990-05-01', 'month'],
    [c('1990.5'), '1990-05-01', 'month'],
    [c('1990.1'), '1990-01-01', 'month'],
    [c('1990-05-17'), '1990-05-17', 'day'],
    [c('1990/5/7'), '1990-05-07', 'day'],
    [c('1990年5月'), '1990-05-01', 'month'],
    [c('1990年05月17日'), '1990-05-17', 'day'],
    [c('１９９０．０５'), '1990-05-01', 'month'],
    [c(' 1990.05  '), '1990-05-01', 'month'],
    [c('199005'), '1990-05-01', 'month'],
    [c('19900517'), '1990-05-17', 'day'],
    [c(1990.05), '1990-05-01', 'month'],
    [c(1990.12), '1990-12-01', 'month'],
    [c(1990.1, '0.00'), '1990-10-01', 'month'],
    [c(33010), '1990-05-17', 'day'],
    [c(19900517), '1990-05-17', 'day'],
    [c(new Date(Date.UTC(1990, 4, 17))), '1990-05-17', 'day'],
  ])('%o → %s', (cell, date, precision) => {
    expect(parseDate(cell)).toEqual({ ok: true, value: { date, precision } });
  });

  it.each<[Cell, RegExp]>([
    [c(1990.1), /1月还是10月/],
    [c(1990), /只有年份/],
    [c('1990.13'), /月份不对/],
    [c('1990-02-30'), /不是有效日期/],
    [c('九零年五月'), /不是可识别的日期/],
    [c(''), /为空/],
  ])('%o is refused: %s', (cell, message) => {
    const r = parseDate(cell);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('other cells', () => {
  it.each([
    ['男', '男'],
    ['女性', '女'],
    [' 女 ', '女'],
  ])('gender %s → %s', (raw, g) => expect(parseGender(c(raw))).toEqual({ ok: true, value: g }));

  it.each([
    ['硕士研究生', '研究生'],
    ['博士', '研究生'],
    ['大学本科', '大学'],
    ['本科', '大学'],
    ['大学专科', '大专'],
    ['大专', '大专'],
    ['中专', '中专'],
    ['高中', '高中及以下'],
  ])('education %s → %s', (raw, e) => expect(parseEducation(c(raw))).toEqual({ ok: true, value: e }));

  it.each([
    ['参照公务员法管理', '参公'],
    ['行政编制', '公务员'],
    ['事业编制', '事业'],
    ['村干部', '村干部'],
  ])('cadre type %s → %s', (raw, t) => expect(parseCadreType(c(raw))).toEqual({ ok: true, value: t }));

  it.each<[Cell['value'], boolean]>([
    ['是', true],
    ['√', true],
    ['否', false],
    [true, true],
    [0, false],
  ])('flag %s → %s', (raw, b) => expect(parseFlag(c(raw))).toEqual({ ok: true, value: b }));

  it.each([
    ['在职', true],
    ['调出', false],
    ['已退休', false],
  ])('status %s → %s', (raw, b) => expect(parseStatus(c(raw))).toEqual({ ok: true, value: b }));

  it.each<[Cell['value'], string]>([
    ['139 0000 0005', '13900000005'],
    ['+86 139-0000-0005', '13900000005'],
    [13900000005, '13900000005'],
    ['１３９０００００００５', '13900000005'],
  ])('mobile %s → %s', (raw, m) => expect(parseMobile(c(raw))).toEqual({ ok: true, value: m }));

  it('refuses bad mobiles and ID numbers with Chinese reasons', () => {
    expect(parseMobile(c('1390000'))).toMatchObject({ ok: false, message: expect.stringMatching(/11位手机号/) });
    expect(parseIdNumber(c(9.90101199e17))).toMatchObject({ ok: false, message: expect.stringMatching(/存成了数字/) });
    expect(parseIdNumber(c('110105194912310021'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/校验位/),
    });
    expect(parseIdNumber(c('11010519491231002x'))).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('normalises headers and names', () => {
    expect(normalizeHeader('＊出生年月（例：1990.05） ')).toBe('出生年月');
    expect(normalizeHeader('手机号码:')).toBe('手机号码');
    expect(cleanName('张  三')).toBe('张三');
    expect(cleanName('阿依古丽·买买提')).toBe('阿依古丽·买买提');
  });
});
