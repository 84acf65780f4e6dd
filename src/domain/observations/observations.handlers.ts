import { z } from 'zod';
import type { Capability } from '../../capability.js';
import { FRONTLINES } from '../../db/schema/observations.js';
import { personal } from '../../feishu/personal.js';
import { addProfileSection } from '../org/org.profile.js';
import { candidatesCard, formCard, savedCard, searchCard } from './observations.cards.js';
import { observationsProfileSection } from './observations.profile.js';
import { OBSERVER_ROLES } from './observations.rules.js';
import { prepareObservation, recordObservation, searchForObservation } from './observations.service.js';

const text = (label: string, min = 5) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .min(min, `${label}不少于${min}个字`)
    .max(1000, `${label}不超过1000个字`);

const personId = z.coerce.number({ message: '干部无效' }).int().positive('干部无效');

export const observationSchema = z.object({
  personId,
  frontline: z.enum(FRONTLINES, { message: '请选择一线领域' }),
  project: text('项目或工作', 2).max(100, '项目或工作不超过100个字'),
  performance: text('具体表现'),
  evaluations: text('多方评价'),
  results: text('工作成效'),
  flaws: z.string().trim().max(1000, '通病和瑕疵不超过1000个字').optional(),
  observedOn: z
    .string({ message: '请选择观察日期' })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}/, '请选择观察日期')
    .transform((s) => s.slice(0, 10)),
});

/** 一线识人: a command, a button on the profile card, and the form. */
export const observationsCapability: Capability = {
  name: 'observations',
  help: [{ command: '一线识人', group: '选', roles: OBSERVER_ROLES }],
  register(router, deps) {
    addProfileSection('observations', observationsProfileSection);
    router.command(
      ['一线识人', '识人'],
      personal(deps, async (ctx) => {
        if (!ctx.args) return ctx.reply(searchCard());
        const { rows, more, today } = await searchForObservation(deps, ctx.actor.personId, ctx.args);
        await ctx.reply(candidatesCard(rows, today, more));
      }),
      '记录年轻干部在一线的表现（一线识人）',
    );
    router.action('observations.start', z.object({}), async (ctx) =>
      ctx.ack({ card: { type: 'raw', data: searchCard() } }),
    );
    router.action('observations.search', z.object({ q: z.string().trim().max(30).default('') }), async (ctx) => {
      const { rows, more, today } = await searchForObservation(deps, ctx.actor.personId, ctx.value.q);
      ctx.ack({ card: { type: 'raw', data: candidatesCard(rows, today, more) } });
    });
    router.action('observations.form', z.object({ personId }), async (ctx) => {
      const { today, person } = await prepareObservation(deps, ctx.actor.personId, ctx.value.personId, ctx.eventId);
      ctx.ack({ card: { type: 'raw', data: formCard(person, today) } });
    });
    router.action('observations.submit', observationSchema, async (ctx) => {
      const { person } = await prepareObservation(deps, ctx.actor.personId, ctx.value.personId, ctx.eventId);
      await recordObservation(deps, ctx.actor.personId, ctx.value, ctx.eventId);
      const card = savedCard(person.name, ctx.value.frontline, ctx.value.project);
      ctx.ack({ toast: { type: 'success', content: '已保存' }, card: { type: 'raw', data: card } });
    });
  },
};
