/**
 * org_admin creates a training class and adds a course on cards, end to end through the emulator: every bad
 * input gets a Chinese toast and writes nothing; only org_admin may create (a forged payload is refused).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/db/client.js';
import { trainingClasses, trainingCourses, trainingTrainees } from '../../../src/db/schema/training.js';
import { trainingCapability } from '../../../src/domain/training/training.handlers.js';
import type { DirectoryEntry } from '../../../src/emulator/index.js';
import { testActors } from '../../helpers/actors.js';
import { type Emulated, startEmulated } from '../../helpers/emulated.js';
import { grant, person, unit } from '../talks/builders.js';
import { buttons, formFields } from '../talks/world.js';

const USERS: DirectoryEntry[] = [
  { name: '林晓燕', mobile: '13900000001', unitName: '县委组织部', roles: ['org_admin'] },
  { name: '秦军阳', mobile: '13900000008', unitName: '县委党校', roles: ['cadre'] },
];
const ADMIN = '13900000001';
const CONTACT = '13900000008';

describe('新建班次 and 新增课程 on cards', () => {
  let emu: Emulated;
  let contactId: number;
  const count = async (t: any) =>
    Number(rowsOf<{ n: number }>(await emu.handle.db.execute(sql`select count(*)::int as n from ${t}`))[0].n);
  const title = (m: any) => m?.content?.header?.title?.content;
  const CLASS = { name: '优秀年轻干部实验班', cohort: '第二期', start: '2027-03-01 +0800', end: '2027-06-30 +0800' };

  beforeAll(async () => {
    emu = await startEmulated({
      users: USERS,
      capabilities: [testActors, trainingCapability],
      now: '2026-12-01T10:00:00+08:00',
      callbackTimeoutMs: 10_000,
    });
    const db = emu.handle.db;
    const open = new Map((await emu.users()).map((u) => [u.name, u.open_id]));
    const county = await unit(db, '示范县', { kind: 'county' });
    const school = await unit(db, '县委党校', { countyId: county });
    const admin = await person(db, '林晓燕', { unitId: county, birthDate: '1985-01-01', openId: open.get('林晓燕') });
    contactId = (await person(db, '秦军阳', { unitId: school, birthDate: '1988-01-01', openId: open.get('秦军阳') }))
      .id;
    await grant(db, admin.id, 'org_admin', county);
    await person(db, '周小满', { unitId: school, birthDate: '1996-01-01' });
  });
  afterAll(async () => emu?.close());

  it('creates a class: bad input refused in Chinese with nothing written, then the class card', async () => {
    await emu.send(ADMIN, '培训');
    await emu.deliverAll();
    const overview = (await emu.lastCard(ADMIN))!;
    expect(title(overview)).toBe('教育培训');
    expect(Object.keys(formFields(overview.content))).toEqual(
      expect.arrayContaining(['name', 'cohort', 'start', 'end', 'contact']),
    );
    const create = buttons(overview.content).find((b) => b.a === 'training.class.create')!;
    const submit = (form: Record<string, unknown>, from = ADMIN) =>
      emu.click(overview.message_id, from, create, form, { name: 'training_class_create' });

    for (const [form, message] of [
      [{ ...CLASS, end: '2027-02-01 +0800' }, '结业日期早于开班日期'],
      [{ ...CLASS, name: '   ' }, '请填写班次名称'],
      [{ ...CLASS, start: undefined }, '请选择开班日期'],
      [{ ...CLASS, contact: '不存在的人' }, '本县没有找到班级联络员「不存在的人」'],
    ] as const) {
      const r = await submit(form);
      expect(r.toast).toEqual({ type: 'error', content: message });
    }
    expect(await count(trainingClasses)).toBe(0);

    const ok = await submit({ ...CLASS, contact: '秦军阳' });
    expect(ok.toast).toEqual({ type: 'success', content: '班次已创建' });
    const [cls] = await emu.handle.db.select().from(trainingClasses);
    expect(cls).toMatchObject({
      name: '优秀年轻干部实验班',
      cohort: '第二期',
      startDate: '2027-03-01',
      endDate: '2027-06-30',
      contactPersonId: contactId,
    });
    const dup = await submit(CLASS);
    expect(dup.toast).toEqual({ type: 'error', content: '「优秀年轻干部实验班 第二期」已存在，请换一个名称或期次' });
    expect(await count(trainingClasses)).toBe(1);
  });

  it('adds a course on the class card; bad input and a non-admin refused, nothing written', async () => {
    await emu.send(ADMIN, '培训');
    await emu.deliverAll();
    const overview = (await emu.lastCard(ADMIN))!;
    const open = buttons(overview.content).find((b) => b.a === 'training.class.open')!;
    await emu.click(overview.message_id, ADMIN, open);
    const shown = (await emu.messages({ openId: ADMIN })).find((m) => m.message_id === overview.message_id)!;
    const classCard = shown.patches.at(-1)!.content as any;
    expect(classCard.header.title.content).toBe('教育培训 · 优秀年轻干部实验班');
    const add = buttons(classCard).find((b) => b.a === 'training.course.create')!;
    const COURSE = {
      kind: 'premium',
      topic: '乡村振兴政策解读',
      lecturer: '李教授',
      on: '2027-03-10 +0800',
      organizer: '县委党校',
    };
    const submit = (form: Record<string, unknown>, from = ADMIN, msg = overview.message_id) =>
      emu.click(msg, from, add, form, { name: 'training_course_create' });
    for (const [form, message] of [
      [{ ...COURSE, on: '2027-07-10 +0800' }, '上课日期应在本班起止日期内（2027-03-01 至 2027-06-30）'],
      [{ ...COURSE, kind: 'lecture' }, '请选择课程类别（精品课程或小灶课程）'],
      [{ ...COURSE, lecturer: '' }, '请填写主讲人'],
      [{ ...COURSE, topic: 'x'.repeat(101) }, '课程专题请控制在 100 字以内'],
    ] as const) {
      const r = await submit(form);
      expect(r.toast).toEqual({ type: 'error', content: message });
    }
    expect(await count(trainingCourses)).toBe(0);

    // The class contact sees his class (and records attendance) but adds no course: a forged payload is refused.
    await emu.send(CONTACT, '培训');
    await emu.deliverAll();
    const contactCard = (await emu.lastCard(CONTACT))!;
    expect(buttons(contactCard.content).some((b) => b.a === 'training.course.create')).toBe(false);
    const forged = await submit(COURSE, CONTACT, contactCard.message_id);
    expect(forged.toast).toEqual({ type: 'error', content: '教育培训管理仅限组织部门' });
    expect(await count(trainingCourses)).toBe(0);

    const ok = await submit(COURSE);
    expect(ok.toast).toEqual({ type: 'success', content: '课程已添加' });
    const after = (await emu.messages({ openId: ADMIN })).find((m) => m.message_id === overview.message_id)!;
    expect(JSON.stringify(after.patches.at(-1)!.content)).toContain(
      '2027-03-10 精品课程《乡村振兴政策解读》 主讲：李教授',
    );
    expect(await emu.handle.db.select().from(trainingCourses)).toEqual([
      expect.objectContaining({
        kind: 'premium',
        topic: '乡村振兴政策解读',
        heldOn: '2027-03-10',
        organizer: '县委党校',
      }),
    ]);
    const dup = await submit(COURSE);
    expect(dup.toast).toEqual({ type: 'error', content: '本班 2027-03-10 已有课程《乡村振兴政策解读》' });
    expect(await count(trainingCourses)).toBe(1);
  });

  it('adds a trainee (单位推荐 + 组织考察) on the class card; bad input refused, nothing written', async () => {
    await emu.send(ADMIN, '培训');
    await emu.deliverAll();
    const overview = (await emu.lastCard(ADMIN))!;
    const open = buttons(overview.content).find((b) => b.a === 'training.class.open')!;
    await emu.click(overview.message_id, ADMIN, open);
    const shown = (await emu.messages({ openId: ADMIN })).find((m) => m.message_id === overview.message_id)!;
    const add = buttons(shown.patches.at(-1)!.content).find((b) => b.a === 'training.trainee.add')!;
    const submit = (form: Record<string, unknown>) =>
      emu.click(overview.message_id, ADMIN, add, form, { name: 'training_trainee_add' });
    for (const [form, message] of [
      [{ name: '无名氏' }, '本县没有找到学员「无名氏」'],
      [{ name: '周小满', unit: '外县局' }, '推荐单位「外县局」不是本县单位'],
      [{ name: '' }, '请填写学员姓名'],
    ] as const) {
      const r = await submit(form);
      expect(r.toast).toEqual({ type: 'error', content: message });
    }
    expect(await count(trainingTrainees)).toBe(0);
    const ok = await submit({ name: '周小满', unit: '县委党校', assessed: '2027-02-20 +0800' });
    expect(ok.toast).toEqual({ type: 'success', content: '已添加学员 周小满' });
    expect(await emu.handle.db.select().from(trainingTrainees)).toEqual([
      expect.objectContaining({ assessedOn: '2027-02-20', selection: 'unit_recommended_org_assessed' }),
    ]);
    const dup = await submit({ name: '周小满' });
    expect(dup.toast).toEqual({ type: 'error', content: '周小满 已是本班学员' });
    expect(await count(trainingTrainees)).toBe(1);
    const after = (await emu.messages({ openId: ADMIN })).find((m) => m.message_id === overview.message_id)!;
    expect(JSON.stringify(after.patches.at(-1)!.content)).toContain('学员 1 人');
  });
});
