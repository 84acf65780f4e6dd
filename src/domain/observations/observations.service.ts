/** 一线识人: leaders and the department record how a cadre performed on a frontline; shown within scope. */
import { eq } from 'drizzle-orm';
import { today } from '../../clock.js';
import { stamps } from '../../db/schema/_columns.js';
import type { Frontline } from '../../db/schema/observations.js';
import { frontlineObservations } from '../../db/schema/observations.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { forbidden, invalid } from '../../errors.js';
import { type ActorContext, canViewPerson, loadActor } from '../org/org.access.js';
import { audit } from '../org/org.audit.js';
import { observationsFor, searchObservable } from './observations.queries.js';
import { mayObserve, observedOnWhy } from './observations.rules.js';

export interface ObservationInput {
  personId: number;
  frontline: Frontline;
  project: string;
  performance: string;
  evaluations: string;
  results: string;
  flaws?: string | null;
  observedOn: string;
}

async function observer(deps: Deps, personId: number) {
  const day = today(deps);
  const actor = await loadActor(deps.db, personId, day);
  if (!mayObserve(actor.roles)) throw forbidden('一线识人记录由组织部门和单位、县级领导填写');
  return { actor, today: day };
}

async function assertInScope(deps: Deps, actor: ActorContext, personId: number, today: string, eventId?: string) {
  const self = personId === actor.personId;
  const ok = !self && (await canViewPerson(deps.db, actor, personId, today, deps.config.youngCadreMaxAge));
  if (ok) return;
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: 'observation.denied',
    entity: 'person',
    entityId: personId,
    eventId,
    detail: { reason: self ? 'self' : 'out_of_scope' },
  });
  throw forbidden('该同志不在您的识人范围内');
}

export async function searchForObservation(deps: Deps, actorPersonId: number, query: string) {
  const { actor, today } = await observer(deps, actorPersonId);
  if (!query.trim()) throw invalid('请输入干部的姓名或拼音首字母');
  const rows = await searchObservable(deps.db, actor, {
    query,
    today,
    youngMaxAge: deps.config.youngCadreMaxAge,
    limit: 11,
  });
  return { rows: rows.slice(0, 10), more: rows.length > 10, today };
}

/** The form may open only for a cadre in scope (re-checked on submit). */
export async function prepareObservation(deps: Deps, actorPersonId: number, personId: number, eventId?: string) {
  const { actor, today } = await observer(deps, actorPersonId);
  await assertInScope(deps, actor, personId, today, eventId);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId,
    action: 'person.view',
    entity: 'person',
    entityId: personId,
    eventId,
    detail: { via: 'observation.form' },
  });
  const [person] = await deps.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, personId));
  return { today, person };
}

export async function recordObservation(deps: Deps, actorPersonId: number, input: ObservationInput, eventId?: string) {
  const { actor, today } = await observer(deps, actorPersonId);
  await assertInScope(deps, actor, input.personId, today, eventId);
  const why = observedOnWhy(input.observedOn, today);
  if (why) throw invalid(why);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(frontlineObservations)
      .values({
        ...input,
        flaws: input.flaws || null,
        observerPersonId: actorPersonId,
        eventId: eventId ?? null,
        ...stamps(at),
      })
      .returning({ id: frontlineObservations.id });
    await audit(tx, at, {
      actorPersonId,
      action: 'observation.create',
      entity: 'frontline_observation',
      entityId: row.id,
      eventId,
      detail: { personId: input.personId, frontline: input.frontline },
    });
    return row.id;
  });
}

/**
 * Observations of a person as `viewer` may see them: observers' roles, and the person within their
 * profile scope; otherwise none (the cadre does not see notes about themselves).
 */
export async function visibleObservations(deps: Deps, viewer: ActorContext, personId: number, limit = 5) {
  if (!mayObserve(viewer.roles) || viewer.personId === personId) return null;
  const day = today(deps);
  if (!(await canViewPerson(deps.db, viewer, personId, day, deps.config.youngCadreMaxAge))) return null;
  return observationsFor(deps.db, personId, limit);
}
