import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { today } from '../../clock.js';
import { outbox } from '../../db/schema/transport.js';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { Card } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { audit } from '../org/org.audit.js';
import { reportCard, reportFailedCard, reportPendingCard } from './reports.cards.js';
import { reportJobs } from './reports.jobs.js';
import { FORMAT_LABELS, FORMATS, type RenderedFile, renderPartLists, renderReport } from './reports.render.js';
import { CHAPTERS, parsePeriod } from './reports.rules.js';
import { reportViewer } from './reports.scope.js';
import { buildReport, type CapabilityList, type ReportDoc } from './reports.service.js';
import type { ReportPeriod } from './reports.types.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '报告期无效，请重新发送「报告」');

/** A period carried by a card, checked again against today (a forged or stale value is refused). */
function checkPeriod(deps: Deps, period: ReportPeriod): ReportPeriod {
  const checked = parsePeriod(`${period.from} ${period.to}`, today(deps));
  if (typeof checked === 'string') throw invalid(checked);
  return checked;
}

/** Builds the report for the asker now (scope checked against today's data, never the card's values). */
export async function reportFor(deps: Deps, caps: CapabilityList, personId: number, period: ReportPeriod) {
  const viewer = await reportViewer(deps, personId);
  const checked = checkPeriod(deps, period);
  const doc = await buildReport(deps, caps(), checked, viewer.scope, { scopeLabel: viewer.label, asOf: today(deps) });
  return { viewer, doc };
}

/** The message id of the card sent with `ref`, once the outbox has delivered it (waits a few seconds). */
async function sentMessageId(deps: Deps, ref: string): Promise<string | null> {
  const waitMs = deps.config.reports.patchWaitMs;
  for (let waited = 0; ; waited += 100) {
    const [row] = await deps.db
      .select({ id: outbox.messageId })
      .from(outbox)
      .where(and(eq(outbox.ref, ref), isNotNull(outbox.messageId)))
      .limit(1);
    if (row?.id) return row.id;
    if (waited >= waitMs) return null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Replaces the 生成中 card (or sends the card anew when it has not left yet). */
async function update(deps: Deps, ref: string, openId: string, c: Card) {
  const messageId = await sentMessageId(deps, ref);
  await enqueue(deps.db, messageId ? { kind: 'patch', messageId, card: c } : { kind: 'send', to: { openId }, card: c });
  deps.outboxWake();
}

/** Sends a rendered file to the asker's private chat, audited in the same transaction. */
async function sendFile(
  deps: Deps,
  personId: number,
  openId: string,
  doc: ReportDoc,
  file: RenderedFile,
  what: string,
) {
  await deps.db.transaction(async (tx) => {
    await enqueue(tx, { kind: 'file', to: { openId }, fileName: file.fileName, data: file.data });
    if (file.note) await enqueue(tx, { kind: 'send_text', to: { openId }, text: file.note });
    await audit(tx, deps.clock.now(), {
      actorPersonId: personId,
      actorOpenId: openId,
      action: 'report.export',
      entity: 'report',
      detail: { what, from: doc.period.from, to: doc.period.to, scope: doc.scopeLabel },
    });
  });
  deps.outboxWake();
}

function register(router: Router, deps: Deps, caps: CapabilityList) {
  router.command(
    ['报告', '工作进展汇报', '汇报'],
    personal(deps, async (ctx) => {
      const viewer = await reportViewer(deps, ctx.actor.personId);
      const period = parsePeriod(ctx.args, today(deps));
      if (typeof period === 'string') throw invalid(period);
      const ref = `report:${deps.ids.uuid()}`;
      await enqueue(deps.db, {
        kind: 'send',
        to: { openId: ctx.sender.openId },
        card: reportPendingCard(period, viewer.label),
        ref,
      });
      deps.outboxWake();
      let result: Card;
      try {
        const doc = await buildReport(deps, caps(), period, viewer.scope, {
          scopeLabel: viewer.label,
          asOf: today(deps),
        });
        result = reportCard(doc);
        await audit(deps.db, deps.clock.now(), {
          actorPersonId: ctx.actor.personId,
          actorOpenId: ctx.sender.openId,
          action: 'report.view',
          entity: 'report',
          eventId: ctx.eventId,
          detail: { from: period.from, to: period.to, scope: viewer.label },
        });
      } catch (err) {
        deps.log.error({ err }, 'report generation failed');
        result = reportFailedCard('生成过程中出现错误，请稍后重试或联系管理员');
      }
      await update(deps, ref, ctx.sender.openId, result);
    }),
    '工作进展汇报（组织部门看全县，县级领导看联系和分管单位；如「报告 2026」「报告 2026-01-01 2026-06-30」）',
  );

  router.action(
    'reports.download',
    z.object({ from: day, to: day, f: z.enum(FORMATS, { message: '文件格式无效' }) }),
    async (ctx) => {
      await reportViewer(deps, ctx.actor.personId);
      checkPeriod(deps, ctx.value);
      ctx.ack({
        toast: { type: 'info', content: `正在生成 ${FORMAT_LABELS[ctx.value.f]} 文件，完成后发送到与青苗的私聊` },
      });
      const { doc } = await reportFor(deps, caps, ctx.actor.personId, ctx.value);
      const file = await renderReport(doc, ctx.value.f);
      await sendFile(deps, ctx.actor.personId, ctx.operator.openId, doc, file, ctx.value.f);
    },
  );

  router.action(
    'reports.list',
    z.object({ from: day, to: day, c: z.enum(CHAPTERS, { message: '章节无效' }), t: z.string().max(40) }),
    async (ctx) => {
      await reportViewer(deps, ctx.actor.personId);
      checkPeriod(deps, ctx.value);
      ctx.ack({ toast: { type: 'info', content: '正在生成名单（xlsx），完成后发送到与青苗的私聊' } });
      const { doc } = await reportFor(deps, caps, ctx.actor.personId, ctx.value);
      const part = doc.chapters
        .find((c) => c.chapter === ctx.value.c)
        ?.parts.find((p) => p.title === ctx.value.t && p.kept);
      if (!part) {
        await enqueue(deps.db, {
          kind: 'send',
          to: { openId: ctx.operator.openId },
          card: reportFailedCard('该部分已不在报告中'),
        });
        deps.outboxWake();
        return;
      }
      await sendFile(
        deps,
        ctx.actor.personId,
        ctx.operator.openId,
        doc,
        await renderPartLists(doc, part),
        `list:${part.title}`,
      );
    },
  );
}

/**
 * 工作进展汇报 from the capabilities passed in (the bot's list; tests pass an explicit one): `报告`, downloads,
 * the lists behind the figures, and the scheduled pushes (county digest, monthly summary, quarterly report).
 */
export function reportsCapability(caps: CapabilityList): Capability {
  return {
    name: 'reports',
    help: [{ command: '报告', group: '报告', roles: ['org_admin', 'county_leader'], button: true }],
    register: (router, deps) => register(router, deps, caps),
    jobs: (deps) => reportJobs(deps, caps),
  };
}
