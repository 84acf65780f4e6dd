/** 导出 台账: every entry of the org_admin's counties as xlsx; audited. */

import { inArray, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { ledgerEntries, ledgerTasks } from '../../db/schema/clues.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { RATING_LABELS } from '../clues/clues.vocab.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { exportRange, rangeSuffix } from '../org/org.exports.js';
import { LEDGER_HEADERS } from './ledger.import.js';
import { entriesWhere } from './ledger.queries.js';

export async function exportLedger(deps: Deps, personId: number, openId: string, args = '') {
  const actor = await loadActor(deps.db, personId, today(deps));
  if (!hasRole(actor, 'org_admin')) {
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: personId,
      action: 'ledger.export.denied',
      entity: 'ledger',
    });
    throw forbidden('台账导出仅限组织部门');
  }
  const counties = await adminCountyIds(deps.db, actor);
  const where = counties ? inArray(ledgerTasks.countyId, counties.length ? counties : [-1]) : undefined;
  const range = exportRange('台账', args, today(deps));
  const when = range ? sql`${ledgerEntries.entryOn} between ${range.from} and ${range.to}` : sql`true`;
  const rows = await entriesWhere(deps.db, where, when, 100_000);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('跟踪考核台账');
  // The import's own headers (so an export can be edited and sent back), plus 单位 and 登记人 for reading.
  ws.addRow([
    LEDGER_HEADERS.task,
    LEDGER_HEADERS.name,
    '所在单位',
    LEDGER_HEADERS.role,
    LEDGER_HEADERS.rating,
    LEDGER_HEADERS.facts,
    LEDGER_HEADERS.date,
    '登记人',
  ]);
  ws.getRow(1).font = { bold: true };
  addSafeRows(
    ws,
    rows.map((r) => [
      r.taskName,
      r.cadreName,
      r.unitName,
      r.role,
      RATING_LABELS[r.rating],
      r.facts,
      r.entryOn,
      r.recordedBy ?? '',
    ]),
  );
  const data = await workbookBuffer(wb);
  const fileName = `跟踪考核台账${rangeSuffix(range) || `_${today(deps)}`}.xlsx`;
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName, data });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'ledger.export',
      entity: 'ledger',
      detail: { count: rows.length, ...range },
    });
  });
  deps.outboxWake();
  return { rows: rows.length, fileName };
}
