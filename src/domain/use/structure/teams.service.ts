/** 班子结构: access check, the structure on a date, the forecast, the what-if, the export and the daily check. */
import { and, eq, ne, sql } from 'drizzle-orm';
import { today } from '../../../clock.js';
import { youngBound, youngLabel } from '../../../config.js';
import { people } from '../../../db/schema/org.js';
import { poolEntries } from '../../../db/schema/pool.js';
import { useWarningLedger } from '../../../db/schema/use.js';
import type { Deps } from '../../../deps.js';
import { forbidden, invalid, notFound } from '../../../errors.js';
import { enqueue } from '../../../feishu/outbox.js';
import { localDate } from '../../../time.js';
import { addSafeRows, newWorkbook, workbookBuffer } from '../../../xlsx/xlsx.write.js';
import { type ActorContext, loadActor } from '../../org/org.access.js';
import { adminCountyIds, orgAdminsOf } from '../../org/org.admins.js';
import { audit } from '../../org/org.audit.js';
import { warningCard } from './teams.cards.js';
import { countiesWithTownships, countyName, memberOf, TEAM_KINDS, teamsOfCounties, teamsOn } from './teams.queries.js';
import {
  type AgeBounds,
  addMeasures,
  addMonths,
  breakKey,
  breakText,
  EMPTY_MEASURES,
  type ForecastPoint,
  forecast,
  type Measures,
  measure,
  type RuleBreak,
  ruleBreaks,
  structureRules,
  type Team,
  withMember,
} from './teams.rules.js';

export function ageBounds(deps: Pick<Deps, 'config'>): AgeBounds {
  return { young: deps.config.youngCadreMaxAge, under30: youngBound(30, deps.config.youngCadreAgeRule) };
}

export function ageLabels(deps: Pick<Deps, 'config'>) {
  return { young: deps.config.youngCadreLabel, under30: youngLabel(30, deps.config.youngCadreAgeRule) };
}

/** The county an org_admin works for (his own unit's county; a deployment-wide grant too). */
export async function adminCounty(
  deps: Deps,
  actorPersonId: number,
  refusal = '班子结构仅限组织部门查看',
): Promise<{ actor: ActorContext; countyId: number }> {
  const actor = await loadActor(deps.db, actorPersonId, today(deps));
  const counties = await adminCountyIds(deps.db, actor);
  if (counties !== null && counties.length === 0) throw forbidden(refusal);
  const countyId =
    counties === null || (actor.countyId !== null && counties.includes(actor.countyId)) ? actor.countyId : counties[0];
  if (countyId === null) throw notFound('未找到您所在的县');
  return { actor, countyId };
}

export interface TeamRow {
  unitId: number;
  unitName: string;
  kind: string;
  measures: Measures;
}

export interface StructureView {
  countyId: number;
  countyName: string;
  on: string;
  teams: TeamRow[];
  township: Measures;
  department: Measures;
  breaks: RuleBreak[];
  until: string;
}

/** The structure of a county's teams on `on`, and the rules that break by `on` + warnMonths. */
export async function structureOf(deps: Deps, countyId: number, on: string): Promise<StructureView & { raw: Team[] }> {
  const bounds = ageBounds(deps);
  const [raw, name] = await Promise.all([teamsOn(deps.db, countyId, on, TEAM_KINDS), countyName(deps.db, countyId)]);
  return { ...summarise(deps, raw, on, bounds, name, countyId), raw };
}

/** Every county with townships on `on`: the same views as structureOf, from one set-based read for all. */
export async function structuresOn(deps: Deps, on: string): Promise<(StructureView & { raw: Team[] })[]> {
  const counties = await countiesWithTownships(deps.db);
  const teams = await teamsOfCounties(
    deps.db,
    counties.map((c) => c.id),
    on,
    TEAM_KINDS,
  );
  const bounds = ageBounds(deps);
  return counties.map((c) => {
    const raw = teams.get(c.id) ?? [];
    return { ...summarise(deps, raw, on, bounds, c.name, c.id), raw };
  });
}

function summarise(deps: Deps, raw: Team[], on: string, bounds: AgeBounds, name: string, countyId: number) {
  const teams = raw.map((t) => ({
    unitId: t.unitId,
    unitName: t.unitName,
    kind: t.kind,
    measures: measure(t.members, on, bounds),
  }));
  const sum = (kind: string) =>
    teams.filter((t) => t.kind === kind).reduce((a, t) => addMeasures(a, t.measures), { ...EMPTY_MEASURES });
  const until = addMonths(on, deps.config.structure.warnMonths);
  const breaks = ruleBreaks(structureRules(deps.config.structure), raw, on, until, bounds, name);
  return {
    countyId,
    countyName: name,
    on,
    teams,
    township: sum('township'),
    department: sum('county_department'),
    breaks,
    until,
  };
}

