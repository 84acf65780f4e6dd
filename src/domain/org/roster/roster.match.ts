import { inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.js';
import { type FamilyMember, people } from '../../../db/schema/org.js';
import { namePinyin } from '../org.pinyin.js';
import type { RosterRecord, RowError } from './roster.validate.js';

const existingColumns = {
  id: people.id,
  personKey: people.personKey,
  name: people.name,
  gender: people.gender,
  birthDate: people.birthDate,
  idNumber: people.idNumber,
  mobile: people.mobile,
  email: people.email,
  education: people.education,
  educationDetail: people.educationDetail,
  unitId: people.unitId,
  position: people.position,
  leadershipLevel: people.leadershipLevel,
  rank: people.rank,
  cadreType: people.cadreType,
  politicalStatus: people.politicalStatus,
  isXuandiao: people.isXuandiao,
  isSecondee: people.isSecondee,
  isCountyLeader: people.isCountyLeader,
  townshipWorkStart: people.townshipWorkStart,
  active: people.active,
  ethnicity: people.ethnicity,
  nativePlace: people.nativePlace,
  birthPlace: people.birthPlace,
  workStart: people.workStart,
  partyJoinDate: people.partyJoinDate,
  positionSince: people.positionSince,
  rankSince: people.rankSince,
  fullTimeEducation: people.fullTimeEducation,
  fullTimeDegree: people.fullTimeDegree,
  fullTimeSchool: people.fullTimeSchool,
  partTimeEducation: people.partTimeEducation,
  partTimeDegree: people.partTimeDegree,
  partTimeSchool: people.partTimeSchool,
  resume: people.resume,
  family: people.family,
};
export type Existing = Awaited<ReturnType<typeof selectIn>>[number];

const CHUNK = 10_000;

async function selectIn(db: Database, column: typeof people.personKey | typeof people.name, values: string[]) {
  const out = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(
      ...(await db
        .select(existingColumns)
        .from(people)
        .where(inArray(column, values.slice(i, i + CHUNK)))),
    );
  }
  return out;
}

const sameBirth = (rec: RosterRecord, e: Existing) =>
  rec.birthPrecision === 'month'
    ? rec.birthDate.slice(0, 7) === e.birthDate.slice(0, 7)
    : rec.birthDate === e.birthDate;

/**
 * Finds the person each row updates: by stable key, else by name + birth date + unit (a row without an
 * ID number, or a person first imported without one). Ambiguities are row errors, decided before writing.
 */
export async function matchExisting(db: Database, records: RosterRecord[]) {
  const byKey = new Map(
    (
      await selectIn(
        db,
        people.personKey,
        records.map((r) => r.key),
      )
    ).map((e) => [e.personKey, e]),
  );
  const unmatched = records.filter((r) => !byKey.has(r.key));
  const byName = new Map<string, Existing[]>();
  for (const e of await selectIn(db, people.name, [...new Set(unmatched.map((r) => r.name))])) {
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  }
  const errors: RowError[] = [];
  const claimed = new Map<number, number>();
  const pairs = records.map((rec) => {
    let existing = byKey.get(rec.key) ?? null;
    if (!existing) {
      const candidates = (byName.get(rec.name) ?? []).filter(
        (e) => e.unitId === rec.unitId && sameBirth(rec, e) && (!rec.idNumber || !e.idNumber),
      );
      const sheet = rec.sheet ? { sheet: rec.sheet } : {};
      const namesakes = (byName.get(rec.name) ?? []).filter((e) => e.unitId === rec.unitId && !sameBirth(rec, e));
      if (candidates.length === 0 && !rec.idNumber && namesakes.length > 0) {
        const apart = namesakes.map((e) => `出生年月 ${e.birthDate.slice(0, 7).replace('-', '.')}`).join('；');
        errors.push({
          ...sheet,
          row: rec.row,
          column: '身份证号',
          message: `该单位已有同名人员“${rec.name}”（${apart}），与本行出生年月不同：是同一人请更正出生年月，不是同一人请填写身份证号`,
        });
      }
      if (candidates.length > 1) {
        errors.push({
          ...sheet,
          row: rec.row,
          column: '姓名',
          message: '系统中有多名同名、同出生年月、同单位的人员，请填写身份证号以区分',
        });
      }
      existing = candidates.length === 1 ? candidates[0] : null;
    }
    if (existing) {
      const other = claimed.get(existing.id);
      if (other !== undefined)
        errors.push({
          ...(rec.sheet ? { sheet: rec.sheet } : {}),
          row: rec.row,
          column: '姓名',
          message: `与第 ${other} 行对应系统中的同一人`,
        });
      claimed.set(existing.id, rec.row);
    }
    return { rec, existing };
  });
  return { pairs, errors };
}

