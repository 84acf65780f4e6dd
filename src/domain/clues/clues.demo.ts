/**
 * The demo county's problem clues (after org, pool and talks): clues in every step, some overdue, reported by
 * the discipline liaison persona and handled by the org_admin persona; the leaders are each cadre's deputy
 * supervisor (who owes them talks). Deterministic: cadres in id order; dates counted back in workdays.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { today } from '../../clock.js';
import { stamps } from '../../db/schema/_columns.js';
import { clueAttachments, clueEvents, clues } from '../../db/schema/clues.js';
import { deputySupervisions, people, units } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { DEMO_PERSONAS } from '../org/demo/personas.js';
import { youngBirthCutoff } from '../org/org.rules.js';
import { loadCalendar } from '../talks/talks.calendar.queries.js';
import { DEMO_COUNTY_CODE } from '../talks/talks.demo.js';
import { dueFor, subWorkdays } from './clues.rules.js';
import type { ClueFinding, ClueSeverity, ClueSource, ClueStep, OpenStep } from './clues.vocab.js';

interface DemoClue {
  source: ClueSource;
  severity: ClueSeverity;
  summary: string;
  /** Workdays ago the clue was reported, and ago its current step started. */
  reportedAgo: number;
  stepAgo: number;
  step: ClueStep;
  finding?: ClueFinding;
}

const DEMO: DemoClue[] = [
  {
    source: 'petition',
    severity: 'minor',
    summary: '群众反映办事推诿、态度生硬',
    reportedAgo: 1,
    stepAgo: 1,
    step: 'reported',
  },
  {
    source: 'discipline',
    severity: 'serious',
    summary: '违规接受管理服务对象宴请',
    reportedAgo: 6,
    stepAgo: 6,
    step: 'reported',
  },
  {
    source: 'inspection',
    severity: 'minor',
    summary: '巡察发现工作台账弄虚作假',
    reportedAgo: 8,
    stepAgo: 2,
    step: 'reminding',
  },
  {
    source: 'petition',
    severity: 'minor',
    summary: '上班时间多次脱岗',
    reportedAgo: 15,
    stepAgo: 9,
    step: 'reminding',
  },
  {
    source: 'audit',
    severity: 'minor',
    summary: '审计发现项目资金拨付手续不全',
    reportedAgo: 20,
    stepAgo: 6,
    step: 'correcting',
  },
  {
    source: 'discipline',
    severity: 'minor',
    summary: '公车使用登记不规范',
    reportedAgo: 40,
    stepAgo: 8,
    step: 'closing',
  },
  {
    source: 'petition',
    severity: 'minor',
    summary: '群众反映处理信访事项拖延',
    reportedAgo: 60,
    stepAgo: 20,
    step: 'closed',
    finding: 'partly',
  },
  {
    source: 'other',
    severity: 'minor',
    summary: '匿名反映参与赌博',
    reportedAgo: 70,
    stepAgo: 30,
    step: 'closed',
    finding: 'unfounded',
  },
  {
    source: 'inspection',
    severity: 'serious',
    summary: '落实安全生产检查走过场',
    reportedAgo: 90,
    stepAgo: 40,
    step: 'closed',
    finding: 'substantiated',
  },
  {
    source: 'other',
    severity: 'minor',
    summary: '反映事项不属于年轻干部管理范围',
    reportedAgo: 10,
    stepAgo: 9,
    step: 'returned',
  },
];

const ORDER: ClueStep[] = ['reported', 'reminding', 'correcting', 'closing', 'closed'];
const ACTION: Record<ClueStep, 'accept' | 'talk' | 'correct' | 'close' | 'return'> = {
  reported: 'accept',
  reminding: 'accept',
  correcting: 'talk',
  closing: 'correct',
  closed: 'close',
  returned: 'return',
};

