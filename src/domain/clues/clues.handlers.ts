import { z } from 'zod';
import type { Capability } from '../../capability.js';
import type { Deps } from '../../deps.js';
import { forbidden, isAppError } from '../../errors.js';
import { md, mdText, notice } from '../../feishu/cards/atoms.js';
import { enqueue } from '../../feishu/outbox.js';
import { personal } from '../../feishu/personal.js';
import type { Router } from '../../feishu/router.js';
import { LEADER_ROLES } from '../help/help.types.js';
import { loadActor } from '../org/org.access.js';
import { addExportTarget } from '../org/org.exports.js';
import { addProfileSection, scopeOn } from '../org/org.profile.js';
import { addPoolHold } from '../pool/pool.holds.js';
import { talkForm } from '../talks/talks.handlers.js';
import { addTalkLink } from '../talks/talks.links.js';
import { peopleByIds } from '../talks/talks.queries.js';
import { armAttachment, receiveAttachment, sendAttachment } from './clues.attachments.js';
import { attachmentSavedCard, detailCard, listCard, reportedOkCard, reportFormCard } from './clues.cards.js';
import { seedDemoClues } from './clues.demo.js';
import { exportClues } from './clues.export.js';
import { clueJobs } from './clues.jobs.js';
import { clueById, countyPeopleMatching, peopleWithOpenClues } from './clues.queries.js';
import { clueDigest, clueReport } from './clues.report.js';
import { REPORTER_ROLES, viewLevel } from './clues.rules.js';
import {
  acceptClue,
  applyClueTalk,
  checkClueTalk,
  closeClue,
  correctClue,
  guard,
  listClues,
  mayReport,
  reportClue,
  returnClue,
  rolesFor,
  viewClue,
} from './clues.service.js';

const id = (message: string) => z.coerce.number({ message }).int(message).positive(message);
const clueRef = z.object({ c: id('线索编号有误') });

export const ReportSchema = z.object({
  n: z.string().max(64).optional(),
  cadre: id('请选择线索涉及的干部'),
  source: z.string({ message: '请选择线索来源' }).max(20),
  severity: z.string({ message: '请选择问题性质' }).max(20),
  summary: z.string({ message: '请填写问题摘要' }).max(500, '问题摘要请控制在 500 字以内'),
  evidence: z.string().max(1000, '证据材料请控制在 1000 字以内').optional(),
});

