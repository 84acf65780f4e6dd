import type { UnitLookup } from '../roster/roster.validate.js';
import { eachRow, type StructureError } from './structure.check.js';
import type { DatedRecord } from './structure.dated.js';
import { identify, type KnownPerson, type PeopleIndex } from './structure.people.js';
import type { StructureSheet } from './structure.read.js';
import { endsAfterStart, type LinkKind, parseLinkKind } from './structure.rules.js';

export interface LinkRecord extends DatedRecord<Record<string, never>> {
  leader: KnownPerson;
  unitId: number;
  kind: LinkKind;
}

export const linkKey = (leaderId: number, unitId: number, kind: string, start: string) =>
  `${leaderId}|${unitId}|${kind}|${start}`;

export type SupervisionAttrs = { area?: string };

export interface SupervisionRecord extends DatedRecord<SupervisionAttrs> {
  deputyId: number;
  cadreId: number;
}

export const supervisionKey = (deputyId: number, cadreId: number, start: string) => `${deputyId}|${cadreId}|${start}`;

/** The 联系分管 rows: a county leader (marked as such on import) contacts or supervises a unit. */
export function readLinks(
  sheet: StructureSheet | undefined,
  ctx: { resolve: UnitLookup; people: PeopleIndex },
  errors: StructureError[],
): LinkRecord[] {
  return eachRow(sheet, errors, (r) => {
    const leader = identify(r, { name: 'name', mobile: 'mobile', idNumber: 'idNumber' }, ctx.people);
    const unitId = r.take('unit', () => ctx.resolve(r.text('unit')), true);
    const kind = r.take('kind', () => parseLinkKind(r.text('kind')), true);
    const start = r.takeDate('startDate', true);
    const end = r.takeDate('endDate');
    if (start && end && !endsAfterStart({ start, end })) r.fail('endDate', '结束日期应晚于开始日期');
    if (!leader || unitId === undefined || !kind || !start) return undefined;
    return {
      row: r.rowNumber,
      key: linkKey(leader.id, unitId, kind, start),
      start,
      end,
      attrs: {},
      leader,
      unitId,
      kind,
    };
  });
}

/** The 分管干部 rows: which cadres a unit's deputy leader supervises. */
export function readSupervisions(
  sheet: StructureSheet | undefined,
  people: PeopleIndex,
  errors: StructureError[],
): SupervisionRecord[] {
  return eachRow(sheet, errors, (r) => {
    const deputy = identify(r, { name: 'deputyName', mobile: 'deputyMobile', idNumber: 'deputyIdNumber' }, people);
    const cadre = identify(r, { name: 'cadreName', mobile: 'cadreMobile', idNumber: 'cadreIdNumber' }, people);
    const area = r.takeText('area');
    const start = r.takeDate('startDate', true);
    const end = r.takeDate('endDate');
    if (start && end && !endsAfterStart({ start, end })) r.fail('endDate', '结束日期应晚于开始日期');
    if (deputy && cadre && deputy.id === cadre.id) r.fail('cadreName', '分管领导和干部不能是同一人');
    if (!deputy || !cadre || !start) return undefined;
    const key = supervisionKey(deputy.id, cadre.id, start);
    return { row: r.rowNumber, key, start, end, attrs: { area }, deputyId: deputy.id, cadreId: cadre.id };
  });
}