const FIELDS = [
  'name',
  'gender',
  'idNumber',
  'mobile',
  'email',
  'education',
  'educationDetail',
  'unitId',
  'position',
  'leadershipLevel',
  'rank',
  'cadreType',
  'politicalStatus',
  'isXuandiao',
  'isSecondee',
  'isCountyLeader',
  'townshipWorkStart',
  'active',
  'ethnicity',
  'nativePlace',
  'birthPlace',
  'workStart',
  'partyJoinDate',
  'positionSince',
  'rankSince',
  'fullTimeEducation',
  'fullTimeDegree',
  'fullTimeSchool',
  'partTimeEducation',
  'partTimeDegree',
  'partTimeSchool',
  'resume',
] as const;

/** Family members compared field by field (jsonb does not keep key order). */
const familyKey = (f: FamilyMember[] | null | undefined) =>
  JSON.stringify((f ?? []).map((m) => [m.relation, m.name, m.birth ?? '', m.political ?? '', m.work ?? '']));

/** The fields a row changes; empty cells keep what is stored, 年月-only birth dates keep a stored day. */
export function personChanges(rec: RosterRecord, e: Existing): Partial<typeof people.$inferInsert> {
  const changes: Record<string, unknown> = {};
  for (const f of FIELDS) {
    if (rec[f] !== undefined && rec[f] !== e[f]) changes[f] = rec[f];
  }
  if (rec.family !== undefined && familyKey(rec.family) !== familyKey(e.family)) changes.family = rec.family;
  if (!sameBirth(rec, e)) changes.birthDate = rec.birthDate;
  else if (rec.birthPrecision === 'day' && rec.birthDate !== e.birthDate) changes.birthDate = rec.birthDate;
  if (rec.idNumber && e.personKey !== rec.key) changes.personKey = rec.key;
  return changes as Partial<typeof people.$inferInsert>;
}

/** A new person: every column explicit, so bulk insert never leaves a not-null column empty. */
export function newPersonRow(rec: RosterRecord, now: Date): typeof people.$inferInsert {
  const py = namePinyin(rec.name);
  return {
    personKey: rec.key,
    name: rec.name,
    gender: rec.gender,
    birthDate: rec.birthDate,
    idNumber: rec.idNumber ?? null,
    mobile: rec.mobile ?? null,
    email: rec.email ?? null,
    education: rec.education,
    educationDetail: rec.educationDetail ?? null,
    unitId: rec.unitId,
    position: rec.position ?? null,
    leadershipLevel: rec.leadershipLevel ?? null,
    rank: rec.rank ?? null,
    cadreType: rec.cadreType ?? rec.cadreTypeGuess ?? '公务员',
    politicalStatus: rec.politicalStatus ?? null,
    isXuandiao: rec.isXuandiao ?? false,
    isSecondee: rec.isSecondee ?? false,
    isCountyLeader: rec.isCountyLeader ?? false,
    townshipWorkStart: rec.townshipWorkStart ?? null,
    ethnicity: rec.ethnicity ?? null,
    nativePlace: rec.nativePlace ?? null,
    birthPlace: rec.birthPlace ?? null,
    workStart: rec.workStart ?? null,
    partyJoinDate: rec.partyJoinDate ?? null,
    positionSince: rec.positionSince ?? null,
    rankSince: rec.rankSince ?? null,
    fullTimeEducation: rec.fullTimeEducation ?? null,
    fullTimeDegree: rec.fullTimeDegree ?? null,
    fullTimeSchool: rec.fullTimeSchool ?? null,
    partTimeEducation: rec.partTimeEducation ?? null,
    partTimeDegree: rec.partTimeDegree ?? null,
    partTimeSchool: rec.partTimeSchool ?? null,
    resume: rec.resume ?? null,
    family: rec.family ?? null,
    pinyin: py.full,
    pinyinInitials: py.initials,
    active: rec.active ?? true,
    createdAt: now,
    updatedAt: now,
  };
}
