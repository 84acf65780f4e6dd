/**
 * 台账 of 用 for `导出` (through the reports' ledger extension point: date range, scope, audit):
 * 提拔台账 — every 提拔/职级晋升/进一步使用/交流 recorded in the period; 班子结构台账 — the members of every
 * township and county-department leadership team on the last day of the period, with the measures used by
 * the 班子结构 rules (age, township experience), so each structure figure can be checked person by person.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import { addLedgerExport } from '../reports/reports.ledger.js';
import { inScopeSql } from '../reports/reports.scope.js';
import type { ReportList, ReportPeriod, ReportScope } from '../reports/reports.types.js';
import { TEAM_KINDS, teamsOn } from './structure/teams.queries.js';
import { measureAt } from './structure/teams.rules.js';
import { ageBounds, ageLabels } from './structure/teams.service.js';
import { PROMOTION_KIND_LABELS, type PromotionKind } from './use.vocab.js';

export const PROMOTION_LEDGER = '提拔台账';
export const STRUCTURE_LEDGER = '班子结构台账';

const ROLE_LABELS: Record<string, string> = { main: '党政正职', deputy: '副职', member: '班子成员' };

export async function promotionLedger(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportList> {
  const rows = rowsOf<{
    date: string;
    name: string;
    kind: PromotionKind;
    from_unit: string | null;
    from_post: string | null;
    to_unit: string | null;
    to_post: string | null;
    to_level: string | null;
    to_role: string | null;
    doc_no: string | null;
  }>(
    await deps.db.execute(sql`
      select pr.date::text as date, p.name, pr.kind, fu.name as from_unit, pr.from_post, tu.name as to_unit,
             pr.to_post, pr.to_level, pr.to_role, pr.doc_no
        from use_promotions pr
        join people p on p.id = pr.person_id
        left join units fu on fu.id = pr.from_unit_id
        left join units tu on tu.id = pr.to_unit_id
       where pr.county_id = ${scope.countyId} and pr.date between ${period.from} and ${period.to}
         and ${inScopeSql(scope, 'p')}
       order by pr.date, pr.id`),
  );
  return {
    columns: ['日期', '姓名', '类别', '原单位', '原职务', '新单位', '新职务', '新职级', '班子职务', '文号'],
    rows: rows.map((r) => [
      r.date,
      r.name,
      PROMOTION_KIND_LABELS[r.kind] ?? r.kind,
      r.from_unit,
      r.from_post,
      r.to_unit,
      r.to_post,
      r.to_level,
      r.to_role ? (ROLE_LABELS[r.to_role] ?? r.to_role) : null,
      r.doc_no,
    ]),
  };
}

/** Whole years between two ISO dates. */
function yearsBetween(from: string, to: string): number {
  const y = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? y - 1 : y;
}

export async function structureLedger(deps: Deps, period: ReportPeriod, scope: ReportScope): Promise<ReportList> {
  const on = period.to;
  const measureOn = measureAt(on, ageBounds(deps));
  const labels = ageLabels(deps);
  const teams = (await teamsOn(deps.db, scope.countyId, on, TEAM_KINDS)).filter(
    (t) => scope.unitIds === null || scope.unitIds.includes(t.unitId),
  );
  const yes = (b: boolean) => (b ? '是' : '否');
  return {
    columns: ['日期', '单位', '类别', '姓名', '出生日期', '年龄', labels.young, labels.under30, '2年以上乡镇经历'],
    rows: teams.flatMap((t) =>
      t.members.map((m) => {
        const one = measureOn([m]);
        return [
          on,
          t.unitName,
          t.kind === 'township' ? '乡镇' : '县直部门',
          m.name,
          m.birthDate,
          yearsBetween(m.birthDate, on),
          yes(one.young > 0),
          yes(one.under30 > 0),
          yes(one.townshipExperience > 0),
        ];
      }),
    ),
  };
}

export function registerUseLedgers(deps: Deps): void {
  addLedgerExport(deps, { name: PROMOTION_LEDGER, load: promotionLedger });
  addLedgerExport(deps, { name: STRUCTURE_LEDGER, load: structureLedger });
}
