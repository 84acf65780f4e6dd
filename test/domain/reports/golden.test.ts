import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCard } from '../../../src/domain/reports/reports.cards.js';
import { reportDocx } from '../../../src/domain/reports/reports.docx.js';
import { figureValue, reportMarkdown } from '../../../src/domain/reports/reports.markdown.js';
import { num } from '../../../src/domain/reports/reports.rules.js';
import { allFigures, buildReport, type ReportDoc } from '../../../src/domain/reports/reports.service.js';
import { reportWorkbook } from '../../../src/domain/reports/reports.xlsx.js';
import type { TestBot } from '../../helpers/bot.js';
import { demoBot, FEEDING, GOLDEN_TODAY } from './demo.js';
import { countyOf } from './helpers.js';

let bot: TestBot;
let doc: ReportDoc;
const period = { from: '2022-01-01', to: GOLDEN_TODAY };
/** The parts of each chapter (选, 育, 管, 用) with every capability of FEEDING. */
const PARTS = [
  ['三张清单', '年轻干部资源库'],
  ['选派墩苗', '教育培训'],
  ['跟踪考核台账', '问题线索', '谈心谈话', '结对帮带'],
  ['提拔和职级晋升', '表彰激励', '班子结构'],
];

beforeAll(async () => {
  bot = await demoBot();
  const countyId = await countyOf(bot);
  doc = await buildReport(
    bot.deps,
    FEEDING,
    period,
    { countyId, unitIds: null },
    { scopeLabel: '全县', asOf: GOLDEN_TODAY },
  );
}, 300_000);
afterAll(async () => bot?.close());

/** Element counts and text of an XML document; throws when it is not well-formed. */
function parseXml(xml: string) {
  const parser = new SaxesParser();
  const counts = new Map<string, number>();
  const styles: string[] = [];
  let text = '';
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
    if (t.name === 'w:pStyle') styles.push(String(t.attributes['w:val']));
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.write(xml).close();
  return { counts, styles, text };
}

describe('the demo county report (golden)', () => {
  it('renders the same Markdown as the golden file', async () => {
    await expect(reportMarkdown(doc)).toMatchFileSnapshot('./golden/demo-2022-01-01_2026-12-22.md.txt');
  });

  it('keeps the seed structure: 一、选 二、育 三、管 四、用, chapters without data say so', async () => {
    expect(doc.chapters.map((c) => c.chapter)).toEqual(['选', '育', '管', '用']);
    expect(doc.chapters.map((c) => c.parts.map((p) => p.title))).toEqual(PARTS);
    expect(doc.chapters.every((c) => !c.missing)).toBe(true);
    expect(doc.empty).toBe(false);
    // Without the 育 and 用 capabilities, those chapters say so instead of showing zeros.
    const fewer = FEEDING.filter((c) => !['dispatches', 'training', 'use'].includes(c.name));
    const partial = await buildReport(
      bot.deps,
      fewer,
      period,
      { countyId: await countyOf(bot), unitIds: null },
      { scopeLabel: '全县', asOf: GOLDEN_TODAY },
    );
    expect(partial.chapters[1].parts).toEqual([]);
    expect(partial.chapters[1].missing).toContain('尚未纳入统计');
    expect(partial.chapters[3].missing).toContain('尚未纳入统计');
  });

  it('compares every figure of 选, 育, 管 and 用 with the same period last year, on the card as well', async () => {
    const card = JSON.stringify(reportCard(doc));
    for (const c of doc.chapters) {
      for (const p of c.parts) {
        for (const f of p.figures) {
          // The demo's only class is this year's: last year has no attendance, so no rate to compare with.
          if (f.key === 'training.attendanceRate') expect(f.previous).toBeUndefined();
          else expect(f.previous, `${p.title} ${f.label}`).toEqual(expect.any(Number));
        }
        expect(card, p.title).toContain(`上年同期：${p.figures[0].label} ${num(p.figures[0].previous as number)}`);
      }
    }
    const clues = allFigures(doc).find((f) => f.figure.key === 'clues.reported')!.figure;
    const before = await buildReport(
      bot.deps,
      FEEDING,
      { from: '2021-01-01', to: '2025-12-22' },
      { countyId: await countyOf(bot), unitIds: null },
      { scopeLabel: '全县', asOf: GOLDEN_TODAY },
    );
    expect(allFigures(before).find((f) => f.figure.key === 'clues.reported')!.figure.value).toBe(clues.previous);
    for (const key of [
      'use.promotions',
      'use.teamMembers',
      'ledger.entries',
      'dispatches.firstSecretaries',
      'training.trainees',
    ]) {
      const now = allFigures(doc).find((f) => f.figure.key === key)!.figure;
      expect(allFigures(before).find((f) => f.figure.key === key)!.figure.value, key).toBe(now.previous);
    }
  }, 120_000);

  it('writes a valid docx with the headings, one table per part, the charts as images and the same figures', async () => {
    const { data, images, note } = await reportDocx(doc);
    expect(note).toBeNull();
    const zip = await JSZip.loadAsync(data);
    const xml = await zip.file('word/document.xml')!.async('string');
    const { counts, styles, text } = parseXml(xml);
    const parts = doc.chapters.flatMap((c) => c.parts);
    expect(styles.filter((s) => s === 'Heading1')).toHaveLength(4);
    expect(styles.filter((s) => s === 'Heading2')).toHaveLength(parts.length);
    expect(counts.get('w:tbl')).toBe(parts.length);
    const charts = parts.flatMap((p) => p.charts ?? []).filter((c) => c.data.length > 0).length;
    expect(images).toBe(charts);
    expect(counts.get('pic:pic')).toBe(charts);
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(charts);
    for (const { figure } of allFigures(doc)) expect(text).toContain(figureValue(figure));
    for (const p of parts) for (const s of p.sentences) expect(text).toContain(s);
  }, 120_000);

  it('writes an xlsx whose list sheets add up to the card’s figures', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportWorkbook(doc)) as any);
    const summary = wb.getWorksheet('汇总')!;
    const card = JSON.stringify(reportCard(doc));
    expect(Buffer.byteLength(card)).toBeLessThan(30 * 1024); // Feishu's card size limit
    let checked = 0;
    summary.eachRow((row, i) => {
      if (i === 1) return;
      const [label, value, sheet] = [row.getCell(3).value, row.getCell(4).value, row.getCell(8).value];
      if (typeof sheet !== 'string') return;
      const ws = wb.getWorksheet(sheet)!;
      expect(ws.actualRowCount - 1, `${label}`).toBe(value);
      checked++;
    });
    const withLists = allFigures(doc).filter((f) => f.figure.list);
    expect(checked).toBe(withLists.length);
    // The card states the headline figures in its sentences.
    for (const key of [
      'recommendations.listed',
      'pool.total',
      'talks.talks',
      'talks.warnings',
      'talks.problemsSolved',
    ]) {
      const f = allFigures(doc).find((x) => x.figure.key === key)!.figure;
      expect(card).toContain(`${f.value}`);
    }
    const perPart = wb.worksheets.filter((w) => /^[选育管用]-/.test(w.name)).map((w) => w.name);
    expect(perPart).toEqual(PARTS.flatMap((titles, i) => titles.map((t) => `${'选育管用'[i]}-${t}`)));
  }, 180_000);
});

