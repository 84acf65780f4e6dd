/**
 * Shared by the emulator end-to-end tests: the actor resolver the real org capability installs, reduced to
 * "the person with this open_id", so a test can install only the capabilities it exercises.
 */
import { eq } from 'drizzle-orm';
import type { Capability } from '../../src/capability.js';
import { people } from '../../src/db/schema/org.js';

export const testActors: Capability = {
  name: 'test-actors',
  register(router, deps) {
    router.actorResolver(
      async (s) => {
        const [p] = await deps.db.select().from(people).where(eq(people.openId, s.openId));
        return p ? { personId: p.id, openId: s.openId, name: p.name } : null;
      },
      async () => {},
    );
  },
};

/** A card message's header title. */
export const titleOf = (m: { content: any } | undefined) => m?.content?.header?.title?.content;
