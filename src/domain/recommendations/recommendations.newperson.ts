/** Recommending someone not yet on the roster: the required roster fields, then the recommendation. */
import { and, eq, or } from 'drizzle-orm';
import { stamps } from '../../db/schema/_columns.js';
import { type EDUCATIONS, people, units } from '../../db/schema/org.js';
import type { RecList } from '../../db/schema/recommendations.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid } from '../../errors.js';
import { openAssignments } from '../org/org.assignments.js';
import { audit } from '../org/org.audit.js';
import { namePinyin } from '../org/org.pinyin.js';
import { birthDateFromId, isValidIdNumber } from '../org/org.rules.js';
import { listUnitsSql } from './recommendations.queries.js';
import { notRecommendableWhy } from './recommendations.rules.js';
import {
  assertHolds,
  insertRecommendation,
  type RecommendationText,
  type Recommender,
  scopeUnitOf,
  withDuplicateGuard,
} from './recommendations.service.js';

export interface NewPersonInput {
  name: string;
  idNumber: string;
  education: (typeof EDUCATIONS)[number];
  unitId: number;
  position: string;
  mobile?: string | null;
}

/** Gender from the 17th character of an ID number (odd = 男). */
export const genderFromId = (id: string): '男' | '女' => (Number(id[16]) % 2 === 1 ? '男' : '女');

export async function submitWithNewPerson(
  deps: Deps,
  r: Recommender,
  list: RecList,
  np: NewPersonInput,
  text: RecommendationText,
  eventId?: string,
) {
  assertHolds(r, list);
  const idNumber = np.idNumber.toUpperCase();
  if (!isValidIdNumber(idNumber)) throw invalid('身份证号格式不正确，请核对（18位，末位校验码）');
  if (list === 'C' && !text.basis) throw invalid('组织部门推荐请选择推荐依据');
  const birthDate = birthDateFromId(idNumber);
  const why = notRecommendableWhy({ active: true, birthDate }, r.today, deps.config.youngCadreMaxAge);
  if (why) throw invalid(why.replace('该同志', np.name));
  const [unit] = await deps.db
    .select({ id: units.id, countyId: units.countyId })
    .from(units)
    .where(and(eq(units.id, np.unitId), listUnitsSql(r.grants, list)));
  if (!unit) throw forbidden('所选单位不在您的推荐范围内');
  const result = await withDuplicateGuard(deps, -1, list, () =>
    deps.db.transaction(async (tx) => {
      const [known] = await tx
        .select({ name: people.name, unitName: units.name })
        .from(people)
        .innerJoin(units, eq(units.id, people.unitId))
        .where(or(eq(people.personKey, `id:${idNumber}`), eq(people.idNumber, idNumber)));
      if (known) throw conflict(`该身份证号已登记为${known.name}（${known.unitName}），请通过“查找”选择该同志`);
      const py = namePinyin(np.name);
      const [person] = await tx
        .insert(people)
        .values({
          personKey: `id:${idNumber}`,
          name: np.name,
          gender: genderFromId(idNumber),
          birthDate,
          idNumber,
          mobile: np.mobile || null,
          education: np.education,
          unitId: unit.id,
          position: np.position,
          pinyin: py.full,
          pinyinInitials: py.initials,
          ...stamps(deps.clock.now()),
        })
        .returning({ id: people.id });
      const facts = { unitId: unit.id, position: np.position ?? null, rank: null };
      await openAssignments(tx, [{ personId: person.id, start: r.today, facts }], 'recommendation', deps.clock.now());
      await audit(tx, deps.clock.now(), {
        actorPersonId: r.actor.personId,
        action: 'person.create',
        entity: 'person',
        entityId: person.id,
        eventId,
        detail: { via: 'recommendation', unitId: unit.id },
      });
      const scopeUnitId = scopeUnitOf(r, list, { unitId: unit.id, countyId: unit.countyId });
      const recId = await insertRecommendation(
        deps,
        tx,
        { list, personId: person.id, countyId: unit.countyId, scopeUnitId },
        text,
        { actorPersonId: r.actor.personId, eventId },
      );
      return { id: recId, personId: person.id, birthDate };
    }),
  );
  deps.outboxWake();
  return result;
}
