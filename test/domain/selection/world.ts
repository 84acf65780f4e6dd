/**
 * A small county for the selection tests (推荐, 资源库, 考核结果, 一线识人): an education domain with its
 * competent department and a school, two townships, the department's staff, Party-org contacts and
 * leaders with Feishu accounts; helpers drive the bot through its router.
 */
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../../../src/db/client.js';
import { leaderUnitLinks, people, type Role, roleGrants, units } from '../../../src/db/schema/org.js';
import { outbox } from '../../../src/db/schema/transport.js';
import { assessmentsCapability } from '../../../src/domain/assessments/assessments.handlers.js';
import { observationsCapability } from '../../../src/domain/observations/observations.handlers.js';
import { org } from '../../../src/domain/org/org.handlers.js';
import { namePinyin } from '../../../src/domain/org/org.pinyin.js';
import { poolCapability } from '../../../src/domain/pool/pool.handlers.js';
import { recommendationsCapability } from '../../../src/domain/recommendations/recommendations.handlers.js';
import { acceptRecommendation } from '../../../src/domain/recommendations/recommendations.review.js';
import { recommender, submitRecommendation } from '../../../src/domain/recommendations/recommendations.service.js';
import { createTestBot, type TestBot } from '../../helpers/bot.js';
import { FIXTURE_AT, T0 } from '../../helpers/stamps.js';

/** Assessments first: the roster import (org) would claim an assessment sheet that has 姓名 and 单位. */
export const SELECTION = [
  assessmentsCapability,
  org,
  recommendationsCapability,
  poolCapability,
  observationsCapability,
];

let seq = 0;

export async function unit(
  db: Database,
  name: string,
  o: {
    kind?: 'county' | 'township' | 'county_department' | 'institution';
    countyId?: number;
    domain?: string;
    deptId?: number;
  } = {},
) {
  const [u] = await db
    .insert(units)
    .values({
      code: `S${++seq}-${name}`,
      name,
      kind: o.kind ?? 'township',
      countyId: o.countyId ?? null,
      parentId: o.countyId ?? null,
      domain: o.domain ?? null,
      domainDeptUnitId: o.deptId ?? null,
      sortOrder: seq,
      ...T0,
    })
    .returning({ id: units.id });
  if (o.kind === 'county') await db.update(units).set({ countyId: u.id }).where(eq(units.id, u.id));
  return u.id;
}

export async function person(
  db: Database,
  name: string,
  o: { unitId: number; birthDate?: string; openId?: string | null; position?: string; isCountyLeader?: boolean },
) {
  const py = namePinyin(name);
  const [p] = await db
    .insert(people)
    .values({
      personKey: `P${++seq}`,
      name,
      gender: '男',
      birthDate: o.birthDate ?? '1995-06-15',
      education: '大学',
      unitId: o.unitId,
      position: o.position ?? '科员',
      openId: o.openId === undefined ? `ou_${name}` : o.openId,
      isCountyLeader: o.isCountyLeader ?? false,
      pinyin: py.full,
      pinyinInitials: py.initials,
      ...T0,
    })
    .returning({ id: people.id });
  return p.id;
}

export async function grant(
  db: Database,
  personId: number,
  role: Role,
  unitId: number | null,
  domain: string | null = null,
) {
  await db.insert(roleGrants).values({ personId, role, unitId, domain, grantedAt: FIXTURE_AT });
}

export interface World {
  bot: TestBot;
  db: Database;
  u: Record<'county' | 'orgDept' | 'edu' | 'school' | 'qingshan' | 'baishui', number>;
  p: Record<string, number>;
}

