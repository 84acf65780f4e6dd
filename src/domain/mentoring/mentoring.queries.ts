import { and, asc, eq, inArray, isNull, notExists, or, type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../db/client.js';
import { mentoringPairs } from '../../db/schema/mentoring.js';
import { people, units } from '../../db/schema/org.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { HIGH_EDUCATIONS } from './mentoring.rules.js';

/** Condition on `people`: eligible for 结对帮带 on `on` (same rule as mentoring.rules eligibilityReasons). */
export function eligibleSql(on: string, maxAge: number): SQL {
  return and(
    sql`${people.birthDate} > ${youngBirthCutoff(on, maxAge)}`,
    eq(people.active, true),
    or(inArray(people.education, HIGH_EDUCATIONS as any), eq(people.isXuandiao, true), eq(people.isSecondee, true)),
  ) as SQL;
}

/** No live pair for the person. */
const unpaired = notExists(
  sql`(select 1 from ${mentoringPairs} where ${mentoringPairs.menteePersonId} = ${people.id} and ${mentoringPairs.endDate} is null)`,
);

export const personCols = {
  id: people.id,
  name: people.name,
  birthDate: people.birthDate,
  education: people.education,
  isXuandiao: people.isXuandiao,
  isSecondee: people.isSecondee,
  unitId: people.unitId,
  unitName: units.name,
  position: people.position,
  personKey: people.personKey,
  pinyinInitials: people.pinyinInitials,
};

/** Eligible people, optionally only those without a live pair, optionally matching a name. */
export async function eligiblePeople(
  db: Database,
  on: string,
  maxAge: number,
  opts: { unpairedOnly?: boolean; name?: string; limit?: number; unitIds?: number[]; ids?: number[] } = {},
) {
  const conds: SQL[] = [eligibleSql(on, maxAge)];
  if (opts.unpairedOnly) conds.push(unpaired);
  if (opts.name)
    conds.push(
      or(sql`${people.name} like ${`%${opts.name}%`}`, eq(people.pinyinInitials, opts.name.toLowerCase())) as SQL,
    );
  if (opts.ids) conds.push(opts.ids.length ? inArray(people.id, opts.ids) : sql`false`);
  if (opts.unitIds) conds.push(opts.unitIds.length ? inArray(people.unitId, opts.unitIds) : sql`false`);
  return db
    .select(personCols)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(...conds))
    .orderBy(asc(units.sortOrder), asc(units.id), asc(people.name))
    .limit(opts.limit ?? 100);
}

export async function countEligible(db: Database, on: string, maxAge: number, unpairedOnly = false): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(people)
    .where(unpairedOnly ? and(eligibleSql(on, maxAge), unpaired) : eligibleSql(on, maxAge));
  return Number(row.n);
}

/** The mentor holds a mentor's post on `on`: county leader, or leadership member of the mentee's unit. */
export function mentorInPostSql(mentor: string, mentee: string, on: string): SQL {
  return sql`(${sql.raw(mentor)}.active and (${sql.raw(mentor)}.is_county_leader or exists (
    select 1 from leadership_positions lp where lp.person_id = ${sql.raw(mentor)}.id
      and lp.unit_id = ${sql.raw(mentee)}.unit_id and lp.start_date <= ${on}
      and (lp.end_date is null or lp.end_date > ${on}))))`;
}

export interface PairView {
  id: number;
  mentorId: number;
  mentorName: string;
  menteeId: number;
  menteeName: string;
  menteeUnit: string;
  startDate: string;
  plan: string | null;
  /** The mentor left the post: the pair needs a new mentor (待重新指定). */
  needsReassignment: boolean;
}

