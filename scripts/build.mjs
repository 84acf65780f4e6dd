// `npm run build`: TypeScript → dist/ (tsc), plus the console's static files. Migrations stay in drizzle/,
// which dist/db/client.js finds at ../../drizzle exactly as src/db/client.ts does.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const f of ['index.html', 'console.css']) {
  copyFileSync(join(root, 'src/emulator/console', f), join(dist, 'emulator/console', f));
}
if (!existsSync(join(root, 'drizzle/meta/_journal.json'))) throw new Error('drizzle/ migrations missing');
console.log('built dist/ (run: npm start, or node dist/main.js)');
