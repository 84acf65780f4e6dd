import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { people } from '../../db/schema/org.js';
import type { Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { ANY_ROLE } from '../help/help.types.js';
import { addScopeRule, hasRole, loadActor } from '../org/org.access.js';
import { addXlsxImport, sendProblemList } from '../org/org.upload.js';
import { importReportCard, myPairsCard, overviewCard, pairedCard, pickMentorCard } from './mentoring.cards.js';
import { registerMentoringLedger } from './mentoring.exports.js';
import { importPairs } from './mentoring.import.js';
import { countEligible, eligiblePeople, livePairOf, livePairs, mentorCandidates } from './mentoring.queries.js';
import { mentoringReport } from './mentoring.report.js';
import { eligibilityReasons } from './mentoring.rules.js';
import { assertOrgAdmin, endPair, pair } from './mentoring.service.js';
import { headerOf, isMentoringHeader, sheetRows } from './mentoring.xlsx.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);

async function overview(deps: Deps, filter?: string) {
  const day = today(deps);
  const maxAge = deps.config.youngCadreMaxAge;
  const [eligible, unpaired, pairs, flagged, list] = await Promise.all([
    countEligible(deps.db, day, maxAge),
    countEligible(deps.db, day, maxAge, true),
    livePairs(deps.db, day),
    livePairs(deps.db, day, { flaggedOnly: true, limit: 50 }),
    eligiblePeople(deps.db, day, maxAge, { unpairedOnly: true, name: filter || undefined, limit: 100 }),
  ]);
  const candidates = list.map((p) => ({
    id: p.id,
    name: p.name,
    unitName: p.unitName,
    reasons: eligibilityReasons(p, day, maxAge),
  }));
  return overviewCard(
    { eligible, unpaired, pairs: pairs.length, flagged, candidates, filter },
    deps.config.youngCadreLabel,
  );
}

async function pickCard(deps: Deps, menteeId: number) {
  const day = today(deps);
  const [mentee] = await eligiblePeople(deps.db, day, deps.config.youngCadreMaxAge, { limit: 1, ids: [menteeId] });
  if (!mentee) throw invalid('该干部不在结对帮带范围内');
  const live = await livePairOf(deps.db, menteeId);
  const current = live ? (await livePairs(deps.db, day, { menteeId }))[0]?.mentorName : undefined;
  const mentors = (await mentorCandidates(deps.db, menteeId, day)).filter((m) => m.id !== live?.mentorPersonId);
  const reasons = eligibilityReasons(mentee, day, deps.config.youngCadreMaxAge);
  return pickMentorCard({
    mentee: { id: mentee.id, name: mentee.name, unitName: mentee.unitName, reasons },
    currentMentor: current,
    mentors,
    today: day,
  });
}

function registerActions(router: Router, deps: Deps) {
  router.action(
    'mentoring.pick',
    z.object({ m: id('请选择帮带对象').optional(), mentee: id('请选择帮带对象').optional() }),
    async (ctx) => {
      await assertOrgAdmin(deps, ctx.actor.personId);
      const menteeId = ctx.value.mentee ?? ctx.value.m;
      if (!menteeId) throw invalid('请选择帮带对象');
      ctx.ack({ card: { type: 'raw', data: await pickCard(deps, menteeId) } });
    },
  );
  const PairSchema = z.object({
    m: id('帮带对象有误'),
    mentor: id('请选择导师'),
    start: z.string({ message: '请选择开始日期' }).transform((s) => s.trim().slice(0, 10)),
    plan: z.string().max(1000, '帮带计划请控制在 1000 字以内').optional(),
  });
  router.action('mentoring.pair', PairSchema, async (ctx) => {
    const v = ctx.value;
    const input = { mentorId: v.mentor, menteeId: v.m, startDate: v.start, plan: v.plan?.trim() || null };
    await pair(deps, ctx.actor.personId, input, ctx.eventId);
    const [view] = await livePairs(deps.db, today(deps), { menteeId: v.m });
    if (!view) throw notFound('结对已保存，但未能读取结对信息');
    ctx.ack({ toast: { type: 'success', content: '结对成功' }, card: { type: 'raw', data: pairedCard(view) } });
  });
  router.action('mentoring.end', z.object({ p: id('结对编号有误') }), async (ctx) => {
    await endPair(deps, ctx.actor.personId, ctx.value.p, ctx.eventId);
    ctx.ack({ toast: { type: 'success', content: '已解除结对' }, card: { type: 'raw', data: await overview(deps) } });
  });
}

function registerImport(router: Router, deps: Deps) {
  addXlsxImport(router, deps, {
    label: '结对帮带',
    entity: 'mentoring_pair',
    recognise: (book) => !!book.worksheets[0] && isMentoringHeader(headerOf(book.worksheets[0])),
    run: async (ctx, book) => {
      const result = await importPairs(deps, ctx.actor.personId, sheetRows(book.worksheets[0]), {
        eventId: ctx.eventId,
        fileName: ctx.fileName,
      });
      await ctx.reply(importReportCard(ctx.fileName, result));
      await sendProblemList(
        deps,
        ctx,
        result.errors.map((e) => ({ row: e.line, message: e.message })),
      );
    },
  });
}

/** 结对帮带: eligibility, pairing by card or xlsx, reassignment when a mentor leaves the post. */
export const mentoringCapability: Capability = {
  name: 'mentoring',
  // Mentors and mentees (any cadre) see their own pairs; the organization department assigns.
  help: [{ command: '结对', group: '育', roles: ANY_ROLE }],
  register(router, deps) {
    // A mentor may view his mentees' profiles.
    addScopeRule(
      'mentoring.mentees',
      (actor, on) =>
        sql`${people.id} in (select mentee_person_id from mentoring_pairs where mentor_person_id = ${actor.personId}
        and start_date <= ${on.onDate} and (end_date is null or end_date > ${on.onDate}))`,
    );
    router.command(
      ['结对', '结对帮带'],
      personal(deps, async (ctx) => {
        const actor = await loadActor(deps.db, ctx.actor.personId, today(deps));
        if (hasRole(actor, 'org_admin')) return ctx.reply(await overview(deps, ctx.args));
        const day = today(deps);
        const [asMentor, asMentee] = await Promise.all([
          livePairs(deps.db, day, { mentorId: actor.personId }),
          livePairs(deps.db, day, { menteeId: actor.personId }),
        ]);
        await ctx.reply(myPairsCard(asMentor, asMentee));
      }),
      '结对帮带：查看帮带关系；组织部门指定导师（可加姓名查找）',
    );
    registerActions(router, deps);
    registerImport(router, deps);
    registerMentoringLedger(deps);
  },
  report: mentoringReport,
};
