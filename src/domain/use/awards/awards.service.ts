/**
 * 表彰: batches and awardees by xlsx import (preview, then 确认导入 all-or-nothing), and per batch what
 * followed — who was promoted (提拔/进一步使用 in use_promotions) within AWARD_FOLLOW_MONTHS of the award.
 */
import { eq, sql } from 'drizzle-orm';
import { today } from '../../../clock.js';
import { type Database, rowsOf } from '../../../db/client.js';
import { useAwardBatches, useAwardees, usePendingImports } from '../../../db/schema/use.js';
import type { Deps } from '../../../deps.js';
import { conflict } from '../../../errors.js';
import type { Element } from '../../../feishu/cards/atoms.js';
import type { ActorContext } from '../../org/org.access.js';
import { audit } from '../../org/org.audit.js';
import { lookup } from '../promotions/promotions.service.js';
import { adminCounty } from '../structure/teams.service.js';
import { claimPending } from '../use.pending.js';
import { AWARD_FOLLOW_KINDS } from '../use.vocab.js';
import { profileAwardLines } from './awards.cards.js';
import {
  AWARD_FOLLOW_MONTHS,
  type AwardCells,
  type AwardDraft,
  checkAwardRows,
  promotedAfter,
} from './awards.rules.js';

export interface AwardCheck {
  drafts: AwardDraft[];
  errors: { row: number; message: string }[];
}

async function existingBatches(db: Database, countyId: number): Promise<Set<string>> {
  const rows = await db
    .select({ kind: useAwardBatches.kind, name: useAwardBatches.name })
    .from(useAwardBatches)
    .where(eq(useAwardBatches.countyId, countyId));
  return new Set(rows.map((r) => `${r.kind}|${r.name}`));
}

async function check(db: Database, countyId: number, day: string, cells: AwardCells[]): Promise<AwardCheck> {
  return checkAwardRows(cells, await lookup(db, countyId, day), await existingBatches(db, countyId));
}

/** Checks the sheet; a clean sheet is kept as a pending import (nothing else written) for 确认导入. */
export async function previewAwards(
  deps: Deps,
  actorPersonId: number,
  cells: AwardCells[],
  fileName: string,
): Promise<AwardCheck & { pendingId: number | null }> {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const result = await check(deps.db, countyId, today(deps), cells);
  if (result.errors.length > 0) return { ...result, pendingId: null };
  const at = deps.clock.now();
  const [p] = await deps.db
    .insert(usePendingImports)
    .values({
      actorPersonId,
      countyId,
      kind: 'awards',
      fileName: fileName.slice(0, 200),
      rows: cells,
      status: 'pending',
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: usePendingImports.id });
  return { ...result, pendingId: p.id };
}

/** Writes checked drafts: one batch per (kind, batch name), its awardees. */
export async function writeAwards(tx: Database, countyId: number, drafts: AwardDraft[], at: Date): Promise<number> {
  const batchIds = new Map<string, number>();
  for (const d of drafts) {
    const key = `${d.kind}|${d.batch}`;
    let batchId = batchIds.get(key);
    if (batchId === undefined) {
      const [b] = await tx
        .insert(useAwardBatches)
        .values({ countyId, kind: d.kind, name: d.batch, date: d.date, createdAt: at, updatedAt: at })
        .returning({ id: useAwardBatches.id });
      batchId = b.id;
      batchIds.set(key, batchId);
    }
    await tx.insert(useAwardees).values({ batchId, personId: d.personId, createdAt: at });
  }
  return batchIds.size;
}

/** 确认导入: only the uploader, once; checked again and written in one transaction — any error writes nothing. */
export async function confirmAwards(deps: Deps, actorPersonId: number, pendingId: number, eventId?: string) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const p = await claimPending(tx, at, { pendingId, kind: 'awards', actorPersonId, countyId, eventId });
    const result = await check(tx, countyId, today(deps), p.rows as AwardCells[]);
    if (result.errors.length > 0)
      throw conflict(`数据已变化，请重新导入：第${result.errors[0].row}行 ${result.errors[0].message}`);
    const batches = await writeAwards(tx, countyId, result.drafts, at);
    await tx
      .update(usePendingImports)
      .set({ status: 'done', updatedAt: at })
      .where(eq(usePendingImports.id, pendingId));
    await audit(tx, at, {
      actorPersonId,
      action: 'use.awards.import',
      entity: 'use_import',
      entityId: pendingId,
      eventId,
      detail: { rows: result.drafts.length, batches, fileName: p.fileName },
    });
    return { written: result.drafts.length, batches };
  });
}

