/** The demo county's 实验班: figures of 育 › 教育培训 and the 培训 statistics come out of the generated history. */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, rowsOf } from '../../../src/db/client.js';
import { units } from '../../../src/db/schema/org.js';
import { seedDemo } from '../../../src/domain/org/demo/seed.js';
import { DEMO_COUNTY_CODE } from '../../../src/domain/talks/talks.demo.js';
import { seedDemoTraining } from '../../../src/domain/training/training.demo.js';
import { classStats } from '../../../src/domain/training/training.queries.js';
import { trainingReport } from '../../../src/domain/training/training.report.js';
import { createTestDb } from '../../helpers/db.js';

const today = '2026-12-03';
let h: DbHandle;
let countyId: number;
let lines: string[];
const deps = () =>
  ({
    db: h.db,
    clock: { now: () => new Date(`${today}T09:00:00+08:00`) },
    config: { timezone: 'Asia/Shanghai' },
  }) as any;

beforeAll(async () => {
  h = await createTestDb();
  await seedDemo(h.db, { clock: { now: () => new Date(`${today}T09:00:00+08:00`) } });
  [{ id: countyId }] = await h.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  lines = await seedDemoTraining(deps());
}, 180_000);
afterAll(async () => h.close());

describe('demo training history', () => {
  it('one 实验班 of 30 young cadres around 30, 精品 and 小灶 courses, a few absences', async () => {
    const [c] = await classStats(h.db, countyId);
    expect([c.name, c.cohort, c.trainees, c.premium, c.small]).toEqual(['优秀年轻干部实验班', '第一期', 30, 6, 4]);
    expect(c.present + c.absent + c.leave).toBe(300);
    expect(c.absent).toBeGreaterThan(0);
    expect(c.absent).toBeLessThan(20);
    const ages = rowsOf<{ age: number }>(
      await h.db.execute(sql`select extract(year from age(${today}::date, p.birth_date))::int as age
        from training_trainees t join people p on p.id = t.person_id`),
    );
    expect(ages.every((a) => a.age >= 27 && a.age <= 33)).toBe(true);
    expect(lines[0]).toBe(`教育培训：优秀年轻干部实验班第一期 30 名学员、10 次课程、缺勤 ${c.absent} 人次`);
  });

  it('gives the report part from the generated marks', async () => {
    const [part] = await trainingReport(deps(), { from: '2026-01-01', to: today }, { countyId, unitIds: null });
    const v = (k: string) => part.figures.find((f) => f.key === k)?.value;
    const [c] = await classStats(h.db, countyId);
    expect([
      v('training.classes'),
      v('training.trainees'),
      v('training.premiumCourses'),
      v('training.smallCourses'),
    ]).toEqual([1, 30, 6, 4]);
    expect(v('training.attendanceRate')).toBe(Math.round((c.present / 300) * 1000) / 10);
    expect(part.sentences[0]).toContain('30名年轻干部参训，开设精品课程6次、小灶课程4次');
  });
});
