/** 教育培训: attendance on the card (contact only, forged payloads refused and audited), xlsx import, profile, jobs. */
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { auditLog } from '../../../src/db/schema/org.js';
import {
  trainingAttendance,
  trainingClasses,
  trainingCourses,
  trainingTrainees,
} from '../../../src/db/schema/training.js';
import { loadActor } from '../../../src/domain/org/org.access.js';
import { exportToChat } from '../../../src/domain/training/training.export.js';
import { trainingCapability } from '../../../src/domain/training/training.handlers.js';
import { confirmImport, previewImport, sheetRows } from '../../../src/domain/training/training.import.js';
import { runAbsenceReminders } from '../../../src/domain/training/training.jobs.js';
import { trainingProfileSection } from '../../../src/domain/training/training.profile.js';
import { trainingDigest, trainingReport } from '../../../src/domain/training/training.report.js';
import { recordAttendance } from '../../../src/domain/training/training.service.js';
import { readXlsx } from '../../../src/xlsx/xlsx.read.js';
import { T0 } from '../../helpers/stamps.js';
import { buildWorld, click, lastOutboxId, say, sent, type World } from '../talks/world.js';

let w: World;
let classId: number;
let premium: number;
let small: number;
const deps = () => w.bot.deps;
const count = async (t: any) =>
  Number(rowsOf<{ n: number }>(await w.bot.handle.db.execute(sql`select count(*)::int as n from ${t}`))[0].n);
