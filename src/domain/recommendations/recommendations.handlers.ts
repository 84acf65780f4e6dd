import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import type { Deps } from '../../deps.js';
import { conflict, forbidden } from '../../errors.js';
import { mdText } from '../../feishu/cards/atoms.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { localDate } from '../../time.js';
import { loadActor } from '../org/org.access.js';
import { adminCountyIds } from '../org/org.admins.js';
import { audit } from '../org/org.audit.js';
import {
  candidatesCard,
  formCard,
  newPersonCard,
  personLine,
  startCard,
  submittedCard,
} from './recommendations.cards.js';
import { recommendationsJobs } from './recommendations.jobs.js';
import { submitWithNewPerson } from './recommendations.newperson.js';
import { currentRecsOf, pendingPage, unitsInScope } from './recommendations.queries.js';
import { recommendationsDigest, recommendationsReport } from './recommendations.report.js';
import { pendingCard, reviewCard } from './recommendations.review.cards.js';
import { acceptRecommendation, declineRecommendation, reviewable } from './recommendations.review.js';
import { LIST_ROLE } from './recommendations.rules.js';
import * as S from './recommendations.schemas.js';
import {
  checkedCandidate,
  duplicateMessage,
  recommender,
  searchForRecommend,
  submitRecommendation,
} from './recommendations.service.js';

const PAGE = 8;

async function pendingCardFor(deps: Deps, personId: number, page: number) {
  const actor = await loadActor(deps.db, personId, today(deps));
  const counties = await adminCountyIds(deps.db, actor);
  if (counties !== null && counties.length === 0) throw forbidden('推荐审核仅限组织部门');
  const res = await pendingPage(deps.db, counties, page, PAGE);
  const items = res.items.map((i) => ({ ...i, createdOn: localDate(i.createdAt, deps.config.timezone) }));
  return pendingCard(items, res.total, page, PAGE);
}

function registerSubmit(router: Router, deps: Deps) {
  router.command(
    ['推荐'],
    personal(deps, async (ctx) => {
      const r = await recommender(deps, ctx.actor.personId);
      if (!ctx.args || r.lists.length > 1) return ctx.reply(startCard(r.lists, deps.config.youngCadreLabel, ctx.args));
      const { rows, more } = await searchForRecommend(deps, r, r.lists[0], ctx.args);
      const existing = await currentRecsOf(
        deps.db,
        rows.map((x) => x.id),
      );
      await ctx.reply(candidatesCard(r.lists[0], rows, existing, r.today, more, deps.config.youngCadreLabel));
    }),
    '推荐优秀年轻干部（三张清单）',
  );
  router.action('recommendations.start', z.object({}), async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    ctx.ack({ card: { type: 'raw', data: startCard(r.lists, deps.config.youngCadreLabel) } });
  });
  router.action('recommendations.search', S.searchSchema, async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    const { rows, more } = await searchForRecommend(deps, r, ctx.value.list, ctx.value.q);
    const existing = await currentRecsOf(
      deps.db,
      rows.map((x) => x.id),
    );
    ctx.ack({
      card: {
        type: 'raw',
        data: candidatesCard(ctx.value.list, rows, existing, r.today, more, deps.config.youngCadreLabel),
      },
    });
  });
  router.action('recommendations.form', S.formSchema, async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    const cand = await checkedCandidate(deps, r, ctx.value.list, ctx.value.personId, ctx.eventId);
    // Refused before the form is filled in, not after.
    const dup = await duplicateMessage(deps.db, cand.id, ctx.value.list, deps.config.timezone);
    if (dup) throw conflict(dup);
    // The form shows the candidate's name, age, education and unit: a view of personal data.
    await audit(deps.db, deps.clock.now(), {
      actorPersonId: ctx.actor.personId,
      action: 'person.view',
      entity: 'person',
      entityId: cand.id,
      eventId: ctx.eventId,
      detail: { via: 'recommendation.form', list: ctx.value.list },
    });
    const onLists = await currentRecsOf(deps.db, [cand.id]);
    ctx.ack({ card: { type: 'raw', data: formCard(ctx.value.list, cand, r.today, onLists) } });
  });
  router.action('recommendations.submit', S.submitSchema, async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    const { candidate } = await submitRecommendation(deps, r, ctx.value, ctx.eventId);
    const lists = (await currentRecsOf(deps.db, [candidate.id])).map((x) => x.list);
    const card = submittedCard(ctx.value.list, personLine(candidate, r.today), lists);
    ctx.ack({ toast: { type: 'success', content: '推荐已提交' }, card: { type: 'raw', data: card } });
  });
}