function registerClues(router: Router, deps: Deps) {
  router.command(
    ['线索', '问题线索'],
    personal(deps, async (ctx) =>
      ctx.reply(listCard(await listClues(deps, ctx.actor.personId, { eventId: ctx.eventId }))),
    ),
    '问题线索：按环节查看在办线索和期限（纪委/信访联络人、组织部门、谈话领导）',
  );
  router.command(
    ['报送线索'],
    personal(deps, async (ctx) => {
      const actor = await loadActor(deps.db, ctx.actor.personId, scopeOn(deps).onDate);
      if (!mayReport(actor) || actor.countyId === null)
        throw forbidden('报送问题线索仅限纪委监委、信访等联络人和组织部门');
      const q = ctx.args.trim();
      const cadres = q ? await countyPeopleMatching(deps.db, actor.countyId, q) : [];
      await ctx.reply(reportFormCard({ cadres, nonce: deps.ids.uuid(), filter: q || undefined }));
    }),
    '报送问题线索（加姓名或拼音首字母，如「报送线索 陈思雨」）',
  );
  router.action('clues.report', ReportSchema, async (ctx) => {
    const v = ctx.value;
    const clueId = await reportClue(
      deps,
      ctx.actor.personId,
      { cadre: v.cadre, source: v.source, severity: v.severity, summary: v.summary, evidence: v.evidence },
      { eventId: ctx.eventId, nonce: v.n ?? null },
    );
    deps.outboxWake();
    const clue = (await clueById(deps.db, clueId))!;
    const names = await peopleByIds(deps.db, [clue.cadrePersonId]);
    ctx.ack({
      toast: { type: 'success', content: '问题线索已报送' },
      card: { type: 'raw', data: reportedOkCard(clueId, names.get(clue.cadrePersonId)?.name ?? '') },
    });
  });
  router.action('clues.view', clueRef, async (ctx) => {
    const d = await viewClue(deps, ctx.actor.personId, ctx.value.c, { eventId: ctx.eventId });
    await enqueue(deps.db, { kind: 'send', to: { openId: ctx.operator.openId }, card: detailCard(d) });
    deps.outboxWake();
    ctx.ack({ toast: { type: 'info', content: '已私聊发送线索详情' } });
  });
  router.action('clues.accept', clueRef.extend({ leader: id('请指定谈话领导') }), async (ctx) => {
    const r = await acceptClue(deps, ctx.actor.personId, ctx.value.c, ctx.value.leader, { eventId: ctx.eventId });
    deps.outboxWake();
    const d = await viewClue(deps, ctx.actor.personId, ctx.value.c, { eventId: ctx.eventId });
    ctx.ack({
      toast: { type: 'success', content: `已受理，已通知${r.leaderName}在 ${r.due} 前进行警醒谈话` },
      card: { type: 'raw', data: detailCard(d) },
    });
  });
  router.action(
    'clues.return',
    clueRef.extend({ reason: z.string().max(500, '退回理由请控制在 500 字以内').optional() }),
    async (ctx) => {
      await returnClue(deps, ctx.actor.personId, ctx.value.c, ctx.value.reason, { eventId: ctx.eventId });
      const d = await viewClue(deps, ctx.actor.personId, ctx.value.c, { eventId: ctx.eventId });
      ctx.ack({ toast: { type: 'success', content: '已退回' }, card: { type: 'raw', data: detailCard(d) } });
    },
  );
  router.action('clues.talk', clueRef, async (ctx) => {
    const g = await guard(deps, ctx.actor.personId, ctx.value.c, 'talk', { eventId: ctx.eventId });
    const form = await talkForm(deps, ctx.actor.personId, {
      preselect: g.clue.cadrePersonId,
      link: { ref: `clue:${g.clue.id}`, note: '本次谈话为问题线索的警醒谈话（提醒），提交后该线索进入纠正环节。' },
    });
    await enqueue(deps.db, { kind: 'send', to: { openId: ctx.operator.openId }, card: form });
    deps.outboxWake();
    ctx.ack({ toast: { type: 'info', content: '已发送谈话记录卡片，请填写后提交' } });
  });
  router.action(
    'clues.correct',
    clueRef.extend({ text: z.string().max(1000, '纠正情况请控制在 1000 字以内').optional() }),
    async (ctx) => {
      await correctClue(deps, ctx.actor.personId, ctx.value.c, ctx.value.text, { eventId: ctx.eventId });
      deps.outboxWake();
      const d = await viewClue(deps, ctx.actor.personId, ctx.value.c, { eventId: ctx.eventId });
      ctx.ack({
        toast: { type: 'success', content: '已确认纠正，送组织部门办结' },
        card: { type: 'raw', data: detailCard(d) },
      });
    },
  );
  router.action(
    'clues.close',
    clueRef.extend({
      finding: z.string().max(20).optional(),
      handling: z.string().max(1000, '处理情况请控制在 1000 字以内').optional(),
    }),
    async (ctx) => {
      await closeClue(deps, ctx.actor.personId, ctx.value.c, ctx.value, { eventId: ctx.eventId });
      deps.outboxWake();
      const d = await viewClue(deps, ctx.actor.personId, ctx.value.c, { eventId: ctx.eventId });
      ctx.ack({ toast: { type: 'success', content: '问题线索已办结' }, card: { type: 'raw', data: detailCard(d) } });
    },
  );
  router.action('clues.attach', clueRef, async (ctx) => {
    await armAttachment(deps, ctx.actor, ctx.value.c, { eventId: ctx.eventId });
    deps.outboxWake();
    ctx.ack({ toast: { type: 'info', content: '请在私聊中发送附件文件（10 分钟内）' } });
  });
  router.action('clues.file', clueRef.extend({ f: id('附件编号有误') }), async (ctx) => {
    const name = await sendAttachment(deps, ctx.actor, ctx.value.c, ctx.value.f, { eventId: ctx.eventId });
    deps.outboxWake();
    ctx.ack({ toast: { type: 'info', content: `已私聊发送附件“${name.slice(0, 40)}”` } });
  });
  addExportTarget({
    name: '问题线索',
    help: '组织部门、纪委/信访联络人：问题线索台账（可加时间范围，按报送日期，如「导出 问题线索 2026」）',
    run: async (ctx) => {
      const { rows, fileName } = await exportClues(deps, ctx.actor.personId, ctx.sender.openId, ctx.args);
      await ctx.reply(notice('问题线索已导出', `共 ${rows} 件，文件“${fileName}”随后发送。`, 'green'));
    },
  });
}

