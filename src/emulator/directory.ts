import { demoDirectory, generateDemoCounty } from '../domain/org/demo/generate.js';
import type { DirectoryEntry } from './tenant.js';

/**
 * The default tenant directory in local mode: the people of the demo county 示范县, from the org module's
 * deterministic generator (the same people `npm start` seeds into the bot's roster; mobiles and e-mails do not
 * depend on the seeding date, so ids derived from them stay stable across restarts).
 */
export function demoCountyDirectory(): DirectoryEntry[] {
  return demoDirectory(generateDemoCounty({ scale: 1 }));
}
