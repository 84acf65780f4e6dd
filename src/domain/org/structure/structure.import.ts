import type { Deps } from '../../../deps.js';
import type { XlsxBook } from '../../../xlsx/xlsx.book.js';
import { type ActorContext, assertRole } from '../org.access.js';
import { adminCountyIds } from '../org.admins.js';
import { audit } from '../org.audit.js';
import { loadWorkbook } from '../roster/roster.read.js';
import type { StructureError } from './structure.check.js';
import { planStructure, type StructurePlan } from './structure.plan.js';
import { findStructureSheets } from './structure.read.js';
import { writePlan } from './structure.write.js';

export interface StructureImportOptions {
  /** The org_admin importing through the bot (his counties only); absent for the CLI (a trusted operator). */
  actor?: ActorContext;
  /** CLI --county: restrict names and people to these counties (null: every county). */
  countyIds?: number[] | null;
  fileName?: string;
  eventId?: string;
  /** Only the 单位 sheet (a new county: units, then the roster, then the whole workbook); the rest is skipped. */
  unitsOnly?: boolean;
}

export interface DatedCounts {
  created: number;
  ended: number;
  updated: number;
  unchanged: number;
}

export interface StructureReport {
  ok: boolean;
  fileName?: string;
  /** The recognised sheets, as named in the file. */
  sheets: string[];
  ignoredSheets: string[];
  units: { created: number; updated: number; unchanged: number };
  posts: DatedCounts;
  links: DatedCounts;
  supervisions: DatedCounts;
  /** People newly marked 县级领导 from 联系分管 rows. */
  countyLeaders: number;
  errors: StructureError[];
}

const NO_SHEET = '未找到组织架构的工作表：应有“单位”“领导班子”“联系分管”“分管干部”中的至少一张（按表头识别）';

const dated = (p: StructurePlan['posts' | 'links' | 'supervisions']): DatedCounts => ({
  created: p.creates.length,
  ended: p.ended,
  updated: p.updates.length - p.ended,
  unchanged: p.unchanged,
});

function counts(plan: StructurePlan) {
  const u = plan.units;
  return {
    units: { created: u.creates.length, updated: u.updates.length, unchanged: u.unchanged },
    posts: dated(plan.posts),
    links: dated(plan.links),
    supervisions: dated(plan.supervisions),
    countyLeaders: plan.newCountyLeaders.length,
  };
}

const EMPTY = { created: 0, ended: 0, updated: 0, unchanged: 0 };

/**
 * Imports a 组织架构 workbook: every sheet checked against the database, then everything written in one
 * transaction — or, on any problem, nothing, with every bad row reported. Audited either way.
 */
export async function importStructure(
  deps: Deps,
  data: Buffer | XlsxBook,
  opts: StructureImportOptions = {},
): Promise<StructureReport> {
  if (opts.actor) assertRole(opts.actor, 'org_admin', '只有组织部门可以导入组织架构');
  const wb = findStructureSheets(await loadWorkbook(data));
  const base = { fileName: opts.fileName, sheets: [] as string[], ignoredSheets: [] as string[], countyLeaders: 0 };
  const zero = { units: { created: 0, updated: 0, unchanged: 0 }, posts: EMPTY, links: EMPTY, supervisions: EMPTY };
  if (!wb) return { ...base, ...zero, ok: false, errors: [{ sheet: '', row: 1, column: '', message: NO_SHEET }] };
  if (opts.unitsOnly) {
    for (const key of ['posts', 'links', 'supervisions'] as const) {
      if (wb.sheets[key]) wb.ignored.push(wb.sheets[key].sheetName);
      delete wb.sheets[key];
    }
  }
  const sheets = Object.values(wb.sheets).map((s) => s!.sheetName);
  const countyIds = opts.actor ? await adminCountyIds(deps.db, opts.actor) : (opts.countyIds ?? null);
  const now = deps.clock.now();
  const ctx = {
    now,
    actorPersonId: opts.actor?.personId ?? null,
    actorOpenId: opts.actor?.openId ?? null,
    eventId: opts.eventId,
  };
  const plan = await deps.db.transaction(async (tx) => {
    const p = await planStructure(tx, wb, countyIds);
    if (p.errors.length > 0) return p;
    const entries = await writePlan(tx, p, ctx);
    const summary = {
      action: 'structure.import',
      entity: 'structure',
      entityId: opts.fileName ?? null,
      detail: counts(p),
    };
    for (let i = 0; i < entries.length; i += 2000) await audit(tx, now, ...entries.slice(i, i + 2000));
    await audit(tx, now, { ...ctx, ...summary });
    return p;
  });
  const report = { ...base, sheets, ignoredSheets: wb.ignored, ...counts(plan), errors: plan.errors };
  if (plan.errors.length === 0) return { ...report, ok: true };
  await audit(deps.db, now, {
    ...ctx,
    action: 'structure.import.rejected',
    entity: 'structure',
    entityId: opts.fileName ?? null,
    detail: { sheets, errors: plan.errors.length },
  });
  return { ...report, ...zero, countyLeaders: 0, ok: false };
}
