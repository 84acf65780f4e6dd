/** Builders for 组织架构 tests: multi-sheet xlsx files and a small fictional county's roster. */
import ExcelJS from 'exceljs';
import type { CellValue } from '../roster.fixture.js';
import { HEADERS, xlsx } from '../roster.fixture.js';

/** One sheet: its name, header row and data rows. */
export type SheetData = [name: string, headers: string[], rows: CellValue[][]];

export async function workbook(...sheets: SheetData[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, headers, rows] of sheets) {
    const ws = wb.addWorksheet(name);
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const UNIT_HEADERS = ['单位名称', '单位类别', '上级单位', '领域', '主管部门', '排序'];
export const POST_HEADERS = ['姓名', '手机号', '单位', '职务类别', '职务名称', '任职日期', '免职日期'];
export const LINK_HEADERS = ['县级领导', '手机号', '单位', '关系', '开始日期', '结束日期'];
export const SUP_HEADERS = ['分管领导', '分管领导手机号', '干部', '干部手机号', '分管领域', '开始日期'];

/** 测试县: the county, two townships, the organisation department, the education bureau and a school. */
export const UNITS: CellValue[][] = [
  ['测试县', '县', '', '', '', 0],
  ['青山镇', '乡镇', '测试县', '', '', 101],
  ['东城街道', '街道', '测试县', '', '', 102],
  ['县委组织部', '县直部门', '测试县', '', '', 201],
  ['县教育局', '县直部门', '测试县', '教育', '', 202],
  ['县第一中学', '事业单位', '县教育局', '教育', '县教育局', 301],
];

/** Roster rows (the roster's HEADERS) of the people the structure sheets name; mobiles 1380000000x. */
export const PEOPLE: [name: string, birth: string, unit: string, mobile: string][] = [
  ['县长甲', '1972.03', '测试县', '13800000001'],
  ['书记乙', '1978.05', '青山镇', '13800000002'],
  ['镇长丙', '1983.07', '青山镇', '13800000003'],
  ['干部丁', '1998.02', '青山镇', '13800000004'],
  ['书记戊', '1980.09', '青山镇', '13800000005'],
  ['局长己', '1975.11', '县教育局', '13800000006'],
  ['组织庚', '1985.01', '县委组织部', '13800000007'],
];

export async function rosterFile(): Promise<Buffer> {
  const rows = PEOPLE.map(([name, birth, unit, mobile]) => [
    name,
    '男',
    birth,
    '',
    '大学',
    unit,
    '',
    '',
    mobile,
    '',
    '',
    '',
    '',
  ]);
  return xlsx(HEADERS, rows);
}

export const mobileOf = (name: string) => PEOPLE.find((p) => p[0] === name)![3];