/** Live pairs on `on`, flagged ones first; optionally one mentor's or only flagged ones. */
export async function livePairs(
  db: Database,
  on: string,
  opts: { mentorId?: number; menteeId?: number; flaggedOnly?: boolean; limit?: number } = {},
) {
  const conds: SQL[] = [sql`mp.start_date <= ${on}`, sql`(mp.end_date is null or mp.end_date > ${on})`];
  if (opts.mentorId !== undefined) conds.push(sql`mp.mentor_person_id = ${opts.mentorId}`);
  if (opts.menteeId !== undefined) conds.push(sql`mp.mentee_person_id = ${opts.menteeId}`);
  if (opts.flaggedOnly) conds.push(sql`not ${mentorInPostSql('m', 'e', on)}`);
  const rows = rowsOf<Record<string, any>>(
    await db.execute(sql`
      select mp.id, mp.mentor_person_id, m.name as mentor_name, mp.mentee_person_id, e.name as mentee_name,
             eu.name as mentee_unit, mp.start_date::text as start_date, mp.plan,
             not ${mentorInPostSql('m', 'e', on)} as needs_reassignment
        from mentoring_pairs mp
        join people m on m.id = mp.mentor_person_id
        join people e on e.id = mp.mentee_person_id
        join units eu on eu.id = e.unit_id
       where ${sql.join(conds, sql` and `)}
       order by needs_reassignment desc, eu.sort_order, e.name
       limit ${opts.limit ?? 1000}`),
  );
  return rows.map(
    (r): PairView => ({
      id: Number(r.id),
      mentorId: Number(r.mentor_person_id),
      mentorName: r.mentor_name,
      menteeId: Number(r.mentee_person_id),
      menteeName: r.mentee_name,
      menteeUnit: r.mentee_unit,
      startDate: r.start_date,
      plan: r.plan,
      needsReassignment: r.needs_reassignment === true || r.needs_reassignment === 't',
    }),
  );
}

/** People who may mentor `menteeId` on `on`: county leaders and the leadership of the mentee's unit. */
export async function mentorCandidates(db: Database, menteeId: number, on: string) {
  const rows = rowsOf<Record<string, any>>(
    await db.execute(sql`
      select m.id, m.name, coalesce(m.position, '') as position, m.is_county_leader
        from people m, people e
       where e.id = ${menteeId} and m.id <> e.id and ${mentorInPostSql('m', 'e', on)}
       order by m.is_county_leader desc, m.name
       limit 100`),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    position: String(r.position),
    countyLeader: Boolean(r.is_county_leader),
  }));
}

export async function livePairOf(db: Database, menteeId: number) {
  const [row] = await db
    .select()
    .from(mentoringPairs)
    .where(and(eq(mentoringPairs.menteePersonId, menteeId), isNull(mentoringPairs.endDate)));
  return row ?? null;
}

export interface MentoringStats {
  /** People in the 帮带范围 on the date. */
  eligible: number;
  pairs: number;
  mentees: number;
  mentors: number;
  /** Pairs whose mentor left the post (待重新指定). */
  flagged: number;
}

/** Reusable figures for 统计 and the work report ("纳入帮带范围 417 人"). */
export async function mentoringStats(db: Database, on: string, maxAge: number): Promise<MentoringStats> {
  const [eligible, [row]] = await Promise.all([
    countEligible(db, on, maxAge),
    db
      .execute(sql`
      select count(*)::int as pairs, count(distinct mp.mentee_person_id)::int as mentees,
             count(distinct mp.mentor_person_id)::int as mentors,
             count(*) filter (where not ${mentorInPostSql('m', 'e', on)})::int as flagged
        from mentoring_pairs mp
        join people m on m.id = mp.mentor_person_id
        join people e on e.id = mp.mentee_person_id
       where mp.start_date <= ${on} and (mp.end_date is null or mp.end_date > ${on})`)
      .then((r) => rowsOf<Record<string, number>>(r)),
  ]);
  return {
    eligible,
    pairs: Number(row.pairs),
    mentees: Number(row.mentees),
    mentors: Number(row.mentors),
    flagged: Number(row.flagged),
  };
}