/**
 * The seed report's figures (issue #15 item 6), keyed by figure key. Only keys whose capability feeds this
 * report are checked: the lead adds 育/管/用 entries' capabilities to FEEDING as they land.
 * 'atLeast' = the seed says “余”/“多” (at least); 'exact' = the seed states the number; 'near' = within 3%
 * where the demo generator draws the figure from rates. `since`: the seed's own period for the figure — “2022年以来”
 * by default, “2021年换届以来” = 2021-10-01, “近年来” = every batch the demo county has (since 2015).
 */
const SEED_FIGURES: Record<
  string,
  { value: number; rule: 'exact' | 'atLeast' | 'near'; share?: number; seed: string; since?: string }
> = {
  'recommendations.listed': { value: 787, rule: 'exact', seed: '三张优秀年轻干部推荐清单共上榜787人' },
  'pool.total': { value: 787, rule: 'exact', seed: '均纳入年轻干部资源库管理' },
  'talks.talks': { value: 14000, rule: 'atLeast', seed: '谈心谈话14000余人次' },
  'talks.warnings': { value: 600, rule: 'atLeast', seed: '提醒600余人次' },
  // The demo draws solved problems from rates: within 3% of 457, as main's demo test states (talks/demo.test.ts).
  'talks.problemsSolved': { value: 457, rule: 'near', seed: '帮助解决生活、工作难题457个' },
  'mentoring.eligible': { value: 417, rule: 'exact', seed: '共417人纳入帮带范围' },
  'dispatches.firstSecretaryBatches': {
    since: '2015-01-01',
    value: 6,
    rule: 'exact',
    seed: '选派6批220多名优秀年轻干部到村担任第一书记',
  },
  'dispatches.firstSecretaries': {
    since: '2015-01-01',
    value: 220,
    rule: 'atLeast',
    seed: '选派6批220多名优秀年轻干部到村担任第一书记',
  },
  'dispatches.instructors': { value: 89, rule: 'exact', seed: '选派89名…社会管理工作指导员和党建指导员' },
  'dispatches.frontline': { value: 32, rule: 'exact', seed: '选派32名…机关年轻干部到乡镇基层' },
  'dispatches.shadowingBatches': { value: 3, rule: 'exact', seed: '3批35名基层年轻干部到上级相关单位跟班学习' },
  'dispatches.shadowing': { value: 35, rule: 'exact', seed: '3批35名基层年轻干部到上级相关单位跟班学习' },
  'dispatches.rotation': { value: 18, rule: 'exact', seed: '3批18名优秀年轻干部到浏阳市跟岗学习' },
  'use.youngRankAdvancements': {
    since: '2021-10-01',
    value: 101,
    rule: 'exact',
    share: 28.5,
    seed: '101名年轻干部晋升职级，占28.5%',
  },
  'use.promotionsTownship': {
    since: '2021-10-01',
    value: 125,
    rule: 'exact',
    seed: '在乡镇（街道）提拔和进一步使用…125人',
  },
  'use.toChiefTownship': {
    since: '2021-10-01',
    value: 12,
    rule: 'exact',
    seed: '提拔重用12名乡镇干部担任乡镇党政正职',
  },
  'use.promotions': {
    since: '2021-10-01',
    value: 187,
    rule: 'exact',
    seed: '提拔187名熟悉基层治理和乡村振兴工作的干部',
  },
  'use.awards': { value: 15, rule: 'exact', seed: '评选出15名“攻坚克难好干部”' },
  'use.awardsPromoted': { value: 10, rule: 'exact', seed: '其中10人得到提拔晋升' },
  'use.post90Promotions': { since: '2021-10-01', value: 22, rule: 'exact', seed: '提拔22名“90后”干部进入乡镇领导班子' },
  // The township teams on the report's end date (35岁以下 / 30岁以下 under the default inclusive age rule).
  'use.teamYoung': { value: 72, rule: 'exact', share: 30, seed: '乡镇领导班子中35岁以下的72人，占30%' },
  'use.teamUnder30': { value: 19, rule: 'exact', share: 8, seed: '30岁以下的19人，占8%' },
  'use.townshipsWithYoung': { value: 20, rule: 'exact', seed: '确保了每个乡镇均有1名35岁以下的年轻领导干部' },
  // The teams as elected at the 2021 换届 (TERM_START_DATE, 2021-10-01), measured on that day.
  'use.termTownshipExperience': {
    since: '2021-10-01',
    value: 233,
    rule: 'exact',
    share: 95.9,
    seed: '新一届乡镇领导班子中具有2年以上乡镇工作经历的干部达233人，占比95.9%',
  },
};

