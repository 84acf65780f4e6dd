import { sql } from 'drizzle-orm';
import type { Capability, DemoOptions } from './capability.js';
import { rowsOf } from './db/client.js';
import type { Deps } from './deps.js';

export interface DemoStep {
  capability: string;
  lines: string[];
  ms: number;
}

/**
 * The demo county, complete: every capability's `seedDemo` step in capability order, in one transaction,
 * so a failure (or a demo that is already there) leaves nothing half-written. `seed-demo` and `npm start` both call it.
 */
export async function seedDemoData(caps: Capability[], deps: Deps, opts: DemoOptions): Promise<DemoStep[]> {
  return deps.db.transaction(async (tx) => {
    const steps: DemoStep[] = [];
    for (const c of caps) {
      if (!c.seedDemo) continue;
      const started = performance.now();
      const lines = await c.seedDemo({ ...deps, db: tx }, opts);
      steps.push({ capability: c.name, lines, ms: performance.now() - started });
    }
    return steps;
  });
}

/** `npm start` with SEED_DEMO=auto: seeds the demo county (scale 1) when nobody is on the roll yet. */
export async function seedDemoIfEmpty(caps: Capability[], deps: Deps): Promise<void> {
  if (deps.config.seedDemo !== 'auto') return;
  const [row] = rowsOf<{ taken: boolean }>(await deps.db.execute(sql`select exists (select 1 from people) as taken`));
  if (row?.taken) return;
  for (const s of await seedDemoData(caps, deps, { scale: 1 })) {
    deps.log.info({ capability: s.capability, ms: Math.round(s.ms) }, s.lines.join(' '));
  }
}
