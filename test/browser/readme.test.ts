/**
 * README「两分钟试用」, walked exactly as written, in Chromium, against the real `npm start` (scripts/start.mjs in
 * local mode, a fresh DATA_DIR, a free port): from the first second (示范县生成中…, sending disabled) through
 * every step, asserting what each step says the user will see. Screenshots go to test-output/readme-*.png.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launch } from './chromium.js';

const executable = chromiumPath();
const OUT = 'test-output';
/** Seeding the demo county on a shared 2-core machine: generous, the README says "约十几秒". */
const START_MS = 240_000;
/** The day the README's 两分钟试用 is written for (its step 5 moves the clock to 2026-12-28 09:00). */
const README_DAY = '2026-12-03T09:00:00+08:00';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!executable)('README 两分钟试用 in Chromium against npm start', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base: string;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  let output = '';
  /** /healthz phases in the order they were first seen. */
  const phases: string[] = [];
  const first = { banner: '', sendDisabled: false, firstAnswerMs: 0 };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'qm-readme-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    browser = await launch(executable!);
    page = await browser.context.newPage();
    const started = Date.now();
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        QM_RUN: 'src',
        LOG_LEVEL: 'warn',
        // The README's walk is written for the demo county as of this day (DEV_CLOCK_START, local mode only):
        // the console clock starts here, so the walk shows what the README says on any calendar day.
        DEV_CLOCK_START: README_DAY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      output += d;
    });
    child.stderr?.on('data', (d) => {
      output += d;
    });
    // The first second after start: poll until the console answers, open it at once.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() - started > START_MS) throw new Error(`npm start did not answer:\n${output}`);
      const health = await fetch(`${base}/healthz`)
        .then((r) => r.json())
        .catch(() => null);
      if (health) {
        phases.push(health.phase);
        first.firstAnswerMs = Date.now() - started;
        break;
      }
      await sleep(100);
    }
    await page.goto(`${base}/console`);
    await page.locator('#startup', { hasText: '示范县生成中' }).waitFor({ timeout: 10_000 });
    first.banner = (await page.textContent('#startup')) ?? '';
    first.sendDisabled = await page.isDisabled('#send-btn');
    await page.screenshot({ path: `${OUT}/readme-0-seeding.png` });
    for (;;) {
      const h = await fetch(`${base}/healthz`).then((r) => r.json());
      if (phases.at(-1) !== h.phase) phases.push(h.phase);
      if (h.phase === 'ready') break;
      if (Date.now() - started > START_MS) throw new Error(`still ${h.phase} after ${START_MS} ms:\n${output}`);
      await sleep(500);
    }
  }, START_MS + 30_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 40_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page?.screenshot({ path: `${OUT}/readme-failed.png` });
  });

  const cards = (title: string) => page.locator('.card', { has: page.locator('.card-title', { hasText: title }) });
  /** The README: pick a persona on the left (the demo personas are listed first). */
  const as = async (name: string) => {
    await page.locator('#featured button', { hasText: new RegExp(`^${name}`) }).click();
    await page.locator('#send-btn:enabled').waitFor();
    await page.locator('#me', { hasText: name }).waitFor();
    await quiet();
  };
  /** Until the chat stops changing (history loaded, replies in): the message count holds for 800 ms. */
  const quiet = async () => {
    let last = -1;
    for (let i = 0; i < 40; i++) {
      const n = await page.locator('#messages .msg').count();
      if (n === last) return;
      last = n;
      await sleep(800);
    }
  };
  /** Sends a text and waits for a new card titled `title` (one more than before); returns it. */
  const say = async (text: string, title: string, timeout = 60_000) => {
    const before = await cards(title).count();
    await page.fill('#text-input', text);
    await page.press('#text-input', 'Enter');
    const c = cards(title).nth(before);
    await c.waitFor({ timeout });
    return c;
  };
  const textOf = async (c: ReturnType<typeof cards>) => ((await c.textContent()) ?? '').replace(/\s+/g, ' ');
  const num = (s: string) => Number(s.replace(/,/g, ''));

  it('step 1: 示范县生成中… and sending disabled from the first second; then ready, and 帮助 as 林晓燕', async () => {
    expect(phases[0]).toBe('seeding');
    expect(phases.at(-1)).toBe('ready');
    expect(first.banner).toContain('示范县生成中');
    expect(first.sendDisabled).toBe(true);
    // Without a reload the banner goes and sending comes back.
    await page.locator('#startup').waitFor({ state: 'hidden', timeout: 30_000 });
    await as('林晓燕');
    const help = await say('帮助', '青苗 · 使用帮助');
    const text = await textOf(help);
    expect(text).toContain('推荐审核');
    expect(text).toContain('资源库');
    await page.screenshot({ path: `${OUT}/readme-1-help.png` });
  }, 120_000);

  it('step 2: 资源库 787 / 787 with a tier chart; 推荐审核 → 同意入库; 统计 2022-01-01 with a chart', async () => {
    const pool = await say('资源库', '年轻干部资源库');
    const p = await textOf(pool);
    expect(p).toContain('在库 787 人');
    expect(p).toContain('三张清单上榜 787 人');
    expect(p).toContain('一人多榜只计一次');
    expect(await pool.locator('svg.chart rect.bar').count()).toBe(3);

    const pending = await say('推荐审核', '推荐审核');
    const r = await textOf(pending);
    expect(r).toContain('待审核推荐共');
    expect(r).toMatch(/郑丽华|孙明/);
    const opened = await cards('推荐审核：').count();
    await pending.getByRole('button', { name: '审核' }).first().click();
    const review = cards('推荐审核：').nth(opened);
    await review.waitFor();
    const form = review.locator('form.cform').first();
    await form.locator('select[name=tier]').selectOption({ label: '中期培养' });
    await form.getByRole('button', { name: '同意入库' }).click();
    await review.locator('.md', { hasText: '审核结果：已入库（中期培养）' }).waitFor();
    await page.screenshot({ path: `${OUT}/readme-2-review.png` });

    const stats = await say('统计 2022-01-01', '谈心谈话统计', 120_000);
    const s = await textOf(stats);
    const talks = num(/谈心谈话：([\d,]+) 人次/.exec(s)?.[1] ?? '0');
    const warnings = num(/提醒（警醒谈）：([\d,]+) 人次/.exec(s)?.[1] ?? '0');
    const solved = num(/期间解决 ([\d,]+) 个/.exec(s)?.[1] ?? '0');
    // README: 约 14,900 人次、提醒约 660、解决约 460（按生成日期略有不同）.
    expect(talks).toBeGreaterThan(14_000);
    expect(talks).toBeLessThan(15_800);
    expect(warnings).toBeGreaterThan(600);
    expect(warnings).toBeLessThan(720);
    expect(solved).toBeGreaterThan(420);
    expect(solved).toBeLessThan(500);
    // A chart rendered in 统计: the grouped completion chart (a legend of 已谈/待谈/逾期) and the yearly trend.
    expect(await stats.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    expect(await stats.locator('svg.chart rect.bar').count()).toBeGreaterThan(4);
    expect(await stats.locator('.chart-legend', { hasText: '逾期' }).count()).toBe(1);
    await stats.locator('svg.chart').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/readme-2-stats.png` });
    // On a phone: the charts fit the width (a leader reads this on his phone).
    await page.setViewportSize({ width: 390, height: 844 });
    await stats.locator('svg.chart').first().scrollIntoViewIfNeeded();
    const chartBox = await stats.locator('svg.chart').first().boundingBox();
    expect(chartBox!.width).toBeGreaterThan(250);
    expect(chartBox!.x + chartBox!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${OUT}/readme-2-stats-phone.png` });
    await page.setViewportSize({ width: 1280, height: 860 });
  }, 300_000);

  it('step 3: 周志远 待办 with a 记录谈话/补录谈话 button per cadre; 查询 csy masks phone and ID', async () => {
    await as('周志远');
    const todo = await say('待办', '我的待办');
    const t = await textOf(todo);
    expect(t).toMatch(/本期待谈|上一周期逾期未谈/);
    expect(await todo.getByRole('button', { name: /记录谈话|补录谈话/ }).count()).toBeGreaterThan(0);
    const profile = await say('查询 csy', '干部信息 · 陈思雨');
    const p = await textOf(profile);
    expect(p).toMatch(/1\d{2}\*{4}\d{4}/);
    expect(p).toMatch(/\d{4}\*{10}[\dX]{4}/);
    await page.screenshot({ path: `${OUT}/readme-3-profile.png` });
  }, 120_000);

  it('step 4: 郑丽华 推荐 → 清单 A, find a candidate, submit; 林晓燕 gets the review card', async () => {
    await as('林晓燕');
    const reviewsBefore = await cards('推荐审核：').count();
    await as('郑丽华');
    const start = await say('推荐', '推荐优秀年轻干部');
    expect(await textOf(start)).toContain('A');
    let pick = null;
    for (const q of ['l', 'w', 'z', 'c', 'h', 'y', 'x']) {
      const form = cards('推荐优秀年轻干部').last().locator('form.cform');
      await form.locator('input[name=q]').fill(q);
      const before = await cards('选择候选人').count();
      await form.getByRole('button', { name: '查找' }).click();
      const found = cards('选择候选人').nth(before);
      await found.waitFor();
      const buttons = found.getByRole('button', { name: /^推荐 / });
      if ((await buttons.count()) > 0) {
        pick = buttons.first();
        break;
      }
      await found.getByRole('button', { name: '重新查找' }).click();
      await cards('推荐优秀年轻干部').nth(1).waitFor();
    }
    expect(pick).not.toBeNull();
    const name = ((await pick!.textContent()) ?? '').replace(/^推荐\s*/, '').trim();
    await pick!.click();
    const form = cards('填写推荐信息').last().locator('form.cform');
    await form.waitFor();
    await form.locator('[name=reason]').fill('政治素质好，敢于担当，群众认可度高。');
    await form.locator('[name=achievements]').fill('牵头完成全县中小学安全隐患排查整治。');
    await form.locator('[name=evaluation]').fill('综合素质优秀，可重点培养。');
    await form.getByRole('button', { name: '提交推荐' }).click();
    await cards('推荐已提交').last().waitFor();
    await page.screenshot({ path: `${OUT}/readme-4-recommend.png` });
    await as('林晓燕');
    const review = cards('推荐审核：').nth(reviewsBefore);
    await review.waitFor();
    expect(await review.locator('.card-title').textContent()).toContain(`推荐审核：${name}（A清单）`);
  }, 180_000);

  it('step 5: clock 2026-12-28 09:00, talks.reminders → 吴海涛 records a talk with 陈思雨, counted for 2026年12月', async () => {
    await page.fill('#clock-input', '2026-12-28 09:00');
    await page.click('#clock-set');
    await page.locator('#clock', { hasText: '2026/12/28 09:0' }).waitFor();
    const job = page.locator('#jobs li', { has: page.locator('button[data-job="talks.reminders"]') });
    await job.getByRole('button', { name: '立即运行' }).click();
    const toast = page.locator('.toast', { hasText: '任务已完成' }).last();
    await toast.waitFor({ timeout: 120_000 });
    expect(await toast.textContent()).toMatch(/向 \d+ 位领导发送谈话提醒/);

    await as('吴海涛');
    const reminder = cards('谈心谈话提醒').last();
    await reminder.waitFor({ timeout: 60_000 });
    const row = reminder.locator('.cols', { hasText: '陈思雨' }).first();
    await row.getByRole('button', { name: '记录谈话' }).click();
    const talkForm = page.locator('form.cform', { has: page.locator('input[name=topics]') }).last();
    await talkForm.waitFor();
    await talkForm.locator('input[name=topics]').fill('思想状况、工作困难');
    await talkForm.locator('input[name=date]').fill('2026-12-29');
    await talkForm.getByRole('button', { name: '提交谈话记录' }).click();
    await page.locator('.toast', { hasText: '谈话日期不能晚于今天' }).waitFor();
    await talkForm.locator('input[name=date]').fill('2026-12-28');
    await talkForm.getByRole('button', { name: '提交谈话记录' }).click();
    const summary = cards('谈话记录已保存').last();
    await summary.waitFor({ timeout: 30_000 });
    const st = await textOf(summary);
    expect(st).toContain('陈思雨');
    expect(st).toContain('计入：2026年12月（单位分管领导）');
    await page.screenshot({ path: `${OUT}/readme-5-talk.png` });

    const todo = await say('待办', '我的待办');
    const t = await textOf(todo);
    const open = t.split('上一周期逾期未谈')[0];
    expect(open).not.toContain('陈思雨');
    // A miss of last period (11月) stays under 上一周期逾期未谈 with a 补录谈话 button; nothing else lists her.
    if (t.includes('上一周期逾期未谈') && t.split('上一周期逾期未谈')[1].includes('陈思雨')) {
      const late = todo.locator('.cols', { hasText: '陈思雨' }).first();
      expect(await late.getByRole('button', { name: '补录谈话' }).count()).toBe(1);
    }

    // The same day again: nobody is reminded twice, said in one Chinese line.
    const done = page.locator('.toast', { hasText: '任务已完成' });
    await expect.poll(() => done.count(), { timeout: 15_000 }).toBe(0);
    await job.getByRole('button', { name: '立即运行' }).click();
    const again = done.first();
    await again.waitFor({ timeout: 120_000 });
    expect(await again.textContent()).not.toMatch(/向 \d+ 位领导发送谈话提醒/);
    expect(await again.textContent()).toContain('无需发送');
    await page.screenshot({ path: `${OUT}/readme-5-todo.png` });
  }, 300_000);
});
