import { asc } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SettableClock } from '../../src/clock.js';
import type { DbHandle } from '../../src/db/client.js';
import { jobRuns } from '../../src/db/schema/transport.js';
import { AppError } from '../../src/errors.js';
import type { Job } from '../../src/jobs/job.js';
import { Scheduler } from '../../src/jobs/scheduler.js';
import { createTestDb } from '../helpers/db.js';

const NOW = new Date('2026-11-30T09:00:00+08:00');

/** A logger whose records the test can read. */
function captureLog() {
  const records: { level: number; msg: string; job?: string; err?: { message: string } }[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line)) });
  return { log, records };
}

describe('Scheduler', () => {
  let handle: DbHandle;
  let clock: SettableClock;
  const calls: { name: string; firedAt: Date; by: string }[] = [];

  const jobsFor = (by: string): Job[] => [
    {
      name: 'test.ok',
      cron: '0 9 * * 1-5',
      description: '测试任务',
      run: async (firedAt) => {
        calls.push({ name: 'test.ok', firedAt, by });
        await new Promise((r) => setTimeout(r, 20));
        return { sent: 3, big: 10n };
      },
    },
    {
      name: 'test.flaky',
      cron: '*/5 * * * *',
      description: '第一次失败的任务',
      run: async (firedAt) => {
        calls.push({ name: 'test.flaky', firedAt, by });
        if (calls.filter((c) => c.name === 'test.flaky').length === 1) throw new Error('数据库暂时不可用');
        return 'ok';
      },
    },
  ];
  const make = (by: string, log = captureLog().log) =>
    new Scheduler({ db: handle.db, log, clock, timezone: 'Asia/Shanghai', instance: by }, jobsFor(by));
  const runs = () => handle.db.select().from(jobRuns).orderBy(asc(jobRuns.id));

  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());
  beforeEach(async () => {
    calls.length = 0;
    clock = new SettableClock();
    clock.freeze(NOW);
    await handle.db.delete(jobRuns);
  });

  it('fires one slot once across two instances on one database', async () => {
    const [a, b] = [make('a'), make('b')];
    const slot = new Date('2026-12-01T09:00:00+08:00');
    const outcomes = await Promise.all([a.fire('test.ok', slot), b.fire('test.ok', slot), a.fire('test.ok', slot)]);
    expect(outcomes.filter((o) => o !== null)).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0].firedAt).toEqual(slot);
    const rows = await runs();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      jobName: 'test.ok',
      slot: slot.toISOString(),
      instance: calls[0].by,
      trigger: 'cron',
      status: 'ok',
      error: null,
      result: { sent: 3, big: '10' },
      startedAt: NOW,
      finishedAt: NOW,
    });
    // A later instance does not run the slot again either.
    expect(await make('c').fire('test.ok', slot)).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it('records a failing job with its error, logs it, and runs the next slot normally', async () => {
    const { log, records } = captureLog();
    const s = make('a', log);
    const first = await s.fire('test.flaky', new Date('2026-11-30T09:05:00+08:00'));
    expect(first).toMatchObject({ status: 'error', error: '数据库暂时不可用' });
    clock.freeze(new Date('2026-11-30T09:10:00+08:00'));
    const second = await s.fire('test.flaky', new Date('2026-11-30T09:10:00+08:00'));
    expect(second).toMatchObject({ status: 'ok', result: 'ok' });
    const rows = await runs();
    expect(rows.map((r) => [r.status, r.error, r.result])).toEqual([
      ['error', '数据库暂时不可用', null],
      ['ok', null, 'ok'],
    ]);
    expect(rows[0].finishedAt).toEqual(NOW);
    const failure = records.find((r) => r.msg === 'job failed');
    expect(failure).toMatchObject({ level: 50, job: 'test.flaky', err: { message: '数据库暂时不可用' } });
  });

  it('runNow runs at once with trigger manual, at the clock time, and returns the result', async () => {
    const s = make('a');
    expect(await s.runNow('test.ok')).toEqual({ sent: 3, big: 10n });
    expect(await s.runNow('test.ok')).toEqual({ sent: 3, big: 10n });
    expect(calls.map((c) => c.firedAt)).toEqual([NOW, NOW]);
    const rows = await runs();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({ trigger: 'manual', status: 'ok', instance: 'a', startedAt: NOW });
      expect(r.slot).toMatch(/^manual:[0-9a-f-]{36}$/);
    }
    expect(rows[0].slot).not.toBe(rows[1].slot);
  });

  it('runNow records a failure and rethrows it to the caller', async () => {
    const s = make('a');
    await expect(s.runNow('test.flaky')).rejects.toThrow('数据库暂时不可用');
    expect((await runs())[0]).toMatchObject({ trigger: 'manual', status: 'error', error: '数据库暂时不可用' });
    expect(await s.runNow('test.flaky')).toBe('ok');
  });

  it('runNow of an unknown job is a NOT_FOUND AppError in Chinese', async () => {
    const err = await make('a')
      .runNow('nope')
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: '没有名为“nope”的定时任务' });
    expect(await runs()).toHaveLength(0);
  });

  it('lists jobs with the next run after the clock time', () => {
    const s = make('a');
    expect(s.list()).toEqual([
      { name: 'test.ok', cron: '0 9 * * 1-5', description: '测试任务', nextRun: '2026-12-01T01:00:00.000Z' },
      { name: 'test.flaky', cron: '*/5 * * * *', description: '第一次失败的任务', nextRun: '2026-11-30T01:05:00.000Z' },
    ]);
    clock.freeze(new Date('2026-12-04T09:00:00+08:00')); // Friday
    expect(s.list()[0].nextRun).toBe('2026-12-07T01:00:00.000Z');
  });

  it('refuses a bad cron expression or a duplicate job name', () => {
    const deps = { db: handle.db, log: captureLog().log, clock, timezone: 'Asia/Shanghai', instance: 'a' };
    const job = (name: string, cron: string): Job => ({ name, cron, description: '', run: async () => null });
    expect(() => new Scheduler(deps, [job('x', '61 * * * *')])).toThrow(/job x: bad cron/);
    expect(() => new Scheduler(deps, [job('x', '* * * * *'), job('x', '0 * * * *')])).toThrow(/defined twice/);
  });

  it('on the real cron, two started instances run every second-slot once and survive failures', async () => {
    const fired: string[] = [];
    const everySecond = (by: string): Job[] => [
      {
        name: 'test.tick',
        cron: '* * * * * *',
        description: '每秒',
        run: async (firedAt) => {
          fired.push(`${firedAt.toISOString()} ${by}`);
          if (fired.length % 2 === 1) throw new Error('奇数次失败');
        },
      },
    ];
    const deps = (by: string) => ({
      db: handle.db,
      log: captureLog().log,
      clock,
      timezone: 'Asia/Shanghai',
      instance: by,
    });
    const a = new Scheduler(deps('a'), everySecond('a'));
    const b = new Scheduler(deps('b'), everySecond('b'));
    a.start();
    b.start();
    await new Promise((r) => setTimeout(r, 3200));
    await Promise.all([a.stop(), b.stop()]);
    const rows = await runs();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(fired).toHaveLength(rows.length);
    const slots = rows.map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
    expect(fired.map((f) => f.split(' ')[0]).sort()).toEqual([...slots].sort());
    expect(rows.every((r) => r.trigger === 'cron' && r.status !== 'running')).toBe(true);
    expect(rows.some((r) => r.status === 'error') && rows.some((r) => r.status === 'ok')).toBe(true);
  });
});