/**
 * The evidence-attachment file handler alone, installed before the xlsx importers: it claims a file only when
 * its sender armed 添加附件 (else returns false, nothing downloaded, and the importers see the file).
 */
export const clueAttachmentsCapability: Capability = {
  name: 'clue-attachments',
  register(router, deps) {
    router.file(async (ctx) => {
      let r: Awaited<ReturnType<typeof receiveAttachment>>;
      try {
        r = await receiveAttachment(
          deps,
          {
            personId: ctx.actor.personId,
            openId: ctx.actor.openId,
            chatType: ctx.chatType,
            fileName: ctx.fileName,
            download: ctx.download,
          },
          { eventId: ctx.eventId },
        );
      } catch (err) {
        // Refusals are audited by the service; the sender gets the reason.
        if (!isAppError(err)) throw err;
        await ctx.reply(notice('证据附件未保存', err.message, 'red'));
        return true;
      }
      if (!r.taken) return false;
      await ctx.reply(attachmentSavedCard(r.clueId, r.fileName, r.size));
      return true;
    });
  },
};

/** Profile: details-level viewers see the open clues' steps; others only the 暂缓 flag; the cadre nothing. */
async function clueProfileSection(deps: Deps, actor: Awaited<ReturnType<typeof loadActor>>, personId: number) {
  if (actor.personId === personId) return [];
  const held = await peopleWithOpenClues(deps.db, [personId]);
  if (!held.has(personId)) return [];
  const probe = { countyId: actor.countyId ?? -1, leaderPersonId: null, cadrePersonId: personId };
  const level = viewLevel(await rolesFor(deps.db, actor, probe), 'reported');
  const more = level === 'details' ? '，发送「线索」查看' : '';
  return [md(`<font color="red">暂缓</font>：有在办的问题线索，暂缓提拔使用建议${mdText(more)}`)];
}

/** 管: problem clues 问题线索 (报送→受理→提醒→纠正→办结) and their pool consequences. */
export const cluesCapability: Capability = {
  name: 'clues',
  help: [
    { command: '线索', group: '管', roles: ['discipline_liaison', 'org_admin', ...LEADER_ROLES], button: true },
    { command: '报送线索', group: '管', roles: REPORTER_ROLES },
  ],
  register(router, deps) {
    addTalkLink('clue', {
      formNote: '本次谈话为问题线索的警醒谈话（提醒）',
      check: checkClueTalk,
      apply: applyClueTalk,
    });
    addPoolHold('clues', peopleWithOpenClues);
    addProfileSection('clues', (d, actor, personId) => clueProfileSection(d, actor, personId));
    registerClues(router, deps);
  },
  jobs: (deps) => clueJobs(deps),
  seedDemo: (deps) => seedDemoClues(deps),
  report: clueReport,
  digest: clueDigest,
};