describe('the seed report’s figures from the demo county (报告 2022-01-01 <today>)', () => {
  const present = () => new Set(FEEDING.map((c) => c.name));
  it('covers every figure of the capabilities present', () => {
    const checked = Object.keys(SEED_FIGURES).filter((k) => present().has(k.split('.')[0]));
    expect(checked.sort()).toEqual([
      'dispatches.firstSecretaries',
      'dispatches.firstSecretaryBatches',
      'dispatches.frontline',
      'dispatches.instructors',
      'dispatches.rotation',
      'dispatches.shadowing',
      'dispatches.shadowingBatches',
      'mentoring.eligible',
      'pool.total',
      'recommendations.listed',
      'talks.problemsSolved',
      'talks.talks',
      'talks.warnings',
      'use.awards',
      'use.awardsPromoted',
      'use.post90Promotions',
      'use.promotions',
      'use.promotionsTownship',
      'use.teamUnder30',
      'use.teamYoung',
      'use.termTownshipExperience',
      'use.toChiefTownship',
      'use.townshipsWithYoung',
      'use.youngRankAdvancements',
    ]);
  });
  const docs = new Map<string, ReportDoc>();
  beforeAll(async () => {
    const countyId = await countyOf(bot);
    for (const since of new Set(Object.values(SEED_FIGURES).map((f) => f.since ?? period.from))) {
      const p = { from: since, to: GOLDEN_TODAY };
      docs.set(
        since,
        await buildReport(
          bot.deps,
          FEEDING,
          p,
          { countyId, unitIds: null },
          { scopeLabel: '全县', asOf: GOLDEN_TODAY },
        ),
      );
    }
  }, 120_000);
  for (const [key, want] of Object.entries(SEED_FIGURES)) {
    it(`${key}: ${want.seed}`, () => {
      if (!present().has(key.split('.')[0])) return; // capability not in this report yet (see FEEDING)
      const f = allFigures(docs.get(want.since ?? period.from)!).find((x) => x.figure.key === key)?.figure;
      expect(f, `figure ${key} missing`).toBeDefined();
      if (want.rule === 'atLeast') expect(f!.value).toBeGreaterThanOrEqual(want.value);
      else if (want.rule === 'near') expect(Math.abs(f!.value - want.value)).toBeLessThanOrEqual(want.value * 0.03);
      else expect(f!.value).toBe(want.value);
      if (want.share !== undefined) expect(Math.round(f!.share ?? -1)).toBe(Math.round(want.share));
    });
  }
});
