/** 选派台账 and 选派报告情况 workbooks (org_admin), sent to the private chat and audited. */
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { enqueue } from '../../feishu/outbox.js';
import type { DateRange } from '../../time.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { audit } from '../org/org.audit.js';
import { exportRange, inRange, rangeSuffix } from '../org/org.exports.js';
import { ledger, peopleNames, reportStatus } from './dispatches.queries.js';
import { assertDispatchAdmin } from './dispatches.service.js';
import { kindLabel, STATUS_LABELS } from './dispatches.vocab.js';

export const LEDGER_HEADERS = [
  '姓名',
  '派出单位',
  '选派类别',
  '批次',
  '派驻地',
  '接收单位',
  '开始日期',
  '计划结束',
  '实际结束',
  '状态',
  '期满评价',
];
export const REPORT_HEADERS = ['姓名', '批次编号', '报告期', '截止日期', '是否提交'];

/** Dispatches that overlap `range` (all when null). */
export async function ledgerWorkbook(deps: Deps, countyId: number, range: DateRange | null = null) {
  const rows = (await ledger(deps.db, countyId)).filter(
    (r) => !range || (r.startDate <= range.to && (r.endedOn ?? r.plannedEnd) >= range.from),
  );
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('选派台账');
  ws.addRow(LEDGER_HEADERS);
  addSafeRows(
    ws,
    rows.map((r) => [
      r.name,
      r.homeUnit,
      kindLabel(r.kind),
      r.batchName,
      r.destPlace ?? r.destUnitName ?? '',
      r.hostUnitName ?? '',
      r.startDate,
      r.plannedEnd,
      r.endedOn ?? '',
      STATUS_LABELS[r.status],
      r.grade ?? '',
    ]),
  );
  return { data: await workbookBuffer(wb), rows: rows.length };
}

/** Reports due within `range` (all when null). */
export async function reportStatusWorkbook(deps: Deps, countyId: number, range: DateRange | null = null) {
  const rows = (await reportStatus(deps.db, today(deps), countyId)).filter((r) => inRange(r.due, range));
  const names = await peopleNames(
    deps.db,
    rows.map((r) => r.personId),
  );
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('选派工作报告');
  ws.addRow(REPORT_HEADERS);
  addSafeRows(
    ws,
    rows.map((r) => [
      names.get(r.personId)?.name ?? '',
      r.batchId,
      r.periodKey,
      r.due,
      r.submitted ? '已提交' : '未提交',
    ]),
  );
  return { data: await workbookBuffer(wb), rows: rows.length };
}

/** Builds the workbook, sends it and audits, in one transaction. */
export async function exportToChat(
  deps: Deps,
  personId: number,
  openId: string,
  what: 'ledger' | 'reports',
  args = '',
) {
  const actor = await assertDispatchAdmin(deps, personId);
  const countyId = actor.countyId as number;
  const range = exportRange(what === 'ledger' ? '选派台账' : '选派报告', args, today(deps));
  const { data, rows } =
    what === 'ledger' ? await ledgerWorkbook(deps, countyId, range) : await reportStatusWorkbook(deps, countyId, range);
  const fileName = `${what === 'ledger' ? '选派台账' : '选派工作报告情况'}${rangeSuffix(range) || `_${today(deps)}`}.xlsx`;
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName, data });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'dispatch.export',
      entity: 'dispatch',
      detail: { what, count: rows, ...range },
    });
  });
  deps.outboxWake();
  return { rows, fileName };
}
