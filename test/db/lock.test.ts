/** One process per embedded database: a second process (the CLI while the bot runs) stops with a message. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { openDatabase } from '../../src/db/client.js';
import { lockDataDir } from '../../src/db/lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratchDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'qm-lock-'));
  dirs.push(d);
  mkdirSync(join(d, 'data'));
  return join(d, 'data');
}

/** A live process standing in for a running bot that holds the folder. */
async function holdWithLiveProcess(dir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  await new Promise((r) => child.once('spawn', r));
  writeFileSync(join(dir, 'qingmiao.pid'), String(child.pid));
  return child;
}

async function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  // PORT 9: nothing listens there, so only the folder lock can refuse.
  const code = await runCli(
    argv,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { env: { DATA_DIR: dir, PORT: '9', SEED_DEMO: 'never' }, log: pino({ level: 'silent' }) },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the embedded database folder lock', () => {
  it('refuses the CLI while another process holds the folder, and writes nothing', async () => {
    const dir = scratchDir();
    const child = await holdWithLiveProcess(dir);
    const r = await cli(dir, 'job', 'run', 'system.prune');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`正由另一个青苗进程（PID ${child.pid}）使用`);
    expect(r.err).toContain('DATABASE_URL');
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false); // PGlite never opened the folder
    expect(readFileSync(join(dir, 'qingmiao.pid'), 'utf8')).toBe(String(child.pid));
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const dir = scratchDir();
    const child = await holdWithLiveProcess(dir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'qingmiao.pid'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'qingmiao.pid'))).toBe(false);
  });

  it('refuses a second open in the same process', () => {
    const dir = scratchDir();
    const release = lockDataDir(dir);
    try {
      expect(() => openDatabase({ dataDir: dir })).toThrow(/正由本进程/);
    } finally {
      release();
    }
  });
});
