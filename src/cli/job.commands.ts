import { isAppError } from '../errors.js';
import { lastRuns, recentRuns } from '../jobs/job-runs.queries.js';
import { Scheduler, toJson } from '../jobs/scheduler.js';
import { type CliContext, defineCommand, failure, intOption, usageError } from './command.js';
import { cliInstance } from './context.js';
import { formatLocal, parseTimeArg, table } from './format.js';

const STATUS: Record<string, string> = { running: '运行中', ok: '成功', error: '失败' };
const TRIGGER: Record<string, string> = { cron: '定时', manual: '手动' };

function schedulerOf(ctx: CliContext): Scheduler {
  const deps = { db: ctx.db, log: ctx.log, clock: ctx.clock, timezone: ctx.config.timezone, instance: cliInstance() };
  return new Scheduler(deps, ctx.jobs());
}

export const jobList = defineCommand({
  name: 'job list',
  description: '列出所有定时任务、下次运行时间和上次运行结果',
  run: async (ctx) => {
    const jobs = schedulerOf(ctx).list();
    if (jobs.length === 0) return ctx.print('当前没有定时任务。');
    const last = await lastRuns(ctx.db);
    const tz = ctx.config.timezone;
    const rows = jobs.map((j) => {
      const run = last.get(j.name);
      const lastText = run ? `${formatLocal(run.startedAt, tz)} ${STATUS[run.status]}` : '—';
      return [j.name, j.cron, formatLocal(j.nextRun ? new Date(j.nextRun) : null, tz), lastText, j.description];
    });
    for (const line of table(['任务名', '周期（cron）', '下次运行', '上次运行', '说明'], rows)) ctx.print(line);
    ctx.print(`（时区 ${tz}）`);
  },
});

export const jobRun = defineCommand({
  name: 'job run',
  description: '立即运行一个定时任务，等它结束并打印结果',
  positionals: [{ name: '任务名', required: true }],
  options: {
    at: { type: 'string', value: '时间', description: '按这个时间运行（如 2026-12-01 09:00，时区同 TIMEZONE）' },
  },
  run: async (ctx, { args, options }) => {
    const [name] = args;
    const scheduler = schedulerOf(ctx);
    const names = scheduler.list().map((j) => j.name);
    if (!names.includes(name)) {
      throw usageError(
        names.length > 0
          ? `没有名为“${name}”的定时任务。可用的任务：${names.join('、')}`
          : `没有名为“${name}”的定时任务（当前没有任何定时任务）`,
      );
    }
    let at: Date | undefined;
    if (typeof options.at === 'string') {
      at = parseTimeArg(options.at, ctx.config.timezone) ?? undefined;
      if (!at) throw usageError(`--at 的时间格式不对：“${options.at}”，请写成 2026-12-01 09:00`);
      ctx.clock.set(at);
    }
    const started = performance.now();
    try {
      const result = await scheduler.runNow(name, at);
      ctx.print(`任务“${name}”已完成，用时 ${Math.round(performance.now() - started)} 毫秒。结果：`);
      ctx.print(JSON.stringify(toJson(result), null, 2));
      return 0;
    } catch (err) {
      if (isAppError(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw failure(`任务“${name}”运行失败：${message}（已记入运行记录，详情见日志）`);
    }
  },
});

export const jobHistory = defineCommand({
  name: 'job history',
  description: '查看定时任务的运行记录（最新的在前）',
  positionals: [{ name: '任务名' }],
  options: { limit: { type: 'string', value: '条数', description: '显示多少条，默认 20，最多 500' } },
  run: async (ctx, input) => {
    const limit = intOption(input, 'limit', { min: 1, max: 500 }, 20);
    const runs = await recentRuns(ctx.db, { jobName: input.args[0], limit });
    if (runs.length === 0) return ctx.print('还没有运行记录。');
    const tz = ctx.config.timezone;
    const rows = runs.map((r) => [
      formatLocal(r.startedAt, tz),
      r.jobName,
      TRIGGER[r.trigger],
      STATUS[r.status],
      r.finishedAt ? `${r.finishedAt.getTime() - r.startedAt.getTime()} 毫秒` : '—',
      r.instance,
      r.error ?? '',
    ]);
    for (const line of table(['开始时间', '任务名', '触发', '状态', '用时', '实例', '错误'], rows)) ctx.print(line);
  },
});
