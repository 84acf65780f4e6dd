/**
 * Shared by the emulator end-to-end tests: the actor resolver the real org capability installs, reduced to
 * "the person with this open_id", so a test can install only the capabilities it exercises.
 */
import { eq } from 'drizzle-orm';
import type { Capability } from '../../src/capability.js';
import { people } from '../../src/db/schema/org.js';
import type { DirectoryEntry } from '../../src/emulator/index.js';

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

/** The emulated tenant's people the dispatch and training end-to-end tests share (fictional). */
export const TEST_PEOPLE = {
  admin: { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  host: { name: '白水联络', mobile: '13900000002', unitName: '白水镇', roles: ['cadre'] },
  leader: { name: '周志远', mobile: '13900000003', unitName: '青山镇', roles: ['unit_main_leader'] },
  silent: { name: '陈思雨', mobile: '13900000005', unitName: '青山镇', roles: ['cadre'] },
  cadre: { name: '刘子轩', mobile: '13900000006', unitName: '青山镇', roles: ['cadre'] },
} satisfies Record<string, DirectoryEntry>;
