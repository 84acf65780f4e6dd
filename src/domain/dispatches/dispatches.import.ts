/**
 * 选派名单 xlsx import: every row checked → a preview card with 确认导入 (the checked rows kept as a draft) →
 * on confirm every row is checked again and all are written in one transaction, or none.
 */
import { and, eq, isNull, or } from 'drizzle-orm';
import { today } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { stamps } from '../../db/schema/_columns.js';
import { dispatchBatches, dispatchImportDrafts } from '../../db/schema/dispatches.js';
import { people, units } from '../../db/schema/org.js';
import { forbidden, invalid, notFound } from '../../errors.js';
import { FORMULA_WITHOUT_VALUE, type XlsxSheet } from '../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../xlsx/xlsx.cells.js';
import { audit } from '../org/org.audit.js';
import { type AssignmentInput, assignmentProblem, overlaps } from './dispatches.rules.js';
import { assertDispatchAdmin, type DispatchDeps, overlapProblem, writeAssignment } from './dispatches.service.js';
import { type DispatchKind, kindAllowsOverlap, kindByLabel, type ReportCadence } from './dispatches.vocab.js';

export { headerOf };

export const DISPATCH_HEADERS = {
  name: '姓名',
  idNumber: '身份证号',
  kind: '选派类别',
  batch: '批次',
  cadence: '报告周期',
  destUnit: '派驻单位',
  destPlace: '县外地点',
  hostUnit: '接收单位',
  hostContact: '接收单位联系人',
  start: '开始日期',
  end: '计划结束日期',
} as const;

type Key = keyof typeof DISPATCH_HEADERS;
export type DispatchSheetRow = Record<Key, string> & { line: number; problem?: string };

/** A dispatch list has both 选派类别 and 批次 in its first row (no other import uses them). */
export const isDispatchHeader = (h: string[]) =>
  h.includes(DISPATCH_HEADERS.kind) && h.includes(DISPATCH_HEADERS.batch);

export function sheetRows(ws: XlsxSheet): DispatchSheetRow[] {
  const header = headerOf(ws);
  const col = (name: string) => header.indexOf(name) + 1;
  const rows: DispatchSheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out = { line: r } as DispatchSheetRow;
    let any = false;
    for (const [k, h] of Object.entries(DISPATCH_HEADERS) as [Key, string][]) {
      const c = col(h);
      out[k] = c > 0 ? cellText(row.getCell(c)) : '';
      if (c > 0 && row.getCell(c).formula !== undefined) out.problem = `“${h}”${FORMULA_WITHOUT_VALUE}`;
      if (out[k]) any = true;
    }
    if (any || out.problem) rows.push(out);
  }
  return rows;
}

const normaliseDate = (s: string) =>
  s
    .replace(/[./年月]/g, '-')
    .replace(/日$/, '')
    .replace(/-(\d)(?=-|$)/g, '-0$1');

/** A checked row: what the draft keeps and the confirm re-checks. */
export interface DraftRow extends AssignmentInput {
  line: number;
  kind: DispatchKind;
  batchName: string;
  cadence: ReportCadence;
  homeUnitId: number;
}

async function resolvePerson(db: Database, name: string, key: string, countyId: number) {
  const inCounty = (rows: { id: number; name: string; unitId: number; countyId: number | null; active: boolean }[]) =>
    rows.filter((r) => r.countyId === countyId && r.active);
  const q = db
    .select({
      id: people.id,
      name: people.name,
      unitId: people.unitId,
      countyId: units.countyId,
      active: people.active,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId));
  if (key) {
    const rows = inCounty(await q.where(or(eq(people.personKey, key), eq(people.idNumber, key))));
    if (rows.length === 0) return `未找到身份证号为 ${key} 的干部`;
    if (name && rows[0].name !== name) return `姓名「${name}」与身份证号不符`;
    return rows[0];
  }
  if (!name) return '缺少姓名';
  const rows = inCounty(await q.where(eq(people.name, name)));
  if (rows.length === 0) return `未找到干部「${name}」`;
  if (rows.length > 1) return `「${name}」有重名，请填写身份证号`;
  return rows[0];
}

