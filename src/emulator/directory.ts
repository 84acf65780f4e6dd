import type { DirectoryEntry } from './tenant.js';

/**
 * The default tenant directory in local mode: the people of the demo county 示范县, produced by the org
 * module's deterministic generator (the same people `npm start` seeds into the bot's roster).
 */
export async function demoCountyDirectory(): Promise<DirectoryEntry[]> {
  const mod: {
    generateDemoCounty: (opts?: { seed?: number; scale?: number }) => unknown;
    demoDirectory?: (county: unknown) => DirectoryEntry[];
  } = await import('../domain/org/demo/generate.js');
  if (!mod.demoDirectory) throw new Error('org demo generator has no demoDirectory()');
  return mod.demoDirectory(mod.generateDemoCounty({ scale: 1 }));
}
