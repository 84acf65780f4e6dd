import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

let bundle: Promise<string> | null = null;

/**
 * The console's browser code, bundled once per process (esbuild comes with tsx): from the TypeScript source,
 * or from tsc's output when running the compiled bot (dist/).
 */
function buildBundle(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [existsSync(here('./app.ts')) ? here('./app.ts') : here('./app.js')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      write: false,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return out.outputFiles[0].text;
  })();
  bundle.catch(() => {
    bundle = null;
  });
  return bundle;
}

/** GET /console (the page), /console/console.css, /console/app.js. */
export function consoleRoutes() {
  return async (scope: FastifyInstance) => {
    scope.get('/', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(await readFile(here('./index.html'))),
    );
    scope.get('/console.css', async (_req, reply) =>
      reply.type('text/css; charset=utf-8').send(await readFile(here('./console.css'))),
    );
    scope.get('/app.js', async (_req, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await buildBundle()),
    );
  };
}
