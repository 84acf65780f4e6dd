/**
 * The pool as the department's 名册 (xlsx): 姓名, 性别, 出生年月, 学历, 单位及职务, 入库时间, 层级, 推荐来源, 备注 (the other
 * capabilities' marks on the day, e.g. 在外选派 — pool.holds.ts `poolMarks`).
 */

import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { people, units } from '../../db/schema/org.js';
import { poolEntries } from '../../db/schema/pool.js';
import { recommendations } from '../../db/schema/recommendations.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { LIST_SHORT } from '../recommendations/recommendations.rules.js';
import { poolMarks } from './pool.holds.js';
import { TIER_LABELS } from './pool.rules.js';

export const POOL_EXPORT_HEADERS = [
  '姓名',
  '性别',
  '出生年月',
  '学历',
  '单位及职务',
  '入库时间',
  '层级',
  '推荐来源',
  '备注',
] as const;

/** Live entries within `scope` (a condition on `people`), by unit, tier and name. */
export async function poolRoster(db: Database, scope: SQL) {
  // One aggregate joined in (not a subquery per row): stays fast whatever the planner's statistics say.
  const lists = db.$with('lists').as(
    db
      .select({
        entryId: recommendations.poolEntryId,
        lists: sql<string>`string_agg(distinct ${recommendations.list}, ',')`.as('lists'),
      })
      .from(recommendations)
      .where(eq(recommendations.status, 'accepted'))
      .groupBy(recommendations.poolEntryId),
  );
  return db
    .with(lists)
    .select({
      personId: people.id,
      name: people.name,
      gender: people.gender,
      birthDate: people.birthDate,
      education: people.education,
      unitName: units.name,
      position: people.position,
      enteredOn: poolEntries.enteredOn,
      tier: poolEntries.tier,
      status: poolEntries.status,
      lists: lists.lists,
    })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(lists, eq(lists.entryId, poolEntries.id))
    .where(sql`${poolEntries.status} <> 'exited' and ${scope}`)
    .orderBy(
      asc(units.sortOrder),
      asc(units.id),
      sql`array_position(array['near_term','mid_term','long_term'], ${poolEntries.tier})`,
      asc(people.name),
      asc(people.id),
    );
}

type RosterRow = Awaited<ReturnType<typeof poolRoster>>[number];

export function rosterCells(r: RosterRow, marks: string[] = []): string[] {
  const sources = (r.lists ?? '')
    .split(',')
    .filter((l): l is 'A' | 'B' | 'C' => l === 'A' || l === 'B' || l === 'C')
    .map((l) => LIST_SHORT[l]);
  return [
    r.name,
    r.gender,
    r.birthDate.slice(0, 7).replace('-', '.'),
    r.education,
    `${r.unitName}${r.position ? r.position : ''}`,
    r.enteredOn,
    `${TIER_LABELS[r.tier]}${r.status === 'watch' ? '（观察）' : ''}`,
    sources.join('、'),
    marks.join('；'),
  ];
}

/** Builds the workbook (marks as of `day`); returns the file and how many people it lists. */
export async function poolWorkbook(db: Database, scope: SQL, day: string): Promise<{ data: Buffer; rows: number }> {
  const rows = await poolRoster(db, scope);
  const marks = await poolMarks(
    db,
    rows.map((r) => r.personId),
    day,
  );
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('年轻干部资源库');
  ws.addRow([...POOL_EXPORT_HEADERS]);
  ws.getRow(1).font = { bold: true };
  addSafeRows(
    ws,
    rows.map((r) => rosterCells(r, marks.get(r.personId))),
  );
  const widths = [10, 6, 10, 10, 40, 12, 14, 28, 40];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const data = await workbookBuffer(wb);
  return { data, rows: rows.length };
}
