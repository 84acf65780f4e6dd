/**
 * Takes the README / docs screenshot of the console with the demo county: `npx tsx test/browser/readme-screenshot.ts`.
 * Boots the whole bot (demo county seeded, emulator directory from the same generator), opens the console
 * as the org-department persona, asks for help, and saves docs/console.png.
 */
import { demoCountyDirectory } from '../../src/emulator/directory.js';
import { startEmulated } from '../helpers/emulated.js';
import { chromiumPath, launch } from './chromium.js';

const OUT = process.argv[2] ?? 'docs/console.png';

async function main(): Promise<void> {
  const executable = chromiumPath();
  if (!executable) throw new Error('Chromium not found');
  const users = await demoCountyDirectory();
  const emu = await startEmulated({ users, env: { SEED_DEMO: 'auto' }, now: '2026-12-01T09:30:00+08:00' });
  const browser = await launch(executable);
  try {
    const persona = users.find((u) => u.note && u.roles?.includes('org_admin')) ?? users[0];
    const me = (await emu.users()).find((u) => u.mobile === persona.mobile)!;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${emu.baseUrl}/console?user=${me.open_id}`);
    await page.locator('.msg').first().waitFor();
    await page.fill('#text-input', '帮助');
    await page.press('#text-input', 'Enter');
    await page.locator('.card-title', { hasText: '帮助' }).last().waitFor();
    await page.waitForTimeout(300);
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