async function unitByName(db: Database, name: string, countyId: number) {
  const [u] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.name, name), eq(units.countyId, countyId), eq(units.active, true)));
  return u?.id ?? null;
}

async function checkRow(db: Database, r: DispatchSheetRow, countyId: number): Promise<DraftRow | string> {
  if (r.problem) return r.problem;
  const kind = kindByLabel(r.kind);
  if (!kind)
    return `选派类别「${r.kind}」无效（可填：驻村第一书记、社会管理工作指导员、党建指导员、基层一线、上级跟班学习、外出跟岗学习）`;
  if (!r.batch) return '缺少批次（如 第六批）';
  const cadence: ReportCadence | undefined =
    !r.cadence || r.cadence === '每月' || r.cadence === '月'
      ? 'monthly'
      : r.cadence.includes('季')
        ? 'quarterly'
        : undefined;
  if (!cadence) return `报告周期「${r.cadence}」无效（每月 / 每季度）`;
  const person = await resolvePerson(db, r.name, r.idNumber, countyId);
  if (typeof person === 'string') return person;
  const destUnitId = r.destUnit ? await unitByName(db, r.destUnit, countyId) : null;
  if (r.destUnit && destUnitId === null && !r.destPlace)
    return `派驻单位「${r.destUnit}」不是本县单位，县外派驻请填写县外地点（如 浏阳市）和接收单位`;
  let hostContactPersonId: number | null = null;
  if (r.hostContact) {
    const c = await resolvePerson(db, r.hostContact, '', countyId);
    if (typeof c === 'string') return `接收单位联系人：${c}`;
    hostContactPersonId = c.id;
  }
  const input: DraftRow = {
    line: r.line,
    kind,
    batchName: r.batch,
    cadence,
    personId: person.id,
    homeUnitId: person.unitId,
    batchId: 0,
    destUnitId,
    destPlace: destUnitId === null ? r.destPlace || null : r.destPlace || null,
    hostUnitName: r.hostUnit || null,
    hostContactPersonId,
    startDate: normaliseDate(r.start),
    plannedEnd: normaliseDate(r.end),
  };
  const problem = assignmentProblem(input) ?? (await overlapProblem(db, input, kind));
  return problem ?? input;
}

/** Checks every row; returns the checked rows or the per-row problems (nothing written either way). */
export async function checkRows(
  db: Database,
  rows: DispatchSheetRow[] | DraftRow[],
  countyId: number,
  recheck = false,
) {
  const errors: { line: number; message: string }[] = [];
  const ok: DraftRow[] = [];
  for (const r of rows) {
    const checked = recheck
      ? await recheckDraft(db, r as DraftRow)
      : await checkRow(db, r as DispatchSheetRow, countyId);
    if (typeof checked === 'string') errors.push({ line: r.line, message: checked });
    else {
      const clash = ok.find(
        (o) =>
          o.personId === checked.personId &&
          !kindAllowsOverlap(checked.kind) &&
          overlaps({ start: o.startDate, end: o.plannedEnd }, { start: checked.startDate, end: checked.plannedEnd }),
      );
      if (clash) errors.push({ line: r.line, message: `与第 ${clash.line} 行是同一干部，选派时间重叠` });
      else ok.push(checked);
    }
  }
  if (rows.length === 0) errors.push({ line: 1, message: '文件中没有数据行' });
  return { ok, errors };
}

async function recheckDraft(db: Database, r: DraftRow): Promise<DraftRow | string> {
  const [p] = await db.select({ active: people.active }).from(people).where(eq(people.id, r.personId));
  if (!p?.active) return '该干部已不在职';
  return assignmentProblem(r) ?? (await overlapProblem(db, r, r.kind)) ?? r;
}

