import type { ProfileSection } from '../org/org.profile.js';
import { observationElements, observeButton } from './observations.cards.js';
import { mayObserve } from './observations.rules.js';
import { visibleObservations } from './observations.service.js';

/** 一线识人 on the 查询 profile card: recent observations and the button to add one (observers only). */
export const observationsProfileSection: ProfileSection = async (deps, actor, personId) => {
  if (!mayObserve(actor.roles) || actor.personId === personId) return [];
  const rows = await visibleObservations(deps, actor, personId, 3);
  if (!rows) return [];
  return [...observationElements(rows), observeButton(personId)];
};
