import { demoDirectory, generateDemoCounty } from '../domain/org/demo/generate.js';
import type { DirectoryEntry } from './tenant.js';

/**
 * The default tenant directory in local mode: the people of the demo county 示范县, produced by the org
 * module's deterministic generator (the same people `npm start` seeds into the bot's roster).
 */
export async function demoCountyDirectory(): Promise<DirectoryEntry[]> {
  return demoDirectory(generateDemoCounty({ scale: 1 }));
}
