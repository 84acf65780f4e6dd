/**
 * Demo step for 示范县: one 优秀年轻干部实验班 (第一期) of 30 young cadres around 30 years old (单位推荐 + 组织考察),
 * 6 精品课程 and 4 小灶课程 every three weeks since the class began, attendance with a few absences and leaves.
 * Deterministic: people by closeness to 30 years then id, outcomes by arithmetic on ids.
 */
import { and, eq, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { rowsOf } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { units } from '../../db/schema/org.js';
import { trainingAttendance, trainingClasses, trainingCourses, trainingTrainees } from '../../db/schema/training.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { DEMO_COUNTY_CODE } from '../talks/talks.demo.js';
import type { AttendanceMark, CourseKind } from './training.vocab.js';

export const DEMO_CLASS = { name: '优秀年轻干部实验班', cohort: '第一期', size: 30 } as const;

const COURSES: { kind: CourseKind; topic: string; lecturer: string; organizer: string }[] = [
  {
    kind: 'premium',
    topic: '习近平新时代中国特色社会主义思想专题',
    lecturer: '县委党校 王教授',
    organizer: '县委组织部',
  },
  { kind: 'small', topic: '基层治理中的群众工作方法', lecturer: '县委副书记', organizer: '县委组织部' },
  { kind: 'premium', topic: '乡村振兴政策解读', lecturer: '市委党校 李教授', organizer: '县委党校' },
  { kind: 'premium', topic: '依法行政与风险防范', lecturer: '县司法局局长', organizer: '县委党校' },
  { kind: 'small', topic: '公文写作与调查研究', lecturer: '县委办主任', organizer: '县委组织部' },
  { kind: 'premium', topic: '经济工作与项目谋划', lecturer: '县发改局局长', organizer: '县委党校' },
  { kind: 'small', topic: '信访矛盾化解实务', lecturer: '县信访局局长', organizer: '县委组织部' },
  { kind: 'premium', topic: '党风廉政建设警示教育', lecturer: '县纪委监委', organizer: '县纪委监委' },
  { kind: 'small', topic: '应急处突与舆情应对', lecturer: '县委宣传部副部长', organizer: '县委组织部' },
  { kind: 'premium', topic: '年轻干部成长与担当', lecturer: '县委组织部部长', organizer: '县委组织部' },
];

export async function seedDemoTraining(deps: Deps): Promise<string[]> {
  const db = deps.db;
  const [county] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  if (!county) return [];
  const day = today(deps);
  const at = deps.clock.now();
  const born = (years: number) => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;
  const people = rowsOf<{ id: number; unit_id: number }>(
    await db.execute(sql`select p.id, p.unit_id from people p join units u on u.id = p.unit_id
      where u.county_id = ${county.id} and p.active and not p.is_county_leader
        and p.birth_date between ${born(33)}::date and ${born(27)}::date
        and not exists (select 1 from leadership_positions lp where lp.person_id = p.id and lp.end_date is null)
      order by abs(p.birth_date - ${born(30)}::date), p.id limit ${DEMO_CLASS.size}`),
  );
  if (people.length < DEMO_CLASS.size) return [`教育培训：示范县 30 岁左右年轻干部不足 ${DEMO_CLASS.size} 人，未生成`];
  const start = addDays(day, -230);
  const [cls] = await db
    .insert(trainingClasses)
    .values({
      countyId: county.id,
      name: DEMO_CLASS.name,
      cohort: DEMO_CLASS.cohort,
      startDate: start,
      endDate: addDays(day, 60),
      contactPersonId: people[0].id,
      ...stamps(at),
    })
    .returning({ id: trainingClasses.id });
  await db.insert(trainingTrainees).values(
    people.map((p) => ({
      classId: cls.id,
      personId: p.id,
      recommendedByUnitId: p.unit_id,
      assessedOn: addDays(start, -14),
      ...stamps(at),
    })),
  );
  const courses = await db
    .insert(trainingCourses)
    .values(COURSES.map((c, i) => ({ classId: cls.id, ...c, heldOn: addDays(start, 3 + 21 * i), ...stamps(at) })))
    .returning({ id: trainingCourses.id });
  const marks = courses.flatMap((k, i) =>
    people.map((p) => {
      const mark: AttendanceMark =
        (p.id * 7 + i) % 31 === 0 ? 'absent' : (p.id * 5 + i) % 43 === 0 ? 'leave' : 'present';
      return { courseId: k.id, personId: p.id, mark, byPersonId: people[0].id, ...stamps(at) };
    }),
  );
  await db.insert(trainingAttendance).values(marks);
  const absent = marks.filter((m) => m.mark === 'absent').length;
  return [
    `教育培训：${DEMO_CLASS.name}${DEMO_CLASS.cohort} ${people.length} 名学员、${courses.length} 次课程、缺勤 ${absent} 人次`,
  ];
}
