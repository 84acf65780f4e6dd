import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../src/capability.js';
import { help } from '../../src/domain/help/help.handlers.js';
import { notice } from '../../src/feishu/cards/atoms.js';
import { enqueue } from '../../src/feishu/outbox.js';
import { PEOPLE, showcase } from '../emulator/fixtures.js';
import { type Emulated, startEmulated } from '../helpers/emulated.js';
import { BROWSER_MISSING, chromiumPath, launch } from './chromium.js';

const executable = chromiumPath();
const OUT = 'test-output';

/** A job that posts to the leaders' group, so the jobs panel has something to fire. */
const digestJob: Capability = {
  name: 'console-test-jobs',
  jobs: (deps) => [
    {
      name: 'demo.digest',
      cron: '0 9 * * 1',
      description: '演示周报',
      run: async () => {
        const chatId = (await fetch(`http://127.0.0.1:${deps.config.port}/emulator/api/chats`).then((r) => r.json()))
          .chats[0].chat_id;
        await enqueue(deps.db, { kind: 'send', to: { chatId }, card: notice('本周简报', '演示任务已运行') });
        deps.outboxWake();
        return { sent: 1 };
      },
    },
  ],
};

describe('browser environment', () => {
  it('has Chromium in CI', () => {
    if (!executable && process.env.CI) throw new Error(BROWSER_MISSING);
    if (!executable) console.warn(`SKIPPING the console browser test: ${BROWSER_MISSING}`);
  });
});

