/**
 * Layer rules (docs/architecture.md, "Layers"): which folders of src/ may import which. This scan of every
 * import in src/ (static, `import type`, `export … from` and dynamic `import()`) fails CI when a dependency
 * points the wrong way.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

interface Rule {
  /** Files the rule applies to (paths relative to the repo, '/'-separated). */
  from: RegExp;
  /** Import targets they must not reach. */
  to: RegExp;
  /** Targets allowed although `to` matches. */
  except?: RegExp;
  why: string;
}

const LAYER_RULES: Rule[] = [
  {
    from: /^src\/domain\//,
    to: /^src\/emulator\//,
    why: 'the domain never imports the emulator (the fake Feishu is a test double of the transport)',
  },
  {
    from: /^src\/feishu\//,
    to: /^src\/domain\//,
    why: 'the transport never imports the domain (capabilities plug into the router, not the reverse)',
  },
  {
    from: /^src\/db\//,
    to: /^src\/domain\//,
    // The one sanctioned direction: a schema file imports its capability's vocabulary (enums).
    except: /^src\/domain\/.+\.vocab\.ts$/,
    why: 'storage never imports the domain, except the vocabularies (<cap>.vocab.ts) its columns use',
  },
  {
    from: /^src\/emulator\//,
    to: /^src\/domain\//,
    why: 'the emulator knows a tenant directory handed to it as data, not the bot (its domain)',
  },
];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** The repo-relative files a source file imports (relative specifiers only; packages are not layers). */
function importsOf(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1];
    if (!spec.startsWith('.')) continue;
    const target = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
    out.push(relative(ROOT, target).split('\\').join('/'));
  }
  return out;
}

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of files(SRC)) {
    g.set(relative(ROOT, file).split('\\').join('/'), importsOf(file, readFileSync(file, 'utf8')));
  }
  return g;
}

function violations(g: Map<string, string[]>, rules: Rule[]): string[] {
  const out: string[] = [];
  for (const [file, targets] of g) {
    for (const rule of rules) {
      if (!rule.from.test(file)) continue;
      for (const t of targets) {
        if (rule.to.test(t) && !rule.except?.test(t)) out.push(`${file} → ${t}: ${rule.why}`);
      }
    }
  }
  return out;
}

/** Import cycles among the given files (Tarjan's strongly connected components of size > 1 or self-loops). */
function cycles(g: Map<string, string[]>, within: (f: string) => boolean): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of g.get(v) ?? []) {
      if (!within(w) || !g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (within(v) && !idx.has(v)) visit(v);
  return out;
}

describe('layer rules', () => {
  const g = graph();

  it('scans the whole of src/', () => {
    expect(g.size).toBeGreaterThan(100);
    expect(g.get('src/app.ts')).toContain('src/capabilities.ts');
  });

  it('finds no import against the layer rules', () => {
    expect(violations(g, LAYER_RULES)).toEqual([]);
  });

  it('has no import cycle through the kernel files at the top of src/ (deps, config, clock, capability…)', () => {
    const topLevel = (f: string) => /^src\/[^/]+\.ts$/.test(f);
    const kernelCycles = cycles(g, (f) => f.startsWith('src/') && !f.startsWith('src/domain/')).filter((scc) =>
      scc.some(topLevel),
    );
    expect(kernelCycles).toEqual([]);
  });

  it('would catch each kind of offence', () => {
    const bad = new Map<string, string[]>([
      ['src/domain/talks/talks.service.ts', ['src/emulator/tenant.ts']],
      ['src/feishu/router.ts', ['src/domain/org/org.access.ts']],
      ['src/db/schema/talks.ts', ['src/domain/talks/talks.vocab.ts', 'src/domain/talks/talks.rules.ts']],
      ['src/emulator/directory.ts', ['src/domain/org/demo/generate.ts']],
    ]);
    expect(violations(bad, LAYER_RULES)).toEqual([
      expect.stringContaining('src/domain/talks/talks.service.ts → src/emulator/tenant.ts'),
      expect.stringContaining('src/feishu/router.ts → src/domain/org/org.access.ts'),
      expect.stringContaining('src/db/schema/talks.ts → src/domain/talks/talks.rules.ts'),
      expect.stringContaining('src/emulator/directory.ts → src/domain/org/demo/generate.ts'),
    ]);
    const loop = new Map([
      ['src/deps.ts', ['src/feishu/client.ts']],
      ['src/feishu/client.ts', ['src/deps.ts']],
    ]);
    expect(cycles(loop, () => true)).toEqual([['src/deps.ts', 'src/feishu/client.ts']]);
  });

  it('reads every import form', () => {
    const file = join(SRC, 'domain/x/x.ts');
    const text = [
      "import { a } from '../../emulator/a.js';",
      "import type { B } from '../../feishu/b.js';",
      "export { c } from './c.js';",
      "const d = await import('../../db/d.js');",
      "import '../../side.js';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf(file, text)).toEqual([
      'src/emulator/a.ts',
      'src/feishu/b.ts',
      'src/domain/x/c.ts',
      'src/db/d.ts',
      'src/side.ts',
    ]);
  });
});

describe('start-up memory: heavy libraries load on first use (docs/bench.md, idle RSS)', () => {
  // Each is tens of MB resident once imported; an idle bot must not pay for them.
  const LAZY = ['exceljs', 'docx', '@napi-rs/canvas'];
  // The Word renderers may import docx statically: they are themselves only reached through import().
  const LAZY_FILES = ['./reports.docx.js', './roster.form.js', './roster/roster.form.js'];
  const LOADED_LAZILY = new Set(['src/domain/reports/reports.docx.ts', 'src/domain/org/roster/roster.form.ts']);
  const staticValueImport = (text: string, spec: string) =>
    new RegExp(`^\\s*import\\s+(?!type\\b)[^;]*?from\\s*['"]${spec.replace(/[./@-]/g, '\\$&')}['"]`, 'm').test(text);

  it('imports exceljs, docx and canvas only as types or through import()', () => {
    const found: string[] = [];
    for (const file of files(SRC)) {
      if (LOADED_LAZILY.has(relative(ROOT, file).split('\\').join('/'))) continue;
      const text = readFileSync(file, 'utf8');
      for (const spec of [...LAZY, ...LAZY_FILES]) {
        if (staticValueImport(text, spec)) found.push(`${relative(ROOT, file)} → ${spec}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the check sees a static import', () => {
    expect(staticValueImport("import ExcelJS from 'exceljs';", 'exceljs')).toBe(true);
    expect(staticValueImport("import {\n  Document,\n} from 'docx';", 'docx')).toBe(true);
    expect(staticValueImport("import type ExcelJS from 'exceljs';", 'exceljs')).toBe(false);
  });
});
