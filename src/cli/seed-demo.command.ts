import { seedDemoData } from '../demo.js';
import { DEMO_PERSONAS } from '../domain/org/demo/personas.js';
import { defineCommand, intOption } from './command.js';
import { table } from './format.js';

const secs = (ms: number) => (ms / 1000).toFixed(1);

/** The same complete demo `npm start` seeds into an empty database, from every capability's seedDemo step. */
export const seedDemoCommand = defineCommand({
  name: 'seed-demo',
  description:
    '生成示范县演示数据（虚构人员，按种子确定），与本地模式 npm start 首次启动时相同：人员与班子、资源库（推荐、入库、考核与调整建议、一线识人）、谈心谈话记录和结对帮带；全部成功才写入',
  options: {
    scale: {
      type: 'string',
      value: '倍数',
      description:
        '县的个数（默认 1，最多 100；30 约 9 万人，用于压测）：人员与班子每县约 3000 人全量生成，资源库每县一份，谈话记录和结对帮带只生成第一个县（示范县）',
    },
    seed: { type: 'string', value: '种子', description: '随机种子，默认 20260101' },
  },
  run: async (ctx, input) => {
    const scale = intOption(input, 'scale', { min: 1, max: 100 }, 1);
    const seed = intOption(input, 'seed', { min: 0, max: 2 ** 31 - 1 }, 20260101);
    const started = performance.now();
    const steps = await seedDemoData(ctx.capabilities, ctx.deps, { scale, seed });
    for (const s of steps) for (const line of s.lines) ctx.print(line);
    const each = steps.map((s) => `${s.capability} ${secs(s.ms)} 秒`).join('，');
    ctx.print(`用时 ${secs(performance.now() - started)} 秒（${ctx.driver}；${each}）。`);
    ctx.print('演示人员：');
    const rows = Object.values(DEMO_PERSONAS).map((p) => [p.name, p.mobile, p.unit, p.position, p.note]);
    for (const line of table(['姓名', '手机号', '单位', '职务', '用途'], rows)) ctx.print(line);
  },
});
