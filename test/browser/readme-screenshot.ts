/**
 * Takes the README / docs screenshot of the console with the demo county:
 *   npx tsx test/browser/readme-screenshot.ts [out.png] [persona mobile] [message]
 * Boots the whole bot (demo county seeded, emulator directory from the same generator), opens the console
 * as the persona (default: 周志远, head of 青山镇), sends the message (default 待办), and saves the page.
 */
import { demoCountyDirectory } from '../../src/app.js';
import { startEmulated } from '../helpers/emulated.js';
import { chromiumPath, launch } from './chromium.js';

const [OUT = 'docs/console.png', MOBILE = '13900000003', TEXT = '待办'] = process.argv.slice(2);

async function main(): Promise<void> {
  const executable = chromiumPath();
  if (!executable) throw new Error('Chromium not found');
  const users = await demoCountyDirectory();
  const emu = await startEmulated({ users, env: { SEED_DEMO: 'auto' }, now: '2026-12-01T09:30:00+08:00' });
  const browser = await launch(executable);
  try {
    const me = (await emu.users()).find((u) => u.mobile === MOBILE);
    if (!me) throw new Error(`no user with mobile ${MOBILE}`);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${emu.baseUrl}/console?user=${me.open_id}`);
    await page.locator('.msg').first().waitFor();
    const before = await page.locator('.msg').count();
    await page.fill('#text-input', TEXT);
    await page.press('#text-input', 'Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.msg').length >= n + 2, before);
    await page
      .locator('.msg')
      .last()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(500);
    await page.screenshot({ path: OUT });
    console.log(`saved ${OUT}`);
  } finally {
    await browser.close();
    await emu.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