/** 今天 = 2026-11-30 (the test bot's frozen clock). */
export async function buildWorld(): Promise<World> {
  const bot = await createTestBot({ capabilities: SELECTION });
  const db = bot.handle.db;
  const county = await unit(db, '测试县', { kind: 'county' });
  const orgDept = await unit(db, '县委组织部', { kind: 'county_department', countyId: county });
  const edu = await unit(db, '县教育局', { kind: 'county_department', countyId: county, domain: '教育' });
  const school = await unit(db, '县第一中学', { kind: 'institution', countyId: county, domain: '教育', deptId: edu });
  const qingshan = await unit(db, '青山镇', { countyId: county });
  const baishui = await unit(db, '白水镇', { countyId: county });
  const p: Record<string, number> = {};
  const add = async (name: string, unitId: number, birthDate = '1995-06-15', extra = {}) => {
    p[name] = await person(db, name, { unitId, birthDate, ...extra });
  };
  await add('林组织', orgDept, '1980-03-01');
  await add('周组织', orgDept, '1982-03-01');
  await add('一中党委', school, '1975-01-01');
  await add('教育联络', edu, '1978-01-01');
  await add('青山党委', qingshan, '1976-01-01');
  await add('县领导', county, '1968-01-01', { isCountyLeader: true });
  await add('张小明', school, '1995-04-01');
  await add('李一中', school, '1993-02-01');
  await add('王青山', qingshan, '1996-05-05');
  await add('老赵', qingshan, '1980-01-01');
  await add('陈白水', baishui, '1994-09-09');
  await add('快满', qingshan, '1991-12-20');
  await grant(db, p.林组织, 'org_admin', county);
  await grant(db, p.周组织, 'org_admin', county);
  await grant(db, p.一中党委, 'unit_party_org', school);
  await grant(db, p.教育联络, 'domain_dept', edu, '教育');
  await grant(db, p.青山党委, 'unit_party_org', qingshan);
  await db
    .insert(leaderUnitLinks)
    .values({ leaderPersonId: p.县领导, unitId: qingshan, kind: 'contact', startDate: '2025-01-01' });
  return { bot, db, u: { county, orgDept, edu, school, qingshan, baishui }, p };
}

const open = (name: string) => `ou_${name}`;

/** A text message from `name`; resolves when the bot has processed it. */
export async function say(w: World, name: string, text: string) {
  seq++;
  await w.bot.router.handle({
    eventId: `ev_sel_msg_${seq}`,
    type: 'im.message.receive_v1',
    event: {
      sender: { sender_id: { open_id: open(name) }, sender_type: 'user' },
      message: {
        message_id: `om_sel_${seq}`,
        chat_id: `oc_${name}`,
        chat_type: 'p2p',
        message_type: 'text',
        content: JSON.stringify({ text }),
      },
    },
  });
  await w.bot.router.idle();
}

/** A click or form submit by `name`; resolves to the callback answer. */
export async function click(
  w: World,
  name: string,
  value: Record<string, unknown>,
  formValue?: Record<string, unknown>,
) {
  seq++;
  const res = await w.bot.router.handle({
    eventId: `ev_sel_act_${seq}`,
    type: 'card.action.trigger',
    event: {
      operator: { open_id: open(name) },
      token: `tok_${seq}`,
      action: { tag: 'button', value, form_value: formValue },
      context: { open_message_id: `om_card_${seq}`, open_chat_id: `oc_${name}` },
    },
  });
  await w.bot.router.idle();
  return res as { toast?: { type: string; content: string }; card?: { data: any } };
}

/** Outbox rows, oldest first, newer than `afterId`. */
export async function sentSince(w: World, afterId = 0) {
  const rows = await w.db.select().from(outbox).orderBy(outbox.id);
  return rows.filter((r) => r.id > afterId);
}

export async function lastOutboxId(w: World) {
  return (await sentSince(w)).at(-1)?.id ?? 0;
}

/** Cards sent to `name` since `afterId`. */
export async function cardsTo(w: World, name: string, afterId = 0) {
  return (await sentSince(w, afterId)).filter((r) => r.target === open(name) || r.target.startsWith('om_sel_'));
}

/** Every `{a: ...}` button value of a card. */
export function buttons(card: unknown): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  const walk = (x: any) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x && typeof x === 'object') {
      if (x.tag === 'button' && x.value?.a) out.push(x.value);
      Object.values(x).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export const text = (card: unknown) => JSON.stringify(card);

export const REC_TEXT = {
  reason: '政治素质好，工作扎实肯干',
  achievements: '牵头完成全县教育信息化项目',
  evaluation: '群众公认，领导班子评价较高',
};

/** Puts `person` on the pool through the real path: recommendations by `by` (submitter → list), then acceptance. */
export async function intoPool(
  w: World,
  person: string,
  by: [submitter: string, list: 'A' | 'B' | 'C'][],
  tier: 'near_term' | 'mid_term' | 'long_term',
) {
  let first = 0;
  for (const [submitter, list] of by) {
    const r = await recommender(w.bot.deps, w.p[submitter]);
    const basis = list === 'C' ? '平时考核' : undefined;
    const { id } = await submitRecommendation(w.bot.deps, r, { list, personId: w.p[person], ...REC_TEXT, basis });
    first ||= id;
  }
  const res = await acceptRecommendation(w.bot.deps, w.p.林组织, first, tier);
  return res.entryId;
}

/** An xlsx with `header` in row 1 (or after a title row) and `rows` below. */
export async function xlsx(header: string[], rows: (string | number | null)[][], title?: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核结果');
  if (title) ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
