/** 培训台账 workbook (org_admin), sent to the private chat and audited. */
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { enqueue } from '../../feishu/outbox.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { audit } from '../org/org.audit.js';
import { ledgerRows } from './training.queries.js';
import { attendanceRate, rateText } from './training.rules.js';
import { assertTrainingAdmin } from './training.service.js';

export const LEDGER_HEADERS = ['班次', '期次', '姓名', '单位', '课程数', '出勤', '缺勤', '请假', '出勤率'];

export async function ledgerWorkbook(deps: Deps, countyId: number) {
  const rows = await ledgerRows(deps.db, countyId);
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('培训台账');
  ws.addRow(LEDGER_HEADERS);
  addSafeRows(
    ws,
    rows.map((r) => [
      r.className,
      r.cohort,
      r.name,
      r.unit,
      r.courses,
      r.present,
      r.absent,
      r.leave,
      rateText(attendanceRate(r.present, r.present + r.absent + r.leave)),
    ]),
  );
  return { data: await workbookBuffer(wb), rows: rows.length };
}

/** Builds the workbook, sends it and audits, in one transaction. */
export async function exportToChat(deps: Deps, personId: number, openId: string) {
  const actor = await assertTrainingAdmin(deps, personId);
  const { data, rows } = await ledgerWorkbook(deps, actor.countyId as number);
  const fileName = `培训台账_${today(deps)}.xlsx`;
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName, data });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'training.export',
      entity: 'training',
      detail: { count: rows },
    });
  });
  deps.outboxWake();
  return { rows, fileName };
}