function registerNewPerson(router: Router, deps: Deps) {
  router.action('recommendations.newPerson', S.listOnly, async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    if (!r.lists.includes(ctx.value.list)) throw forbidden('您不能提交该清单的推荐');
    const units = await unitsInScope(deps.db, r.grants, ctx.value.list);
    const options = units.map((u) => ({ label: u.name, value: String(u.id) }));
    ctx.ack({ card: { type: 'raw', data: newPersonCard(ctx.value.list, options) } });
  });
  router.action('recommendations.submitNew', S.newPersonSchema, async (ctx) => {
    const r = await recommender(deps, ctx.actor.personId);
    const { list, name, idNumber, education, unitId, position, mobile, ...text } = ctx.value;
    await submitWithNewPerson(
      deps,
      r,
      list,
      { name, idNumber, education, unitId, position, mobile },
      text,
      ctx.eventId,
    );
    const card = submittedCard(list, `**${mdText(name)}**（新登记）`, [list]);
    ctx.ack({ toast: { type: 'success', content: '已登记并提交推荐' }, card: { type: 'raw', data: card } });
  });
}

function registerReview(router: Router, deps: Deps) {
  router.command(
    ['推荐审核', '审核推荐'],
    personal(deps, async (ctx) => ctx.reply(await pendingCardFor(deps, ctx.actor.personId, 0))),
    '组织部门审核待入库的推荐',
  );
  router.action('recommendations.pending', S.pageSchema, async (ctx) => {
    ctx.ack({ card: { type: 'raw', data: await pendingCardFor(deps, ctx.actor.personId, ctx.value.page) } });
  });
  router.action('recommendations.review', S.reviewSchema, async (ctx) => {
    const { view, today: on } = await reviewable(deps, ctx.actor.personId, ctx.value.id);
    ctx.ack({ card: { type: 'raw', data: reviewCard(view, on) } });
  });
  router.action('recommendations.accept', S.acceptSchema, async (ctx) => {
    const res = await acceptRecommendation(deps, ctx.actor.personId, ctx.value.id, ctx.value.tier, ctx.eventId);
    const { view, today: on } = await reviewable(deps, ctx.actor.personId, ctx.value.id);
    const toast = res.created ? `已入库（${res.lists.join('、')}清单）` : '已并入该同志的资源库记录';
    ctx.ack({ toast: { type: 'success', content: toast }, card: { type: 'raw', data: reviewCard(view, on) } });
  });
  router.action('recommendations.decline', S.declineSchema, async (ctx) => {
    await declineRecommendation(deps, ctx.actor.personId, ctx.value.id, ctx.value.declineReason, ctx.eventId);
    const { view, today: on } = await reviewable(deps, ctx.actor.personId, ctx.value.id);
    ctx.ack({
      toast: { type: 'success', content: '已不予入库，并通知推荐人' },
      card: { type: 'raw', data: reviewCard(view, on) },
    });
  });
}

/** 推荐 (three lists) and 推荐审核 (org_admin review into the pool). */
export const recommendationsCapability: Capability = {
  name: 'recommendations',
  help: [
    { command: '推荐', group: '选', roles: Object.values(LIST_ROLE), button: true },
    { command: '推荐审核', group: '选', roles: ['org_admin'], button: true },
  ],
  register(router, deps) {
    registerSubmit(router, deps);
    registerNewPerson(router, deps);
    registerReview(router, deps);
  },
  jobs: (deps) => recommendationsJobs(deps),
  report: recommendationsReport,
  digest: recommendationsDigest,
};
