import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import type { Element } from '../../feishu/cards/atoms.js';
import { type ActorContext, canViewPerson, maskPerson, type ScopeOn } from './org.access.js';
import { audit } from './org.audit.js';
import { getPersonRow, type PersonRow, searchPeople } from './org.queries.js';

/** Extra lines of a profile card contributed by other capabilities (pool tier, recent talks, ...). */
export type ProfileSection = (deps: Deps, actor: ActorContext, personId: number, onDate: string) => Promise<Element[]>;
const sections = new Map<string, ProfileSection>();

/** Registers (or replaces) a named profile section; sections appear in registration order. */
export function addProfileSection(name: string, section: ProfileSection): void {
  sections.set(name, section);
}

/** Today's date in the configured timezone and the young-cadre threshold: what scope decisions use. */
export function scopeOn(deps: Pick<Deps, 'clock' | 'config'>): ScopeOn {
  return { onDate: today(deps), youngMaxAge: deps.config.youngCadreMaxAge };
}

export interface AuditContext {
  eventId?: string | null;
}

/** A profile view: scope checked now, in the database; every attempt audited; personal data masked. */
export async function viewProfile(
  deps: Deps,
  actor: ActorContext,
  personId: number,
  ctx: AuditContext = {},
): Promise<{ person: PersonRow; sections: Element[]; onDate: string }> {
  const on = scopeOn(deps);
  const allowed = await canViewPerson(deps.db, actor, personId, on.onDate, on.youngMaxAge);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    actorOpenId: actor.openId,
    action: allowed ? 'person.view' : 'person.view.denied',
    entity: 'person',
    entityId: personId,
    eventId: ctx.eventId,
  });
  if (!allowed) throw forbidden('您无权查看该干部的信息');
  const row = await getPersonRow(deps.db, personId);
  if (!row) throw notFound('未找到该人员');
  const extra: Element[] = [];
  for (const section of sections.values()) extra.push(...(await section(deps, actor, personId, on.onDate)));
  return { person: maskPerson(actor, row), sections: extra, onDate: on.onDate };
}

/** 查询: matches within the actor's scope; the search itself is audited with what it returned. */
export async function searchForActor(deps: Deps, actor: ActorContext, query: string, ctx: AuditContext = {}) {
  const matches = await searchPeople(deps.db, actor, query, scopeOn(deps), 11);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    actorOpenId: actor.openId,
    action: 'person.search',
    entity: 'person',
    eventId: ctx.eventId,
    detail: { query, results: matches.map((m) => m.id) },
  });
  return { matches: matches.slice(0, 10), more: matches.length > 10 };
}
