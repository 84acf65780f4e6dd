/** 台账 xlsx import: every row checked, then all rows written in one transaction — or none. */
import { and, eq } from 'drizzle-orm';
import { ledgerTasks } from '../../db/schema/clues.js';
import { FORMULA_WITHOUT_VALUE, type XlsxSheet } from '../../xlsx/xlsx.book.js';
import { cellText, headerOf } from '../../xlsx/xlsx.cells.js';
import type { ActorContext } from '../org/org.access.js';
import { checkEntry, type LedgerDeps, type NewEntry, writeEntries } from './ledger.service.js';

export { headerOf };

export const LEDGER_HEADERS = {
  task: '重点任务',
  name: '姓名',
  key: '身份证号',
  role: '承担工作',
  rating: '评价',
  facts: '主要事实',
  date: '日期',
} as const;

/** Specific to this sheet: 重点任务 + 姓名 + 评价 (the roster and assessment sheets have no 重点任务 column). */
export function isLedgerHeader(header: string[]): boolean {
  return [LEDGER_HEADERS.task, LEDGER_HEADERS.name, LEDGER_HEADERS.rating].every((h) => header.includes(h));
}

export interface LedgerSheetRow {
  line: number;
  cells: Record<keyof typeof LEDGER_HEADERS, string>;
  problem?: string;
}

export function sheetRows(ws: XlsxSheet): LedgerSheetRow[] {
  const header = headerOf(ws);
  const rows: LedgerSheetRow[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = {} as LedgerSheetRow['cells'];
    let problem: string | undefined;
    for (const [k, h] of Object.entries(LEDGER_HEADERS) as [keyof typeof LEDGER_HEADERS, string][]) {
      const col = header.indexOf(h) + 1;
      const cell = col > 0 ? row.getCell(col) : { value: null };
      if (col > 0 && cell.formula !== undefined && cell.value === null) problem = `“${h}”${FORMULA_WITHOUT_VALUE}`;
      cells[k] = col > 0 ? cellText(cell) : '';
    }
    if (problem || Object.values(cells).some((v) => v !== '')) rows.push({ line: r, cells, problem });
  }
  return rows;
}

export interface LedgerImportResult {
  total: number;
  written: number;
  proposals: number;
  errors: { line: number; message: string }[];
}

export async function importLedger(
  deps: LedgerDeps,
  actor: ActorContext,
  rows: LedgerSheetRow[],
  meta: { eventId: string | null },
): Promise<LedgerImportResult> {
  const errors: LedgerImportResult['errors'] = [];
  const ok: NewEntry[] = [];
  const tasks = new Map<string, Awaited<ReturnType<typeof taskNamed>>>();
  const taskNamed = async (name: string) => {
    if (actor.countyId === null) return null;
    const [t] = await deps.db
      .select()
      .from(ledgerTasks)
      .where(and(eq(ledgerTasks.name, name), eq(ledgerTasks.countyId, actor.countyId)));
    return t ?? null;
  };
  for (const r of rows) {
    if (r.problem) {
      errors.push({ line: r.line, message: r.problem });
      continue;
    }
    const name = r.cells.task;
    if (!name) {
      errors.push({ line: r.line, message: '请填写重点任务' });
      continue;
    }
    if (!tasks.has(name)) tasks.set(name, await taskNamed(name));
    const task = tasks.get(name) ?? null;
    if (!task) {
      errors.push({ line: r.line, message: `未找到重点任务「${name}」，请先在「台账」中新增` });
      continue;
    }
    const checked = await checkEntry(
      deps,
      actor,
      task,
      { name: r.cells.name, key: r.cells.key },
      { role: r.cells.role, rating: r.cells.rating, facts: r.cells.facts, date: r.cells.date },
    );
    if (typeof checked === 'string') errors.push({ line: r.line, message: checked });
    else ok.push(checked);
  }
  if (rows.length === 0) errors.push({ line: 1, message: '文件中没有数据行' });
  if (errors.length > 0) return { total: rows.length, written: 0, proposals: 0, errors };
  const r = await deps.db.transaction((tx) =>
    writeEntries(deps, tx, actor.personId, ok, { eventId: meta.eventId, via: 'xlsx' }),
  );
  return { total: rows.length, written: r.ids.length, proposals: r.proposals, errors };
}