export async function seedDemoClues(deps: Deps): Promise<string[]> {
  const db = deps.db;
  const [county] = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, DEMO_COUNTY_CODE), eq(units.kind, 'county')));
  if (!county) return [];
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(clues)
    .where(eq(clues.countyId, county.id));
  if (Number(existing.n) > 0) return ['问题线索：已有线索，未生成演示数据。'];
  const day = today(deps);
  const byName = async (name: string) => {
    const [p] = await db
      .select({ id: people.id })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(and(eq(people.name, name), eq(units.countyId, county.id)));
    return p?.id ?? null;
  };
  const reporter = await byName(DEMO_PERSONAS.disciplineLiaison.name);
  const admin = await byName(DEMO_PERSONAS.orgAdmin.name);
  if (reporter === null || admin === null) return [];
  const keep = await byName(DEMO_PERSONAS.youngCadre.name);
  const pairs = await db
    .select({ cadre: deputySupervisions.cadrePersonId, deputy: deputySupervisions.deputyPersonId })
    .from(deputySupervisions)
    .innerJoin(people, eq(people.id, deputySupervisions.cadrePersonId))
    .innerJoin(units, eq(units.id, people.unitId))
    .where(
      and(
        eq(units.countyId, county.id),
        eq(people.active, true),
        gt(people.birthDate, youngBirthCutoff(day, deps.config.youngCadreMaxAge)),
        sql`${deputySupervisions.startDate} <= ${day}`,
        or(isNull(deputySupervisions.endDate), gt(deputySupervisions.endDate, day)),
        keep === null ? undefined : ne(people.id, keep),
      ),
    )
    .orderBy(asc(people.id))
    .limit(200);
  const seen = new Set<number>();
  const chosen = pairs
    .filter((p) => {
      if (seen.has(p.cadre)) return false;
      seen.add(p.cadre);
      return true;
    })
    .filter((_, i) => i % 7 === 3);
  if (chosen.length < DEMO.length) return [];
  const cal = await loadCalendar(db);
  const at = deps.clock.now();
  for (const [i, d] of DEMO.entries()) {
    const { cadre, deputy } = chosen[i];
    const reportedOn = subWorkdays(cal, day, d.reportedAgo);
    const stepSince = subWorkdays(cal, day, d.stepAgo);
    const open = d.step !== 'closed' && d.step !== 'returned';
    const [row] = await db
      .insert(clues)
      .values({
        countyId: county.id,
        cadrePersonId: cadre,
        source: d.source,
        severity: d.severity,
        summary: d.summary,
        evidence: d.source === 'other' ? null : `${d.summary}（来信/报告材料）`,
        reporterPersonId: reporter,
        reportedOn,
        step: d.step,
        stepSince,
        dueOn: open ? dueFor(cal, d.step as OpenStep, stepSince) : null,
        leaderPersonId: d.step === 'reported' || d.step === 'returned' ? null : deputy,
        correction: ['closing', 'closed'].includes(d.step) ? '已作出书面检查并整改到位' : null,
        finding: d.finding ?? null,
        handling: d.finding ? (d.finding === 'unfounded' ? '经核查不属实，予以澄清' : '批评教育，责令整改') : null,
        returnReason: d.step === 'returned' ? '不属于年轻干部问题线索' : null,
        closedOn: open ? null : stepSince,
        ...stamps(at),
      })
      .returning({ id: clues.id });
    // The discipline commission's clues come with a (fictional) evidence attachment 证据附件.
    if (d.source === 'discipline') {
      const data = Buffer.from(`（演示用虚构材料）\n${d.summary}\n报送日期：${reportedOn}\n`, 'utf8');
      await db.insert(clueAttachments).values({
        clueId: row.id,
        fileName: '线索材料（演示）.txt',
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
        uploadedByPersonId: reporter,
        uploadedAt: new Date(`${reportedOn}T10:30:00+08:00`),
        dataBase64: data.toString('base64'),
      });
    }
    // Each step dated between the report and the current step's start (the demo's history, not today).
    const dated = (k: number, n: number) =>
      new Date(`${k === n ? stepSince : subWorkdays(cal, day, Math.max(d.stepAgo, d.reportedAgo - k))}T10:00:00+08:00`);
    const steps = d.step === 'returned' ? (['returned'] as ClueStep[]) : ORDER.slice(1, ORDER.indexOf(d.step) + 1);
    const events = [
      {
        action: 'report' as const,
        fromStep: null,
        toStep: 'reported' as ClueStep,
        actorPersonId: reporter,
        note: null,
      },
      ...steps.map((s, k) => ({
        action: ACTION[s],
        fromStep: k === 0 ? ('reported' as ClueStep) : steps[k - 1],
        toStep: s,
        actorPersonId: s === 'correcting' || s === 'closing' ? deputy : admin,
        note: null,
      })),
    ];
    await db.insert(clueEvents).values(
      events.map((e, k) => ({
        ...e,
        clueId: row.id,
        at: k === 0 ? new Date(`${reportedOn}T10:00:00+08:00`) : dated(k, events.length - 1),
      })),
    );
  }
  const overdue = DEMO.filter((d) => {
    const open = d.step !== 'closed' && d.step !== 'returned';
    return open && day > dueFor(cal, d.step as OpenStep, subWorkdays(cal, day, d.stepAgo));
  }).length;
  return [`问题线索（示范县）：${DEMO.length} 件，覆盖报送、受理、提醒、纠正、办结各环节，其中超期 ${overdue} 件。`];
}
