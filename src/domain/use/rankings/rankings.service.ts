/**
 * 六零创建 township rankings: yearly scores and ranks by xlsx import (preview; a year already loaded is replaced
 * only when 确认替换 is clicked), the flags, and the proposals for org_admin — the bottom three townships'
 * team members for 调整交流, the top five's for 提拔重用, citing the ranking.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { today } from '../../../clock.js';
import { type Database, rowsOf } from '../../../db/client.js';
import { units } from '../../../db/schema/org.js';
import { usePendingImports, useRankings } from '../../../db/schema/use.js';
import type { Deps } from '../../../deps.js';
import { conflict } from '../../../errors.js';
import { audit } from '../../org/org.audit.js';
import { adminCounty } from '../structure/teams.service.js';
import { claimPending } from '../use.pending.js';
import {
  checkRankingRows,
  flagRankings,
  type RankingCells,
  type RankingDraft,
  type RankingFlag,
} from './rankings.rules.js';

async function townshipsOf(db: Database, countyId: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.countyId, countyId), eq(units.kind, 'township'), eq(units.active, true)));
  return new Map(rows.map((u) => [u.name, u.id]));
}

async function loadedYears(db: Database, countyId: number, years: number[]): Promise<number[]> {
  if (years.length === 0) return [];
  const rows = await db
    .selectDistinct({ year: useRankings.year })
    .from(useRankings)
    .where(and(eq(useRankings.countyId, countyId), inArray(useRankings.year, years)));
  return rows.map((r) => r.year).sort();
}

const yearsOf = (drafts: RankingDraft[]) => [...new Set(drafts.map((d) => d.year))].sort();

export interface RankingCheck {
  drafts: RankingDraft[];
  errors: { row: number; message: string }[];
  /** Years in the file that are already loaded (replaced only on 确认替换). */
  replaces: number[];
  pendingId: number | null;
}

export async function previewRankings(
  deps: Deps,
  actorPersonId: number,
  cells: RankingCells[],
  fileName: string,
): Promise<RankingCheck> {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const year = Number(today(deps).slice(0, 4));
  const r = checkRankingRows(cells, await townshipsOf(deps.db, countyId), year);
  if (r.errors.length > 0) return { ...r, replaces: [], pendingId: null };
  const replaces = await loadedYears(deps.db, countyId, yearsOf(r.drafts));
  const at = deps.clock.now();
  const [p] = await deps.db
    .insert(usePendingImports)
    .values({
      actorPersonId,
      countyId,
      kind: 'rankings',
      fileName: fileName.slice(0, 200),
      rows: cells,
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: usePendingImports.id });
  return { ...r, replaces, pendingId: p.id };
}

/**
 * 确认导入 / 确认替换: uploader only, once; checked again; a loaded year needs `replace` (the 确认替换 button),
 * then its rows are deleted and the new ones written — all in one transaction.
 */
export async function confirmRankings(
  deps: Deps,
  actorPersonId: number,
  pendingId: number,
  replace: boolean,
  eventId?: string,
) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const p = await claimPending(tx, at, { pendingId, kind: 'rankings', actorPersonId, countyId, eventId });
    const r = checkRankingRows(
      p.rows as RankingCells[],
      await townshipsOf(tx, countyId),
      Number(today(deps).slice(0, 4)),
    );
    if (r.errors.length > 0) throw conflict(`数据已变化，请重新导入：第${r.errors[0].row}行 ${r.errors[0].message}`);
    const years = yearsOf(r.drafts);
    const loaded = await loadedYears(tx, countyId, years);
    if (loaded.length > 0 && !replace)
      throw conflict(`${loaded.join('、')}年已有排名，请在预览中点击“确认替换”后再导入`);
    if (loaded.length > 0)
      await tx.delete(useRankings).where(and(eq(useRankings.countyId, countyId), inArray(useRankings.year, loaded)));
    await tx.insert(useRankings).values(
      r.drafts.map((d) => ({
        countyId,
        year: d.year,
        unitId: d.unitId,
        score: d.score,
        rank: d.rank,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await tx
      .update(usePendingImports)
      .set({ status: 'done', updatedAt: at })
      .where(eq(usePendingImports.id, pendingId));
    await audit(tx, at, {
      actorPersonId,
      action: 'use.rankings.import',
      entity: 'use_import',
      entityId: pendingId,
      eventId,
      detail: { rows: r.drafts.length, years, replaced: loaded, fileName: p.fileName },
    });
    return { written: r.drafts.length, years, replaced: loaded };
  });
}

export interface RankedTownship {
  unitId: number;
  township: string;
  score: string | null;
  rank: number;
  flag: RankingFlag;
  /** Team members in post today (name, title). */
  members: { personId: number; name: string; title: string | null }[];
}

export interface RankingView {
  year: number | null;
  count: number;
  rows: RankedTownship[];
}

/** A year's ranking (default: the latest loaded), flagged, with the flagged townships' team members on `on`. */
export async function rankingOf(db: Database, countyId: number, year: number | null, on: string): Promise<RankingView> {
  let y = year;
  if (y === null) {
    const [latest] = await db
      .select({ year: sql<number>`max(${useRankings.year})` })
      .from(useRankings)
      .where(eq(useRankings.countyId, countyId));
    y = latest?.year === null || latest?.year === undefined ? null : Number(latest.year);
  }
  if (y === null) return { year: null, count: 0, rows: [] };
  const rows = rowsOf<{ unit_id: number; township: string; score: string | null; rank: number }>(
    await db.execute(sql`
      select r.unit_id, u.name as township, r.score, r.rank from use_rankings r join units u on u.id = r.unit_id
       where r.county_id = ${countyId} and r.year = ${y} order by r.rank, u.name`),
  );
  const flagged = flagRankings(rows.map((r) => ({ ...r, unit_id: Number(r.unit_id), rank: Number(r.rank) })));
  const ids = flagged.filter((r) => r.flag).map((r) => r.unit_id);
  const members =
    ids.length === 0
      ? []
      : rowsOf<{ unit_id: number; person_id: number; name: string; title: string | null }>(
          await db.execute(sql`
            select lp.unit_id, lp.person_id, p.name, lp.title from leadership_positions lp join people p on p.id = lp.person_id
             where lp.unit_id in (${sql.join(
               ids.map((i) => sql`${i}`),
               sql`, `,
             )}) and lp.start_date <= ${on} and (lp.end_date is null or lp.end_date > ${on}) and p.active
             order by lp.unit_id, case lp.role when 'main' then 0 when 'deputy' then 1 else 2 end, p.id`),
        );
  return {
    year: y,
    count: flagged.length,
    rows: flagged.map((r) => ({
      unitId: r.unit_id,
      township: r.township,
      score: r.score,
      rank: r.rank,
      flag: r.flag,
      members: members
        .filter((m) => Number(m.unit_id) === r.unit_id)
        .map((m) => ({ personId: Number(m.person_id), name: m.name, title: m.title })),
    })),
  };
}

/** `六零 [年份]`: org_admin of the county, audited (the proposals name cadres). */
export async function viewRanking(deps: Deps, actorPersonId: number, year: number | null, eventId?: string) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const view = await rankingOf(deps.db, countyId, year, today(deps));
  await audit(deps.db, deps.clock.now(), {
    actorPersonId,
    action: 'use.rankings.view',
    entity: 'county',
    entityId: countyId,
    eventId,
    detail: { year: view.year },
  });
  return { countyId, view };
}
