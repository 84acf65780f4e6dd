import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { frontlineObservations } from '../../db/schema/observations.js';
import { people, units } from '../../db/schema/org.js';
import type { ActorContext } from '../org/org.access.js';
import { viewableScopeSql } from '../org/org.access.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { nameMatchSql } from '../recommendations/recommendations.queries.js';

/** A person's observations, newest first, with the observer's name. */
export async function observationsFor(db: Database, personId: number, limit = 5) {
  return db
    .select({
      o: frontlineObservations,
      observerName: sql<string>`(select p.name from people p where p.id = ${frontlineObservations.observerPersonId})`,
    })
    .from(frontlineObservations)
    .where(eq(frontlineObservations.personId, personId))
    .orderBy(desc(frontlineObservations.observedOn), desc(frontlineObservations.id))
    .limit(limit);
}
export type ObservationRow = Awaited<ReturnType<typeof observationsFor>>[number];

/** Active young cadres the actor may view (not themselves) whose name or pinyin matches. */
export async function searchObservable(
  db: Database,
  actor: ActorContext,
  a: { query: string; today: string; youngMaxAge: number; limit: number },
) {
  return db
    .select({
      id: people.id,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      education: people.education,
      unitId: people.unitId,
      unitName: units.name,
      position: people.position,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        viewableScopeSql(actor, { onDate: a.today, youngMaxAge: a.youngMaxAge }),
        sql`${people.id} <> ${actor.personId}`,
        eq(people.active, true),
        sql`${people.birthDate} > ${youngBirthCutoff(a.today, a.youngMaxAge)}`,
        nameMatchSql(a.query),
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .limit(a.limit);
}
