/**
 * The demo county's ledger: three key tasks (乡村振兴, 项目建设, 防汛救灾) led by townships/departments, with entries
 * for pool cadres of the lead units (deterministic: ratings by person id), recorded by the org_admin persona.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { today } from '../../clock.js';
import { stamps } from '../../db/schema/_columns.js';
import { ledgerEntries, ledgerTasks } from '../../db/schema/clues.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import type { Deps } from '../../deps.js';
import { addDays } from '../../time.js';
import { LEDGER_RATINGS } from '../clues/clues.vocab.js';
import { DEMO_PERSONAS } from '../org/demo/personas.js';
import { DEMO_COUNTY_CODE } from '../talks/talks.demo.js';

const TASKS = [
  {
    name: '乡村振兴',
    unit: '青山镇',
    startAgo: 300,
    role: '驻村工作队员',
    facts: '牵头推进产业项目落地，带动村集体增收',
  },
  { name: '项目建设', unit: '溪口镇', startAgo: 200, role: '项目专班成员', facts: '负责征地拆迁协调，按期完成交地' },
  { name: '防汛救灾', unit: '白水镇', startAgo: 120, role: '防汛值守组成员', facts: '汛期坚守一线，参与转移群众' },
];

export async function seedDemoLedger(deps: Deps): Promise<string[]> {
  const db = deps.db;
  const [county] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  if (!county) return [];
  const [existing] = await db
    .select({ id: ledgerTasks.id })
    .from(ledgerTasks)
    .where(eq(ledgerTasks.countyId, county.id))
    .limit(1);
  if (existing) return ['跟踪考核台账：已有重点任务，未生成演示数据。'];
  const [admin] = await db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.name, DEMO_PERSONAS.orgAdmin.name))
    .limit(1);
  const day = today(deps);
  const at = deps.clock.now();
  let entries = 0;
  for (const t of TASKS) {
    const [lead] = await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.countyId, county.id), eq(units.name, t.unit)));
    const startOn = addDays(day, -t.startAgo);
    const [task] = await db
      .insert(ledgerTasks)
      .values({
        countyId: county.id,
        name: t.name,
        startOn,
        endOn: null,
        leadUnitId: lead?.id ?? null,
        createdByPersonId: admin?.id ?? null,
        ...stamps(at),
      })
      .returning({ id: ledgerTasks.id });
    if (!lead) continue;
    const cadres = await db
      .select({ id: people.id })
      .from(poolEntries)
      .innerJoin(people, eq(people.id, poolEntries.personId))
      .where(and(eq(people.unitId, lead.id), ne(poolEntries.status, 'exited')))
      .orderBy(asc(people.id))
      .limit(12);
    const rows = cadres.map((c, i) => ({
      taskId: task.id,
      cadrePersonId: c.id,
      role: t.role,
      // Mostly 好/较好, some 一般, one 差 per task: the pool rules then have something to say.
      rating: LEDGER_RATINGS[[0, 1, 0, 1, 2, 0, 1, 1, 0, 2, 1, 3][i % 12]],
      facts: t.facts,
      entryOn: addDays(startOn, 10 + i * 7),
      recordedByPersonId: admin?.id ?? null,
      ...stamps(at),
    }));
    if (rows.length) await db.insert(ledgerEntries).values(rows);
    entries += rows.length;
  }
  return [`跟踪考核台账（示范县）：重点任务 ${TASKS.length} 项，台账 ${entries} 条。`];
}
