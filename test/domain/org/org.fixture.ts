/** The demo county seeded into a fresh test database, with Deps for services and persona lookups. */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { SettableClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config.js';
import type { DbHandle } from '../../../src/db/client.js';
import { people } from '../../../src/db/schema/org.js';
import { createDeps, type Deps, type Logger } from '../../../src/deps.js';
import { DEMO_PERSONAS, type PersonaId } from '../../../src/domain/org/demo/personas.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import { createLarkClient } from '../../../src/feishu/client.js';
import { createTestDb } from '../../helpers/db.js';

export const NOW = new Date('2026-11-30T09:00:00+08:00');

export interface OrgFixture {
  handle: DbHandle;
  deps: Deps;
  clock: SettableClock;
  /** Person id of a persona. */
  id(p: PersonaId): Promise<number>;
  close(): Promise<void>;
}

export function testDeps(handle: DbHandle, env: Record<string, string> = {}): { deps: Deps; clock: SettableClock } {
  const config = loadConfig({ PORT: '3999', SEED_DEMO: 'never', ...env });
  const clock = new SettableClock();
  clock.freeze(NOW);
  const log = pino({ level: 'silent' }) as unknown as Logger;
  const deps = createDeps({ db: handle.db, clock, config, log, lark: createLarkClient(config), outboxWake: () => {} });
  return { deps, clock };
}

export async function seededCounty(env: Record<string, string> = {}): Promise<OrgFixture> {
  const handle = await createTestDb();
  const { deps, clock } = testDeps(handle, env);
  await seedDemo(handle.db, { clock, timezone: deps.config.timezone });
  const cache = new Map<string, number>();
  const id = async (p: PersonaId) => {
    const mobile = DEMO_PERSONAS[p].mobile;
    if (!cache.has(mobile)) {
      const [row] = await handle.db.select({ id: people.id }).from(people).where(eq(people.mobile, mobile));
      cache.set(mobile, row.id);
    }
    return cache.get(mobile)!;
  };
  return { handle, deps, clock, id, close: () => handle.close() };
}
