import pino from 'pino';
import type { Capability } from '../../src/capability.js';
import { runCli } from '../../src/cli/run.js';
import type { DbHandle } from '../../src/db/client.js';
import { testClock } from './now.js';

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process on a test database with the given capabilities, capturing stdout and stderr. */
export function cliRunner(handle: () => DbHandle, capabilities: Capability[]) {
  return async (...argv: string[]): Promise<CliOutcome> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      {
        handle: handle(),
        clock: testClock(),
        capabilities,
        env: { PORT: '3999', SEED_DEMO: 'never' },
        log: pino({ level: 'silent' }),
      },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
