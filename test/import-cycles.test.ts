import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = path.resolve('main');
/** `import … from './x.js'`, `import type …`, `export … from`, and bare `import './x.js'`. */
const IMPORT = /^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.c?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** The file a relative specifier names: the compiled `.js`/`.cjs` stands for its `.ts`/`.cts`. */
function resolveImport(from: string, specifier: string): string {
  const target = path.resolve(path.dirname(from), specifier);
  return target.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts');
}

/** Every local module each file imports, type-only imports included: they tie modules together too. */
function importGraph(files: string[]): Map<string, string[]> {
  return new Map(
    files.map((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [file, [...text.matchAll(IMPORT)].map((m) => resolveImport(file, m[1]!))];
    }),
  );
}

/** Each cycle found by a depth-first walk, as the chain of files that closes on itself. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    trail.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the modules of main/', () => {
  it('import each other without a cycle', () => {
    const graph = importGraph(sourceFiles(MAIN));
    expect(graph.size).toBeGreaterThan(50);
    const cycles = findCycles(graph).map((cycle) => cycle.map((f) => path.relative(MAIN, f)).join(' → '));
    expect(cycles).toEqual([]);
  });

  it('finds a cycle, type-only imports included', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    const text =
      "import type { A } from './a.js';\nexport { B } from '../b.js';\nimport {\n  C,\n} from './c.js';";
    expect([...text.matchAll(IMPORT)].map((m) => m[1])).toEqual(['./a.js', '../b.js', './c.js']);
  });
});
