/** The demo county seeded once per test file, with the capabilities given explicitly (goldens stay stable). */
import type { Capability } from '../../../src/capability.js';
import { seedDemoData } from '../../../src/demo.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { recommendationsCapability } from '../../../src/domain/recommendations/recommendations.handlers.js';
import { reportsCapability } from '../../../src/domain/reports/reports.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';

/** Fixed "today" of the goldens: the seed report's figures are "2022年以来" up to this day. */
export const GOLDEN_TODAY = '2026-12-22';

/**
 * The capabilities main keeps today. When 育/管/用 land, their goldens get their own lists: adding a capability
 * here is a deliberate change of the golden files, never a silent one.
 */
export const FEEDING: Capability[] = [
  org,
  recommendationsCapability,
  poolCapability,
  talksCapability,
  mentoringCapability,
];

export async function demoBot(feeding: Capability[] = FEEDING): Promise<TestBot> {
  const caps = [...feeding, reportsCapability(() => feeding)];
  const bot = await createTestBot({
    now: new Date(`${GOLDEN_TODAY}T09:00:00+08:00`),
    capabilities: caps,
    env: { REPORT_PATCH_WAIT_MS: '0' },
  });
  await seedDemoData(caps, bot.deps, { scale: 1 });
  return bot;
}
