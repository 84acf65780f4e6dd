/**
 * The 干部花名册 layout as cadre information systems print it, for export: a title row, two header rows
 * (全日制教育 / 在职教育 grouped over 学历学位 and 毕业院校系及专业), one section row per unit, and 学历/学位
 * stacked in one cell. The import reads it back field for field (import → export → import changes nothing).
 */
import { addSafeRows, newWorkbook, workbookBuffer } from '../../../xlsx/xlsx.write.js';
import type { RosterField } from './roster.columns.js';

type Person = Record<string, any> & { unitName: string; unitCode: string };

/** Header row 1 (group or own header), header row 2 (sub-header or null: merged down), and the cell. */
const COLUMNS: { top: string; sub: string | null; width: number; cell: (p: Person, i: number) => string | number }[] = [
  { top: '序号', sub: null, width: 6, cell: (_p, i) => i },
  { top: '姓名', sub: null, width: 10, cell: (p) => p.name },
  { top: '性别', sub: null, width: 6, cell: (p) => p.gender },
  { top: '民族', sub: null, width: 8, cell: (p) => p.ethnicity ?? '' },
  { top: '出生年月', sub: null, width: 12, cell: (p) => month(p.birthDate) },
  { top: '籍贯', sub: null, width: 12, cell: (p) => p.nativePlace ?? '' },
  { top: '出生地', sub: null, width: 12, cell: (p) => p.birthPlace ?? '' },
  { top: '入党时间', sub: null, width: 10, cell: (p) => month(p.partyJoinDate) },
  { top: '参加工作时间', sub: null, width: 10, cell: (p) => month(p.workStart) },
  {
    top: '全日制教育',
    sub: '学历学位',
    width: 14,
    cell: (p) => stack(p.fullTimeEducation, p.fullTimeDegree),
  },
  { top: '全日制教育', sub: '毕业院校系及专业', width: 24, cell: (p) => p.fullTimeSchool ?? '' },
  { top: '在职教育', sub: '学历学位', width: 14, cell: (p) => stack(p.partTimeEducation, p.partTimeDegree) },
  { top: '在职教育', sub: '毕业院校系及专业', width: 24, cell: (p) => p.partTimeSchool ?? '' },
  { top: '现任职务', sub: null, width: 28, cell: (p) => p.position ?? '' },
  { top: '职务层次', sub: null, width: 10, cell: (p) => p.leadershipLevel ?? '' },
  { top: '职级', sub: null, width: 12, cell: (p) => p.rank ?? '' },
  { top: '任现职务时间', sub: null, width: 10, cell: (p) => month(p.positionSince) },
  { top: '任现职级时间', sub: null, width: 10, cell: (p) => month(p.rankSince) },
  { top: '最高学历', sub: null, width: 10, cell: (p) => p.education },
  { top: '学历学位', sub: null, width: 16, cell: (p) => p.educationDetail ?? '' },
  { top: '干部类别', sub: null, width: 8, cell: (p) => p.cadreType },
  { top: '政治面貌', sub: null, width: 10, cell: (p) => p.politicalStatus ?? '' },
  { top: '身份证号', sub: null, width: 22, cell: (p) => p.idNumber ?? '' },
  { top: '手机号', sub: null, width: 14, cell: (p) => p.mobile ?? '' },
  { top: '邮箱', sub: null, width: 20, cell: (p) => p.email ?? '' },
  { top: '选调生', sub: null, width: 6, cell: (p) => (p.isXuandiao ? '是' : '否') },
  { top: '挂职', sub: null, width: 6, cell: (p) => (p.isSecondee ? '是' : '否') },
  { top: '县级领导', sub: null, width: 6, cell: (p) => (p.isCountyLeader ? '是' : '否') },
  { top: '乡镇工作时间', sub: null, width: 10, cell: (p) => month(p.townshipWorkStart) },
  { top: '在职状态', sub: null, width: 8, cell: (p) => (p.active ? '在职' : '离职') },
];

/** Fields this layout carries (the round-trip test checks it covers every stored roster field). */
export const HUAMINGCE_FIELDS: RosterField[] = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'nativePlace',
  'birthPlace',
  'partyJoinDate',
  'workStart',
  'fullTimeEducation',
  'fullTimeDegree',
  'fullTimeSchool',
  'partTimeEducation',
  'partTimeDegree',
  'partTimeSchool',
  'position',
  'leadershipLevel',
  'rank',
  'positionSince',
  'rankSince',
  'education',
  'educationDetail',
  'cadreType',
  'politicalStatus',
  'idNumber',
  'mobile',
  'email',
  'isXuandiao',
  'isSecondee',
  'isCountyLeader',
  'townshipWorkStart',
  'status',
  'unit',
];

/** 'YYYY-MM-DD' → 1990.05 (the day kept when it is not the 1st: 1990.05.17). */
function month(d: string | null | undefined): string {
  if (!d) return '';
  const [y, m, day] = d.split('-');
  return day === '01' ? `${y}.${m}` : `${y}.${m}.${day}`;
}

const stack = (education: string | null, degree: string | null) => [education, degree].filter(Boolean).join('\n');

/** People ordered by unit; a unit name shared by two exported units is written as its code. */
export async function huamingceWorkbook(list: Person[], title: string): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('干部花名册', { views: [{ state: 'frozen', ySplit: 3 }] });
  const width = COLUMNS.length;
  ws.columns = COLUMNS.map((c) => ({ width: c.width, style: { numFmt: '@', alignment: { wrapText: true } } }));
  addSafeRows(ws, [[title]]);
  ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).font = { bold: true, size: 14 };
  addSafeRows(ws, [COLUMNS.map((c) => c.top), COLUMNS.map((c) => c.sub ?? c.top)]);
  COLUMNS.forEach((c, i) => {
    if (c.sub === null) ws.mergeCells(2, i + 1, 3, i + 1);
    else if (i === 0 || COLUMNS[i - 1].top !== c.top) {
      const span = COLUMNS.filter((x) => x.top === c.top).length;
      ws.mergeCells(2, i + 1, 2, i + span);
    }
  });
  ws.getRow(2).font = { bold: true };
  ws.getRow(3).font = { bold: true };
  const names = new Map<string, Set<string>>();
  for (const p of list) names.set(p.unitName, (names.get(p.unitName) ?? new Set()).add(p.unitCode));
  let unit: string | null = null;
  let n = 0;
  for (const p of list) {
    const label = (names.get(p.unitName)?.size ?? 0) > 1 ? p.unitCode : p.unitName;
    if (label !== unit) {
      unit = label;
      n = 0;
      addSafeRows(ws, [[label]]);
      ws.mergeCells(ws.rowCount, 1, ws.rowCount, width);
      ws.getRow(ws.rowCount).font = { bold: true };
    }
    n++;
    addSafeRows(ws, [COLUMNS.map((c) => c.cell(p, n))]);
  }
  return workbookBuffer(wb);
}
