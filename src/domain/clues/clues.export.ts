/** 导出 问题线索: every clue of the org_admin's counties (details: need-to-know, org_admin / liaison only). */
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { forbidden } from '../../errors.js';
import { enqueue } from '../../feishu/outbox.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../xlsx/xlsx.write.js';
import { hasRole, loadActor } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import { exportRange, inRange, rangeSuffix } from '../org/org.exports.js';
import { cluesForExport } from './clues.queries.js';
import { FINDING_LABELS, SEVERITY_LABELS, SOURCE_LABELS, STEP_LABELS } from './clues.vocab.js';

export const CLUE_EXPORT_HEADERS = [
  '编号',
  '涉及干部',
  '单位',
  '线索来源',
  '问题性质',
  '问题摘要',
  '报送人',
  '报送日期',
  '当前环节',
  '期限',
  '谈话领导',
  '纠正情况',
  '核查结论',
  '处理情况',
];

/** The clue ledger (reported within `args`' range when given) to the private chat, audited. */
export async function exportClues(deps: Deps, personId: number, openId: string, args = '') {
  const actor = await loadActor(deps.db, personId, today(deps));
  let counties: number[] | null;
  if (hasRole(actor, 'org_admin')) counties = await adminCountyIds(deps.db, actor);
  else if (hasRole(actor, 'discipline_liaison') && actor.countyId !== null) counties = [actor.countyId];
  else {
    await audit(deps.db, deps.clock.now(), { actorPersonId: personId, action: 'clue.export.denied', entity: 'clue' });
    throw forbidden('问题线索导出仅限组织部门和纪委/信访联络人');
  }
  const range = exportRange('问题线索', args, today(deps));
  const rows = (await cluesForExport(deps.db, counties)).filter((r) => inRange(r.c.reportedOn, range));
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('问题线索');
  ws.addRow(CLUE_EXPORT_HEADERS);
  ws.getRow(1).font = { bold: true };
  addSafeRows(
    ws,
    rows.map((r) => [
      r.c.id,
      r.cadreName,
      r.unitName,
      SOURCE_LABELS[r.c.source],
      SEVERITY_LABELS[r.c.severity],
      r.c.summary,
      r.reporterName,
      r.c.reportedOn,
      STEP_LABELS[r.c.step],
      r.c.dueOn ?? '',
      r.leaderName ?? '',
      r.c.correction ?? '',
      r.c.finding ? FINDING_LABELS[r.c.finding] : '',
      r.c.handling ?? r.c.returnReason ?? '',
    ]),
  );
  const data = await workbookBuffer(wb);
  const fileName = `问题线索${rangeSuffix(range) || `_${today(deps)}`}.xlsx`;
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName, data });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'clue.export',
      entity: 'clue',
      detail: { count: rows.length, ...range },
    });
  });
  deps.outboxWake();
  return { rows: rows.length, fileName };
}
