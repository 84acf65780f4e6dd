import 'dotenv/config';
import { runCli } from './cli/run.js';

// `npm run cli -- <command> [args]`: results on stdout, messages and logs on stderr.
// The CLI logs only warnings unless LOG_LEVEL is set, so its output stays readable.
process.env.LOG_LEVEL ??= 'warn';
const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exitCode = code;
