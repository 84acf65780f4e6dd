import { asc, sql } from 'drizzle-orm';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Capability } from '../../src/capability.js';
import { defineCommand } from '../../src/cli/command.js';
import { commands } from '../../src/cli/commands.js';
import { type RunOptions, runCli } from '../../src/cli/run.js';
import type { DbHandle } from '../../src/db/client.js';
import { jobRuns } from '../../src/db/schema/transport.js';
import { invalid } from '../../src/errors.js';
import { createTestDb } from '../helpers/db.js';
import { testClock } from '../helpers/now.js';

const fired: Date[] = [];
const testCap: Capability = {
  name: 'test',
  jobs: (deps) => [
    {
      name: 'test.ok',
      cron: '0 9 * * 1-5',
      description: '测试：成功的任务',
      run: async (firedAt) => {
        fired.push(firedAt);
        return { now: deps.clock.now().toISOString(), n: 2 };
      },
    },
    {
      name: 'test.fail',
      cron: '0 10 * * *',
      description: '测试：失败的任务',
      run: async () => {
        throw new Error('连接超时');
      },
    },
  ],
};

describe('cli', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    fired.length = 0;
    await handle.db.delete(jobRuns);
  });

  /** Runs one command line in-process and collects its output. */
  async function cli(argv: string[], opts: Partial<RunOptions> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      {
        handle,
        clock: testClock(),
        capabilities: [testCap],
        env: { PORT: '3999', TIMEZONE: 'Asia/Shanghai' },
        log: pino({ level: 'silent' }),
        ...opts,
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('help lists every command in Chinese', async () => {
    const r = await cli(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法：npm run cli -- <命令> [参数]');
    for (const c of commands) expect(r.out).toContain(c.name);
    expect(r.out).toContain('job run <任务名> [--at 时间]');
    expect(r.out).toContain('立即运行一个定时任务');
  });

  const badArgs: [string, string[], string][] = [
    ['no command', [], '请指定要运行的命令'],
    ['an unknown command', ['frob', 'x'], '未知命令：frob x'],
    ['a group without its subcommand', ['job'], '“job”后面还需要子命令'],
    ['a missing argument', ['job', 'run'], '缺少参数：任务名'],
    ['an extra argument', ['job', 'run', 'test.ok', 'more'], '多余的参数：more'],
    ['an unknown option', ['job', 'history', '--bogus'], '不认识的选项：--bogus'],
    ['an option without its value', ['job', 'run', 'test.ok', '--at'], '选项 --at 需要一个值'],
    ['a bad number', ['job', 'history', '--limit', '0'], '--limit 应为 1 到 500 之间的整数，收到“0”'],
    ['a bad time', ['job', 'run', 'test.ok', '--at', '2026-02-30'], '--at 的时间格式不对'],
    ['an unknown job', ['job', 'run', 'nope'], '没有名为“nope”的定时任务。可用的任务：test.ok、test.fail'],
  ];
  it.each(badArgs)('%s → exit 2 with a Chinese message and no stack', async (_what, argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
    expect(fired).toHaveLength(0);
  });

  it('usage errors show the command usage; unknown commands show the list', async () => {
    expect((await cli(['job', 'run'])).err).toContain('用法：npm run cli -- job run <任务名> [--at 时间]');
    expect((await cli(['frob'])).err).toContain('job list');
  });

  it('job run runs a job now with trigger manual, at --at, and prints its result', async () => {
    const r = await cli(['job', 'run', 'test.ok', '--at', '2026-12-01 09:00']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const at = new Date('2026-12-01T09:00:00+08:00');
    expect(fired).toEqual([at]);
    expect(r.out).toContain('任务“test.ok”已完成');
    expect(r.out).toContain('"n": 2');
    const rows = await handle.db.select().from(jobRuns);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ jobName: 'test.ok', trigger: 'manual', status: 'ok', startedAt: at });
    expect(rows[0].instance).toMatch(/^cli-/);
  });

  it('job run of a failing job exits 1 with one Chinese line, and the run is recorded', async () => {
    const r = await cli(['job', 'run', 'test.fail']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('任务“test.fail”运行失败：连接超时（已记入运行记录，详情见日志）');
    const rows = await handle.db.select().from(jobRuns);
    expect(rows[0]).toMatchObject({ jobName: 'test.fail', status: 'error', error: '连接超时' });
  });

  it('job list shows next and last runs; job history shows the runs', async () => {
    await cli(['job', 'run', 'test.ok', '--at', '2026-12-01 09:00']);
    const list = await cli(['job', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(
      /test\.ok\s+0 9 \* \* 1-5\s+\d{4}-\d\d-\d\d 09:00:00\s+2026-12-01 09:00:00 成功\s+测试：成功的任务/,
    );
    expect(list.out).toMatch(/test\.fail\s+0 10 \* \* \*\s+\d{4}-\d\d-\d\d 10:00:00\s+—/);
    const history = await cli(['job', 'history', 'test.ok', '--limit', '5']);
    expect(history.code).toBe(0);
    expect(history.out).toMatch(/2026-12-01 09:00:00\s+test\.ok\s+手动\s+成功/);
    expect((await cli(['job', 'history', 'test.fail'])).out).toBe('还没有运行记录。');
  });

  it('builds the same job list as the bot from src/capabilities.ts', async () => {
    const r = await cli(['job', 'list'], { capabilities: undefined });
    expect(r.code).toBe(0);
    expect(r.out).toContain('system.prune');
  });

  it('migrate reports the applied migrations', async () => {
    const r = await cli(['migrate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/已是最新结构，共应用迁移 [1-9]\d* 个/);
  });

  it('an AppError is its message with exit 1; an internal error is one line with exit 1; the db stays open', async () => {
    const refuse = defineCommand({
      name: 'refuse',
      description: '',
      run: async () => Promise.reject(invalid('名单为空')),
    });
    const crash = defineCommand({ name: 'crash', description: '', run: async () => Promise.reject(new Error('boom')) });
    const a = await cli(['refuse'], { commands: [refuse, crash] });
    expect(a).toEqual({ code: 1, out: '', err: '名单为空' });
    const b = await cli(['crash'], { commands: [refuse, crash] });
    expect(b).toEqual({ code: 1, out: '', err: '命令“crash”执行失败：boom' });
    expect(await handle.db.execute(sql`select 1`)).toBeTruthy();
  });

  it('a bad environment is reported without a stack, exit 1', async () => {
    const r = await cli(['job', 'list'], { env: { PORT: 'abc' } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('PORT');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('a command returns its own exit code', async () => {
    const three = defineCommand({ name: 'three', description: '', run: async () => 3 });
    expect((await cli(['three'], { commands: [three] })).code).toBe(3);
    const rows = await handle.db.select().from(jobRuns).orderBy(asc(jobRuns.id));
    expect(rows).toHaveLength(0);
  });

  it('refuses to open the PGlite folder while a bot on the same port holds it', async () => {
    const fake = Fastify({ logger: false });
    fake.get('/healthz', async () => ({ status: 'ok', database: 'ok', driver: 'pglite', feishuMode: 'emulator' }));
    await fake.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = String((fake.server.address() as { port: number }).port);
      const dataDir = '/tmp/qm-cli-test-never-opened';
      const r = await cli(['job', 'list'], { handle: undefined, env: { PORT: port, DATA_DIR: dataDir } });
      expect(r.code).toBe(1);
      expect(r.err).toContain(`机器人正在运行（端口 ${port}）并占用内置数据库 ${dataDir}`);
      expect(r.err).toContain(`POST http://localhost:${port}/dev/jobs/<任务名>/run`);
    } finally {
      await fake.close();
    }
  });
});
