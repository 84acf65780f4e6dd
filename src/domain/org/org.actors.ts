import { and, eq, isNull } from 'drizzle-orm';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import type { Actor, Router, Sender } from '../../feishu/router.js';
import { audit } from './org.audit.js';
import { unknownSenderCard } from './org.cards.js';
import { findActiveBySender } from './org.queries.js';

/**
 * A Feishu sender → an active person, by open_id, else by user_id (then the open_id is remembered).
 * Unknown senders resolve to null.
 */
export async function resolveActor(deps: Deps, sender: Sender, eventId: string): Promise<Actor | null> {
  const found = await findActiveBySender(deps.db, sender.openId, sender.userId);
  if (!found) return null;
  if (found.openId !== sender.openId && found.openId === null) {
    await deps.db.transaction(async (tx) => {
      await tx
        .update(people)
        .set({ openId: sender.openId, updatedAt: deps.clock.now() })
        .where(and(eq(people.id, found.id), isNull(people.openId)));
      await audit(tx, deps.clock.now(), {
        actorPersonId: found.id,
        actorOpenId: sender.openId,
        action: 'person.bind',
        entity: 'person',
        entityId: found.id,
        eventId,
        detail: { via: 'user_id' },
      });
    });
  }
  return { personId: found.id, openId: sender.openId, name: found.name };
}

/** Installs the resolver: an unknown sender gets one polite card and nothing else. */
export function registerActorResolver(router: Router, deps: Deps): void {
  router.actorResolver(
    (sender, eventId) => resolveActor(deps, sender, eventId),
    async (_sender, reply) => reply(unknownSenderCard()),
  );
}
