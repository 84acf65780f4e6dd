// `npm start`: the compiled bot (dist/main.js) when it is built and not older than the source, else the
// TypeScript source through tsx (a fresh clone: `npm install && npm start` starts local mode at once).
// QM_RUN=dist or QM_RUN=src forces one or the other.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist/main.js');
const source = join(root, 'src');

/** The newest modification time under a directory (ms). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function choose() {
  const forced = process.env.QM_RUN;
  if (forced === 'dist' || forced === 'src') return forced;
  if (!existsSync(compiled)) return 'src';
  if (!existsSync(source)) return 'dist';
  return newest(source) > statSync(compiled).mtimeMs ? 'src' : 'dist';
}

const mode = choose();
const args =
  mode === 'dist'
    ? [compiled]
    : ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href, join(source, 'main.ts')];
if (mode === 'src' && existsSync(compiled)) console.error('dist/ is older than src/: running the source (npm run build to refresh)');
const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: process.cwd() });
// The service manager signals this process: pass it on and exit with the bot.
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
