/** The demo county seeded once per test file, with the capabilities given explicitly (goldens stay stable). */
import type { Capability } from '../../../src/capability.js';
import { seedDemoData } from '../../../src/demo.js';
import { cluesCapability } from '../../../src/domain/clues/clues.handlers.js';
import { dispatchesCapability } from '../../../src/domain/dispatches/dispatches.handlers.js';
import { ledgerCapability } from '../../../src/domain/ledger/ledger.handlers.js';
import { mentoringCapability } from '../../../src/domain/mentoring/mentoring.handlers.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { recommendationsCapability } from '../../../src/domain/recommendations/recommendations.handlers.js';
import { reportsCapability } from '../../../src/domain/reports/reports.handlers.js';
import { talksCapability } from '../../../src/domain/talks/talks.handlers.js';
import { useCapability } from '../../../src/domain/use/use.handlers.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';

/** Fixed "today" of the goldens: the seed report's figures are "2022年以来" up to this day. */
export const GOLDEN_TODAY = '2026-12-22';

/**
 * The capabilities that feed the report, in src/capabilities.ts order (their demo steps depend on it). Adding a
 * capability here is a deliberate change of the golden files, never a silent one.
 */
export const FEEDING: Capability[] = [
  org,
  recommendationsCapability,
  poolCapability,
  talksCapability,
  mentoringCapability,
  cluesCapability,
  ledgerCapability,
  useCapability,
  dispatchesCapability,
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