/** Step 1: check the sheet and keep a draft for 确认导入. */
export async function previewImport(
  deps: DispatchDeps,
  actorId: number,
  countyId: number,
  rows: DispatchSheetRow[],
  fileName: string,
) {
  await assertDispatchAdmin(deps, actorId, countyId);
  const { ok, errors } = await checkRows(deps.db, rows, countyId);
  if (errors.length > 0) return { draftId: null, total: rows.length, errors, groups: [] };
  const [d] = await deps.db
    .insert(dispatchImportDrafts)
    .values({ byPersonId: actorId, fileName: fileName.slice(0, 200), rows: ok, ...stamps(deps.clock.now()) })
    .returning({ id: dispatchImportDrafts.id });
  const groups = new Map<string, number>();
  for (const r of ok) groups.set(`${r.batchName}`, (groups.get(r.batchName) ?? 0) + 1);
  return { draftId: d.id, total: rows.length, errors, groups: [...groups].map(([batch, count]) => ({ batch, count })) };
}

/** Step 2 (确认导入): only the draft's author; all rows re-checked; batches created; one transaction. */
export async function confirmImport(deps: DispatchDeps, actorId: number, draftId: number, eventId: string | null) {
  const [d] = await deps.db.select().from(dispatchImportDrafts).where(eq(dispatchImportDrafts.id, draftId));
  if (!d) throw notFound('未找到该导入预览，请重新发送文件');
  if (d.byPersonId !== actorId) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: actorId,
      action: 'dispatch.import.denied',
      entity: 'dispatch_import',
      entityId: draftId,
      eventId,
    });
    throw forbidden('只能确认本人上传的导入');
  }
  if (d.confirmedAt) throw invalid('该文件已导入，无需重复确认');
  const actor = await assertDispatchAdmin(deps, actorId);
  const countyId = actor.countyId as number;
  const rows = d.rows as DraftRow[];
  const { ok, errors } = await checkRows(deps.db, rows, countyId, true);
  if (errors.length > 0) return { written: 0, errors };
  const day = today(deps);
  return deps.db.transaction(async (tx) => {
    const at = deps.clock.now();
    const claimed = await tx
      .update(dispatchImportDrafts)
      .set({ confirmedAt: at, updatedAt: at })
      .where(and(eq(dispatchImportDrafts.id, draftId), isNull(dispatchImportDrafts.confirmedAt)))
      .returning({ id: dispatchImportDrafts.id });
    if (claimed.length === 0) throw invalid('该文件已导入，无需重复确认');
    const batchIds = new Map<string, number>();
    for (const r of ok) {
      const key = `${r.kind}|${r.batchName}`;
      let batchId = batchIds.get(key);
      if (!batchId) {
        const mine = ok.filter((o) => o.kind === r.kind && o.batchName === r.batchName);
        const start = mine.map((o) => o.startDate).sort()[0];
        const end = mine
          .map((o) => o.plannedEnd)
          .sort()
          .at(-1) as string;
        await tx
          .insert(dispatchBatches)
          .values({
            countyId,
            kind: r.kind,
            name: r.batchName,
            startDate: start,
            endDate: end,
            cadence: r.cadence,
            ...stamps(at),
          })
          .onConflictDoNothing();
        const [b] = await tx
          .select({ id: dispatchBatches.id })
          .from(dispatchBatches)
          .where(
            and(
              eq(dispatchBatches.countyId, countyId),
              eq(dispatchBatches.kind, r.kind),
              eq(dispatchBatches.name, r.batchName),
            ),
          );
        batchId = b.id;
        batchIds.set(key, batchId);
      }
      await writeAssignment(tx, { ...r, batchId }, r.homeUnitId, actorId, at);
    }
    await audit(tx, at, {
      actorPersonId: actorId,
      action: 'dispatch.import',
      entity: 'dispatch_import',
      entityId: draftId,
      eventId,
      detail: { rows: ok.length, fileName: d.fileName, on: day },
    });
    return { written: ok.length, errors: [] as { line: number; message: string }[] };
  });
}