const audits = async (action: string) =>
  (await w.bot.handle.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

beforeAll(async () => {
  w = await buildWorld('2026-11-30T10:00:00+08:00');
  trainingCapability.register?.(w.bot.router, w.bot.deps);
  const db = w.bot.handle.db;
  const [c] = await db
    .insert(trainingClasses)
    .values({
      countyId: w.units.county,
      name: '优秀年轻干部实验班',
      cohort: '第一期',
      startDate: '2026-09-01',
      endDate: '2026-12-31',
      contactPersonId: w.ids.二镇青,
      ...T0,
    })
    .returning();
  classId = c.id;
  await db
    .insert(trainingTrainees)
    .values([w.ids.阿满, w.ids.小白, w.ids.二镇青].map((personId) => ({ classId, personId, ...T0 })));
  const ks = await db
    .insert(trainingCourses)
    .values([
      {
        classId,
        kind: 'premium' as const,
        topic: '乡村振兴政策解读',
        lecturer: '李教授',
        heldOn: '2026-11-20',
        organizer: '县委党校',
        ...T0,
      },
      {
        classId,
        kind: 'small' as const,
        topic: '公文写作',
        lecturer: '县委办主任',
        heldOn: '2026-11-27',
        organizer: '县委组织部',
        ...T0,
      },
    ])
    .returning();
  [premium, small] = ks.map((k) => k.id);
});
afterAll(async () => w.bot.close());

describe('attendance card', () => {
  it('the class contact records marks through the card form', async () => {
    const r = await click(
      w.bot,
      w.open.二镇青,
      { a: 'training.attendance.save', k: premium },
      { [`p${w.ids.阿满}`]: 'present', [`p${w.ids.小白}`]: 'absent', [`p${w.ids.二镇青}`]: 'present' },
    );
    expect(JSON.stringify(r)).toContain('已保存 3 人考勤');
    expect(await count(trainingAttendance)).toBe(3);
    expect(await audits('training.attendance')).toBe(1);
  });

  it('refuses and audits a forged payload from someone who is not the contact; nothing written', async () => {
    const before = await audits('training.attendance.denied');
    const r = await click(w.bot, w.open.小白, {
      a: 'training.attendance.save',
      k: premium,
      [`p${w.ids.小白}`]: 'present',
    });
    expect(JSON.stringify(r)).toContain('只有本班联络员或组织部门可以记录考勤');
    const [mark] = await w.bot.handle.db
      .select()
      .from(trainingAttendance)
      .where(and(eq(trainingAttendance.courseId, premium), eq(trainingAttendance.personId, w.ids.小白)));
    expect(mark.mark).toBe('absent');
    expect(await audits('training.attendance.denied')).toBe(before + 1);
    const open = await click(w.bot, w.open.小白, { a: 'training.attendance.open', k: premium });
    expect(JSON.stringify(open)).toContain('只有本班联络员或组织部门可以记录考勤');
    expect(await audits('training.attendance.view.denied')).toBe(1);
  });

  it('refuses the contact marking a person who is not a trainee, and a bad mark', async () => {
    const before = await audits('training.attendance.denied');
    await expect(
      recordAttendance(deps(), w.ids.二镇青, small, [
        { personId: w.ids.阿满, mark: 'present' },
        { personId: w.ids.主任, mark: 'present' },
      ]),
    ).rejects.toThrow('考勤名单中有非本班学员，未保存');
    expect(await audits('training.attendance.denied')).toBe(before + 1);
    const r = await click(
      w.bot,
      w.open.二镇青,
      { a: 'training.attendance.save', k: small },
      { [`p${w.ids.阿满}`]: 'late' },
    );
    expect(JSON.stringify(r)).toContain('出勤情况有误');
    expect(await count(trainingAttendance)).toBe(3);
  });

  it('org_admin of the county may record; the class card shows the rate', async () => {
    await recordAttendance(deps(), w.ids.管理员, premium, [{ personId: w.ids.小白, mark: 'absent' }]);
    const r = await click(w.bot, w.open.二镇青, { a: 'training.class.open', c: classId });
    expect(JSON.stringify(r)).toContain('出勤率 66.7%');
  });
});

async function sheet(rows: string[][], header = ['班次', '课程', '姓名', '出勤']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考勤');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const book = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
  return sheetRows(book.worksheets[0]);
}

describe('xlsx import', () => {
  it('refuses a bad sheet with per-row Chinese errors and writes nothing', async () => {
    const before = await count(trainingAttendance);
    const rows = await sheet([
      ['优秀年轻干部实验班', '公文写作', '阿满', '迟到'],
      ['青年班', '公文写作', '阿满', '出勤'],
      ['优秀年轻干部实验班', '不存在的课', '阿满', '出勤'],
      ['优秀年轻干部实验班', '公文写作', '主任', '出勤'],
      ['优秀年轻干部实验班', '公文写作', '小白', '出勤'],
      ['优秀年轻干部实验班第一期', '公文写作', '小白', '缺勤'],
    ]);
    const r = await previewImport(deps(), w.ids.管理员, w.units.county, rows, 'bad.xlsx');
    expect(r.draftId).toBeNull();
    expect(r.errors).toEqual([
      { line: 2, message: '出勤「迟到」无效（可填：出勤、缺勤、请假）' },
      { line: 3, message: '未找到班次「青年班」' },
      { line: 4, message: '班次「优秀年轻干部实验班」没有课程「不存在的课」' },
      { line: 5, message: '「主任」不是该班学员' },
      { line: 7, message: '与第 6 行是同一学员的同一课程' },
    ]);
    expect(await count(trainingAttendance)).toBe(before);
  });

  it('previews a good sheet, then 确认导入 writes every row in one go (only the author may confirm)', async () => {
    const rows = await sheet([
      ['优秀年轻干部实验班', '公文写作', '阿满', '缺勤'],
      ['优秀年轻干部实验班第一期', '公文写作', '小白', '请假'],
      ['优秀年轻干部实验班', '公文写作', '二镇青', '出勤'],
    ]);
    const r = await previewImport(deps(), w.ids.管理员, w.units.county, rows, 'good.xlsx');
    expect(r.errors).toEqual([]);
    expect(r.groups).toEqual([{ course: '2026-11-27 公文写作', count: 3 }]);
    await expect(confirmImport(deps(), w.ids.小白, r.draftId!, null)).rejects.toThrow('只能确认本人上传的导入');
    expect(await audits('training.import.denied')).toBe(1);
    const c = await confirmImport(deps(), w.ids.管理员, r.draftId!, null);
    expect(c.written).toBe(3);
    expect(await count(trainingAttendance)).toBe(6);
    await expect(confirmImport(deps(), w.ids.管理员, r.draftId!, null)).rejects.toThrow('该文件已导入，无需重复确认');
  });

  it('refuses the import to someone who is not org_admin', async () => {
    const rows = await sheet([['优秀年轻干部实验班', '公文写作', '阿满', '出勤']]);
    await expect(previewImport(deps(), w.ids.二镇青, w.units.county, rows, 'x.xlsx')).rejects.toThrow(
      '教育培训管理仅限组织部门',
    );
  });
});

describe('profile, command, reminders, report', () => {
  it('shows a trainee his courses and attendance rate on the profile', async () => {
    const actor = await loadActor(w.bot.handle.db, w.ids.管理员, '2026-11-30');
    const [el] = await trainingProfileSection(deps(), actor, w.ids.阿满, '2026-11-30');
    const text = (el as { content: string }).content;
    expect(text).toContain('课程 2 次，出勤率 50%');
    expect(text).toContain('《公文写作》：缺勤');
    expect(await trainingProfileSection(deps(), actor, w.ids.主任, '2026-11-30')).toEqual([]);
  });

  it('reminds each absentee once (ledger), not again the next day', async () => {
    const before = await lastOutboxId(w.bot);
    const first = await runAbsenceReminders(deps(), new Date('2026-11-30T09:20:00+08:00'));
    expect(first).toEqual({ workday: true, reminded: 2 });
    const again = await runAbsenceReminders(deps(), new Date('2026-11-30T09:20:00+08:00'));
    expect(again.reminded).toBe(0);
    const next = await runAbsenceReminders(deps(), new Date('2026-12-01T09:20:00+08:00'));
    expect(next.reminded).toBe(0);
    const out = await sent(w.bot, before);
    expect(out.map((o) => o.target).sort()).toEqual([w.open.小白, w.open.阿满].sort());
  });

  it('gives the 育 › 教育培训 report part and the digest block', async () => {
    const [part] = await trainingReport(
      deps(),
      { from: '2026-01-01', to: '2026-11-30' },
      {
        countyId: w.units.county,
        unitIds: null,
      },
    );
    const v = (k: string) => part.figures.find((f) => f.key === k)?.value;
    expect([part.chapter, part.title]).toEqual(['育', '教育培训']);
    expect([
      v('training.classes'),
      v('training.trainees'),
      v('training.premiumCourses'),
      v('training.smallCourses'),
    ]).toEqual([1, 3, 1, 1]);
    expect(v('training.attendanceRate')).toBe(50);
    const t1 = await trainingReport(
      deps(),
      { from: '2026-01-01', to: '2026-11-30' },
      {
        countyId: w.units.county,
        unitIds: [w.units.t1],
      },
    );
    expect(t1[0].figures.find((f) => f.key === 'training.trainees')?.value).toBe(2);
    const list = await part.figures.find((f) => f.key === 'training.trainees')!.list!();
    expect(list.rows).toHaveLength(3);
    const d = await trainingDigest(deps(), '2026-11-30');
    expect(d?.lines).toEqual(['在训班次 1 个，学员 3 人', '近 30 天课程 2 次，缺勤 2 人次，出勤率 50%']);
  });
});

describe('培训 command and 导出 培训台账', () => {
  const replyText = async (openId: string) => {
    const before = await lastOutboxId(w.bot);
    await say(w.bot, openId, '培训');
    return JSON.stringify((await sent(w.bot, before)).map((o) => o.content));
  };

  it('org_admin sees the classes, the contact his class, a trainee his own record', async () => {
    const admin = await replyText(w.open.管理员);
    expect(admin).toContain('优秀年轻干部实验班');
    expect(admin).toContain('学员 3 人 · 精品课程 1 次 · 小灶课程 1 次 · 出勤率 50%');
    expect(await replyText(w.open.二镇青)).toContain('记考勤');
    const own = await replyText(w.open.阿满);
    expect(own).toContain('我的培训');
    expect(own).toContain('课程 2 次 · 出勤率 50%');
    expect(await audits('training.view')).toBe(1);
    expect(await audits('training.own.view')).toBe(1);
  });

  it('exports the ledger to org_admin only, audited', async () => {
    const r = await exportToChat(w.bot.deps, w.ids.管理员, w.open.管理员);
    expect(r.rows).toBe(3);
    expect(await audits('training.export')).toBe(1);
    await expect(exportToChat(w.bot.deps, w.ids.阿满, w.open.阿满)).rejects.toThrow('教育培训管理仅限组织部门');
  });
});