/** `班子 [日期]`: org_admin only, audited (the card names members in its warnings). */
export async function viewStructure(deps: Deps, actorPersonId: number, on: string | null, eventId?: string) {
  const { actor, countyId } = await adminCounty(deps, actorPersonId);
  const day = on ?? today(deps);
  const view = await structureOf(deps, countyId, day);
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: 'use.structure.view',
    entity: 'county',
    entityId: countyId,
    eventId,
    detail: { on: day },
  });
  return view;
}

export interface ForecastView {
  countyName: string;
  on: string;
  points: ForecastPoint[];
  breaks: RuleBreak[];
}

/** `班子 预测`: the next warnMonths months, birthdays only. */
export async function viewForecast(deps: Deps, actorPersonId: number, eventId?: string): Promise<ForecastView> {
  const { actor, countyId } = await adminCounty(deps, actorPersonId);
  const on = today(deps);
  const view = await structureOf(deps, countyId, on);
  const points = forecast(
    view.raw,
    on,
    deps.config.structure.warnMonths,
    ageBounds(deps),
    deps.config.structure.minYoungPerTownship,
  );
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: 'use.structure.forecast',
    entity: 'county',
    entityId: countyId,
    eventId,
  });
  return { countyName: view.countyName, on, points, breaks: view.breaks };
}

export interface WhatIfView {
  cadre: string;
  unitName: string;
  on: string;
  before: { team: Measures; county: Measures; breaks: RuleBreak[] };
  after: { team: Measures; county: Measures; breaks: RuleBreak[] };
}

/** What-if: a cadre (from the pool) placed into a team — structure and rules before and after. */
export async function whatIf(deps: Deps, actorPersonId: number, personId: number, unitId: number, eventId?: string) {
  const { actor, countyId } = await adminCounty(deps, actorPersonId);
  const on = today(deps);
  const cadre = await memberOf(deps.db, personId);
  if (!cadre || cadre.countyId !== countyId) throw invalid('请选择本县资源库中的干部');
  const bounds = ageBounds(deps);
  const view = await structureOf(deps, countyId, on);
  const team = view.raw.find((t) => t.unitId === unitId);
  if (!team) throw invalid('请选择本县的乡镇或部门班子');
  const moved = withMember(view.raw, unitId, cadre);
  const after = summarise(deps, moved, on, bounds, view.countyName, countyId);
  const teamAfter = after.teams.find((t) => t.unitId === unitId)!;
  const teamBefore = view.teams.find((t) => t.unitId === unitId)!;
  await audit(deps.db, deps.clock.now(), {
    actorPersonId: actor.personId,
    action: 'use.structure.whatif',
    entity: 'person',
    entityId: personId,
    eventId,
    detail: { unitId },
  });
  return {
    cadre: cadre.name,
    unitName: team.unitName,
    on,
    before: { team: teamBefore.measures, county: view.township, breaks: view.breaks },
    after: { team: teamAfter.measures, county: after.township, breaks: after.breaks },
  } satisfies WhatIfView;
}

/** Pool cadres (live entries) of the county for the what-if picker. */
export async function poolCadres(deps: Deps, countyId: number, limit = 100) {
  return deps.db
    .select({ id: people.id, name: people.name })
    .from(poolEntries)
    .innerJoin(people, eq(people.id, poolEntries.personId))
    .where(
      and(
        ne(poolEntries.status, 'exited'),
        eq(people.active, true),
        sql`${people.unitId} in (select id from units where county_id = ${countyId})`,
      ),
    )
    .orderBy(people.pinyin, people.id)
    .limit(limit);
}

export const MEASURE_COLUMNS: [keyof Measures, string][] = [
  ['size', '班子人数'],
  ['young', '35岁以下'],
  ['under30', '30岁以下'],
  ['post90', '90后'],
  ['townshipExperience', '2年以上乡镇经历'],
  ['women', '女性'],
  ['degree', '大学及以上'],
  ['postgraduate', '研究生'],
];

/** `导出 班子结构`: one sheet per team kind, county totals, and the rule warnings. */
export async function exportStructure(deps: Deps, actorPersonId: number, eventId?: string) {
  const view = await viewStructure(deps, actorPersonId, null, eventId);
  const labels = ageLabels(deps);
  const heads = MEASURE_COLUMNS.map(([k, l]) => (k === 'young' ? labels.young : k === 'under30' ? labels.under30 : l));
  const wb = await newWorkbook();
  const ws = wb.addWorksheet('班子结构');
  addSafeRows(ws, [
    ['单位', '类别', ...heads],
    ...view.teams.map((t) => [
      t.unitName,
      t.kind === 'township' ? '乡镇' : '县直部门',
      ...MEASURE_COLUMNS.map(([k]) => t.measures[k]),
    ]),
    ['乡镇合计', '', ...MEASURE_COLUMNS.map(([k]) => view.township[k])],
    ['县直部门合计', '', ...MEASURE_COLUMNS.map(([k]) => view.department[k])],
  ]);
  const rules = wb.addWorksheet('规则预警');
  addSafeRows(rules, [['预警'], ...view.breaks.map((b) => [breakText(b, labels, view.on)])]);
  return { data: await workbookBuffer(wb), fileName: `班子结构_${view.on}.xlsx`, view };
}