export interface Awardee {
  personId: number;
  name: string;
  unitName: string;
  /** First 提拔/进一步使用 within the follow window, or null. */
  promotedOn: string | null;
}

export interface AwardBatchView {
  id: number;
  kind: string;
  name: string;
  date: string;
  awardees: Awardee[];
  promoted: number;
}

/** Batches of a county (optionally with the award date in [from, to], or of one person) and what followed. */
export async function awardBatches(
  db: Database,
  countyId: number | null,
  opts: { from?: string; to?: string; personId?: number; months?: number } = {},
): Promise<AwardBatchView[]> {
  const months = opts.months ?? AWARD_FOLLOW_MONTHS;
  const kinds = sql.join(
    AWARD_FOLLOW_KINDS.map((k) => sql`${k}`),
    sql`, `,
  );
  const rows = rowsOf<{
    batch_id: number;
    kind: string;
    batch: string;
    date: string;
    person_id: number;
    name: string;
    unit_name: string | null;
    promotions: string[] | null;
  }>(
    await db.execute(sql`
      select b.id as batch_id, b.kind, b.name as batch, b.date::text as date, a.person_id, p.name, u.name as unit_name,
        (select array_agg(pr.date::text) from use_promotions pr where pr.person_id = a.person_id
           and pr.kind in (${kinds}) and pr.date >= b.date) as promotions
        from use_award_batches b
        join use_awardees a on a.batch_id = b.id
        join people p on p.id = a.person_id
        left join units u on u.id = p.unit_id
       where ${countyId === null ? sql`true` : sql`b.county_id = ${countyId}`}
         ${opts.from ? sql`and b.date >= ${opts.from}` : sql``}
         ${opts.to ? sql`and b.date <= ${opts.to}` : sql``}
         ${opts.personId !== undefined ? sql`and a.person_id = ${opts.personId}` : sql``}
       order by b.date desc, b.id, a.id`),
  );
  const byBatch = new Map<number, AwardBatchView>();
  for (const r of rows) {
    const id = Number(r.batch_id);
    let b = byBatch.get(id);
    if (!b) {
      b = { id, kind: r.kind, name: r.batch, date: r.date, awardees: [], promoted: 0 };
      byBatch.set(id, b);
    }
    const promotedOn = promotedAfter(r.date, r.promotions ?? [], months);
    b.awardees.push({ personId: Number(r.person_id), name: r.name, unitName: r.unit_name ?? '', promotedOn });
    if (promotedOn) b.promoted++;
  }
  return [...byBatch.values()];
}

/** Counts for the report: awardees of batches awarded in the period, and how many were promoted after. */
export async function awardFigures(deps: Deps, countyId: number, from: string, to: string) {
  const batches = await awardBatches(deps.db, countyId, { from, to });
  return {
    awards: batches.reduce((n, b) => n + b.awardees.length, 0),
    awardsPromoted: batches.reduce((n, b) => n + b.promoted, 0),
    batches,
  };
}

/** `表彰`: org_admin of the county, audited. */
export async function viewAwards(deps: Deps, actorPersonId: number, eventId?: string) {
  const { countyId } = await adminCounty(deps, actorPersonId);
  const batches = await awardBatches(deps.db, countyId);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId,
    action: 'use.awards.view',
    entity: 'county',
    entityId: countyId,
    eventId,
  });
  return batches;
}

/** Profile lines: the cadre's awards and a promotion that followed (the profile view has checked scope). */
export async function awardsProfileSection(
  deps: Deps,
  actor: ActorContext,
  personId: number,
  _onDate: string,
): Promise<Element[]> {
  void actor;
  const batches = await awardBatches(deps.db, null, { personId });
  if (batches.length === 0) return [];
  return profileAwardLines(batches);
}