describe.skipIf(!executable)('web console in Chromium', () => {
  let emu: Emulated;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  /** What the console showed in the start-up window, before bot.start() (local mode, SEED_DEMO=auto). */
  const startup = { banner: '', sendDisabled: false, bannerShown: false };
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await launch(executable!);
    page = await browser.context.newPage();
    emu = await startEmulated({
      users: PEOPLE,
      capabilities: [help, showcase, digestJob],
      now: '2026-11-30T09:00:00+08:00',
      env: { SEED_DEMO: 'auto' },
      beforeStart: async (_bot, baseUrl) => {
        const health = await fetch(`${baseUrl}/healthz`).then((r) => r.json());
        expect(health).toMatchObject({ ready: false, phase: 'seeding' });
        await page.goto(`${baseUrl}/console`);
        await page.locator('#startup', { hasText: '示范县生成中' }).waitFor();
        startup.bannerShown = true;
        startup.banner = (await page.textContent('#startup')) ?? '';
        startup.sendDisabled = await page.isDisabled('#send-btn');
        await page.screenshot({ path: `${OUT}/console-seeding.png` });
      },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await emu?.close();
  });

  const card = (title: string) =>
    page.locator('.card', { has: page.locator('.card-title', { hasText: title }) }).last();

  it('shows 示范县生成中… and disables sending until the bot is ready', async () => {
    expect(startup.bannerShown).toBe(true);
    expect(startup.banner).toContain('示范县生成中');
    expect(startup.sendDisabled).toBe(true);
    // Once start() has run, the same page (no reload) hides the banner and lets the user send.
    await page.locator('#startup').waitFor({ state: 'hidden' });
    await page.locator('#user-list li', { hasText: '陈雨桐' }).click();
    await page.locator('#send-btn:enabled').waitFor();
    expect(await (await fetch(`${emu.baseUrl}/healthz`)).json()).toMatchObject({ ready: true, phase: 'ready' });
  });

  it('picks a user, sends 帮助 and sees the help card', async () => {
    await page.goto(`${emu.baseUrl}/`);
    expect(page.url()).toContain('/console');
    await page.fill('#user-search', '青山镇');
    await page.locator('#user-list li', { hasText: '陈雨桐' }).click();
    await card('欢迎使用青苗').waitFor();
    await page.fill('#text-input', '帮助');
    await page.press('#text-input', 'Enter');
    await card('青苗 · 使用帮助').waitFor();
    expect(await card('青苗 · 使用帮助').locator('b', { hasText: '帮助' }).count()).toBeGreaterThan(0);
  });

  it('clicks a button: toast, and the card the bot returned', async () => {
    await page.fill('#text-input', '组件演示');
    await page.press('#text-input', 'Enter');
    const showcaseCard = card('组件演示');
    await showcaseCard.waitFor();
    expect(await showcaseCard.locator('svg.chart rect.bar').count()).toBe(2);
    expect(await showcaseCard.locator('table tbody tr').count()).toBe(2);
    expect(await showcaseCard.locator('.fc-red', { hasText: '红色文字' }).count()).toBe(1);
    await showcaseCard.getByRole('button', { name: '点一下' }).click();
    await page.locator('.toast', { hasText: '收到第 1 次点击' }).waitFor();
    await card('已点击').waitFor();
  });

  it('fills and submits a form (form_value keyed by names, dates like Feishu)', async () => {
    await page.fill('#text-input', '组件演示');
    await page.press('#text-input', 'Enter');
    await page.locator('.card-title', { hasText: '组件演示' }).waitFor();
    const form = page.locator('form.cform').last();
    await form.getByRole('button', { name: '提交' }).click();
    await page.locator('.toast', { hasText: '请填写必填项：标题' }).waitFor();
    await form.locator('input[name=title]').fill('季度谈心谈话');
    await form.locator('select[name=kind]').selectOption('flexible');
    await form.locator('[data-multi=topics] input[value=work]').check();
    await form.locator('input[name=day]').fill('2026-12-05');
    await form.getByRole('button', { name: '提交' }).click();
    await page.locator('.toast', { hasText: '已提交' }).waitFor();
    const done = card('提交成功');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    expect(text).toContain('标题：季度谈心谈话');
    expect(text).toContain('类别：flexible');
    expect(text).toContain('话题：work');
    expect(text).toContain('日期：2026-12-05 +0800');
    await page.screenshot({ path: `${OUT}/console.png` });
  });

  it('sets the bot’s clock and fires a job into the leaders’ group', async () => {
    // Jobs are an operator's tool in local mode: labelled as such, run as the system, not as the persona.
    expect(await page.textContent('#tools')).toContain('开发者工具');
    expect(await page.textContent('#jobs-hint')).toContain('与左侧所选身份无关');
    const job = page.locator('#jobs li', { hasText: '演示周报' });
    // 2026-11-30 is a Monday after 09:00: the next Monday-09:00 run is 2026-12-07.
    await job.locator('code', { hasText: '下次 2026/12/07 09:00' }).waitFor();
    expect(await page.inputValue('#clock-input')).toMatch(/^2026-11-30 09:0\d$/);
    await page.fill('#clock-input', '12/07/2026 08:30 AM');
    await page.click('#clock-set');
    await page.locator('.toast', { hasText: '时间格式应为 yyyy-MM-dd HH:mm' }).waitFor();
    await page.fill('#clock-input', '2026-12-07 18:30');
    await page.click('#clock-set');
    await page.locator('#clock', { hasText: '2026/12/07 18:3' }).waitFor();
    expect(emu.clock.now().toISOString()).toMatch(/^2026-12-07T10:3/);
    // The next run moved with the clock (past this Monday's 09:00: the next Monday).
    await job.locator('code', { hasText: '下次 2026/12/14 09:00' }).waitFor();
    await job.getByRole('button', { name: '立即运行' }).click();
    await page.locator('.toast', { hasText: '任务已完成：发送 1' }).waitFor();
    await page.fill('#user-search', '林晓燕');
    await page.locator('#user-list li', { hasText: '林晓燕' }).click();
    await page.locator('#tabs button', { hasText: '领导群' }).click();
    await card('本周简报').waitFor();
  });

  it('is readable at phone width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#tabs button', { hasText: '与青苗私聊' }).click();
    await page.fill('#text-input', '帮助');
    await page.press('#text-input', 'Enter');
    await card('青苗 · 使用帮助').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await page.isVisible('#composer')).toBe(true);
    await page.screenshot({ path: `${OUT}/console-phone.png` });
  });
});