/**
 * The daily check (job `use.structure-check`): for every county, the rule breaks within warnMonths; each
 * reachable org_admin of the county gets one warning card a day (ledger), only when there are breaks.
 */
export async function checkStructure(
  deps: Deps,
  firedAt: Date,
): Promise<{ counties: number; breaks: number; sent: number }> {
  const on = localDate(firedAt, deps.config.timezone);
  let breaks = 0;
  let sent = 0;
  const views = await structuresOn(deps, on);
  for (const view of views) {
    if (view.breaks.length === 0) continue;
    breaks += view.breaks.length;
    const keys = view.breaks.map(breakKey);
    const card = warningCard(view, ageLabels(deps));
    for (const admin of await orgAdminsOf(deps.db, view.countyId)) {
      const ok = await deps.db.transaction(async (tx) => {
        const inserted = await tx
          .insert(useWarningLedger)
          .values({ recipient: `person:${admin.personId}`, localDate: on, keys, sentAt: firedAt })
          .onConflictDoNothing()
          .returning({ id: useWarningLedger.id });
        if (inserted.length === 0) return false;
        await enqueue(tx, { kind: 'send', to: { openId: admin.openId }, card });
        return true;
      });
      if (ok) sent++;
    }
  }
  if (sent > 0) deps.outboxWake();
  return { counties: views.length, breaks, sent };
}

/**
 * After a change of posts written by 用 (a 提拔 import or a 提拔登记 with a team post): the county's rules checked
 * at once. Each reachable org_admin gets the warning card when a break is found that today's card (from the
 * daily check or an earlier change) did not name; the ledger row of the day then names every break sent.
 */
export async function checkStructureAfterChange(
  deps: Deps,
  countyId: number,
): Promise<{ breaks: number; sent: number }> {
  const at = deps.clock.now();
  const on = localDate(at, deps.config.timezone);
  const view = await structureOf(deps, countyId, on);
  if (view.breaks.length === 0) return { breaks: 0, sent: 0 };
  const keys = view.breaks.map(breakKey);
  const card = warningCard(view, ageLabels(deps));
  let sent = 0;
  for (const admin of await orgAdminsOf(deps.db, countyId)) {
    const recipient = `person:${admin.personId}`;
    const ok = await deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ id: useWarningLedger.id, keys: useWarningLedger.keys })
        .from(useWarningLedger)
        .where(and(eq(useWarningLedger.recipient, recipient), eq(useWarningLedger.localDate, on)))
        .for('update');
      if (row && keys.every((k) => row.keys.includes(k))) return false;
      if (row)
        await tx
          .update(useWarningLedger)
          .set({ keys: [...new Set([...row.keys, ...keys])], sentAt: at })
          .where(eq(useWarningLedger.id, row.id));
      else {
        const inserted = await tx
          .insert(useWarningLedger)
          .values({ recipient, localDate: on, keys, sentAt: at })
          .onConflictDoNothing()
          .returning({ id: useWarningLedger.id });
        if (inserted.length === 0) return false;
      }
      await enqueue(tx, { kind: 'send', to: { openId: admin.openId }, card });
      return true;
    });
    if (ok) sent++;
  }
  if (sent > 0) deps.outboxWake();
  return { breaks: view.breaks.length, sent };
}

/** Digest counts (no names): teams warned, county shares. */
export async function structureDigest(deps: Deps, on: string) {
  const views = await structuresOn(deps, on);
  const lines: string[] = [];
  for (const view of views) {
    const m = view.township;
    const teamBreaks = view.breaks.filter((b) => b.rule.scope === 'team');
    const now = teamBreaks.filter((b) => b.date <= on).length;
    const ahead = teamBreaks.length - now;
    const prefix = views.length > 1 ? `${view.countyName}：` : '';
    lines.push(
      `${prefix}乡镇班子 ${m.size} 人，${deps.config.youngCadreLabel} ${m.young} 人（${pct(m.young, m.size)}%）；缺少年轻成员的班子 ${now} 个，${deps.config.structure.warnMonths} 个月内将缺少的 ${ahead} 个`,
    );
  }
  return lines;
}

const pct = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);
