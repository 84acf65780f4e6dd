/** Builders for roster tests: a tiny two-county world and xlsx files written with exceljs. */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../../src/db/client.js';
import { people, roleGrants, units } from '../../../src/db/schema/org.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';

export async function twoCounties(db: Database) {
  const add = async (code: string, name: string, kind: 'county' | 'township', countyId: number | null) => {
    const [u] = await db
      .insert(units)
      .values({ code, name, kind, countyId, parentId: countyId, ...T0 })
      .returning({ id: units.id });
    if (kind === 'county') await db.update(units).set({ countyId: u.id }).where(eq(units.id, u.id));
    return u.id;
  };
  const a = await add('CS', '测试县', 'county', null);
  const b = await add('LY', '另一县', 'county', null);
  const qingshan = await add('CS-T01', '青山镇', 'township', a);
  const baishui = await add('CS-T02', '白水镇', 'township', a);
  const otherQingshan = await add('LY-T01', '青山镇', 'township', b);
  const [admin] = await db
    .insert(people)
    .values({
      personKey: 'K-admin',
      name: '管理员',
      gender: '女',
      birthDate: '1980-01-01',
      education: '大学',
      unitId: a,
      openId: 'ou_admin',
      ...T0,
    })
    .returning({ id: people.id });
  await db.insert(roleGrants).values({ personId: admin.id, role: 'org_admin', unitId: a, grantedAt: FIXTURE_AT });
  return { a, b, qingshan, baishui, otherQingshan, adminId: admin.id };
}

export type CellValue = string | number | Date | boolean | null;

/** A workbook with an optional title row, a header row and data rows. */
export async function xlsx(headers: string[], rows: CellValue[][], opts: { title?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  if (opts.title) ws.addRow([opts.title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const HEADERS = [
  '姓名',
  '性别',
  '出生年月',
  '身份证号',
  '学历',
  '单位',
  '职务',
  '职级',
  '手机号',
  '干部类别',
  '选调生',
  '挂职',
  '乡镇工作时间',
];

/** Valid fictional ID numbers (region 99…, check character computed). */
export { idCheckChar } from '../../../src/domain/org/org.rules.js';
