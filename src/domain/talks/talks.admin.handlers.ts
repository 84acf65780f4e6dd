import { z } from 'zod';
import { today } from '../../clock.js';
import { PERIOD_KINDS, TALK_RELATIONS } from '../../db/schema/talks.js';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { Router } from '../../feishu/router.js';
import { cadenceCard, calendarCard } from './talks.admin.cards.js';
import {
  addCadence,
  assertAdmin,
  cadenceLines,
  calendarStatus,
  loadYearSchedule,
  removeCadence,
} from './talks.admin.service.js';
import { earliestCadenceChange } from './talks.periods.js';

async function calendarView(deps: Deps, formYear?: number) {
  const year = Number(today(deps).slice(0, 4));
  return calendarCard(await calendarStatus(deps, [year, year + 1]), formYear ?? year + 1);
}

async function cadenceView(deps: Deps) {
  const { current, scheduled } = await cadenceLines(deps);
  return cadenceCard(current, scheduled, earliestCadenceChange(today(deps)));
}

export function registerTalkAdmin(router: Router, deps: Deps): void {
  router.command(
    ['节假日', '节假日安排'],
    async (ctx) => {
      await assertAdmin(deps, ctx.actor.personId);
      const y = /^\d{4}$/.test(ctx.args) ? Number(ctx.args) : undefined;
      await ctx.reply(await calendarView(deps, y));
    },
    '组织部门：查看和载入年度节假日与调休安排',
  );
  const CalendarSchema = z.object({
    year: z.coerce.number({ message: '请填写年度' }).int('年度应为四位数字'),
    text: z.string({ message: '请填写节假日安排' }).min(1, '请填写节假日安排'),
  });
  router.action('talks.calendar.save', CalendarSchema, async (ctx) => {
    const n = await loadYearSchedule(deps, ctx.actor.personId, ctx.value.year, ctx.value.text, ctx.eventId);
    ctx.ack({
      toast: { type: 'success', content: `已载入 ${ctx.value.year} 年节假日安排（${n} 天）` },
      card: { type: 'raw', data: await calendarView(deps) },
    });
  });
  router.command(
    ['谈话周期'],
    async (ctx) => {
      await assertAdmin(deps, ctx.actor.personId);
      await ctx.reply(await cadenceView(deps));
    },
    '组织部门：查看和调整谈心谈话周期',
  );
  const CadenceSchema = z.object({
    relation: z.enum(TALK_RELATIONS, { message: '请选择谈话关系' }),
    kind: z.enum(PERIOD_KINDS, { message: '请选择谈话周期' }),
    from: z.string({ message: '请选择生效日期' }).transform((s) => s.trim().slice(0, 10)),
  });
  router.action('talks.cadence.add', CadenceSchema, async (ctx) => {
    const v = ctx.value;
    if (!v.from) throw invalid('请选择生效日期');
    await addCadence(
      deps,
      ctx.actor.personId,
      { relation: v.relation, periodKind: v.kind, effectiveFrom: v.from },
      ctx.eventId,
    );
    ctx.ack({
      toast: { type: 'success', content: '谈话周期调整已保存' },
      card: { type: 'raw', data: await cadenceView(deps) },
    });
  });
  router.action('talks.cadence.remove', z.object({ id: z.coerce.number().int().positive() }), async (ctx) => {
    await removeCadence(deps, ctx.actor.personId, ctx.value.id, ctx.eventId);
    ctx.ack({ toast: { type: 'success', content: '已撤销' }, card: { type: 'raw', data: await cadenceView(deps) } });
  });
}
