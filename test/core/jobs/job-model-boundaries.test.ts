import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const V1 = path.join(ROOT, 'main/core/api/v1');
const V1_SCHEMA = path.join(V1, 'schema.ts');
const V2 = path.join(ROOT, 'main/core/api/v2');
const V2_SCHEMA = path.join(V2, 'schema.ts');
// Fields only a v2 answer has: reading one outside api/v2/ means reading the raw answer.
const V2_ONLY_FIELDS =
  /\b(video_status(?:_name|_final)?|first_frame|last_frame|output_width|output_height|queue_data|video_duration|img_url)\b/;
// The simulator is the fake useapi.net: it writes v1 answers (types only), it never reads them.
const V1_WRITERS = [path.join(ROOT, 'main/core/simulator')];

interface Import {
  from: string;
  /** The resolved file, for a relative import; else the package name. */
  target: string;
  typeOnly: boolean;
}

/** The imports and re-exports of a source file, resolved (`./x.js` → `x.ts`). */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  const pattern = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  for (const [, type, spec] of text.matchAll(pattern)) {
    const target = spec!.startsWith('.')
      ? path.resolve(path.dirname(file), spec!).replace(/\.js$/, '.ts')
      : spec!;
    found.push({ from: file, target, typeOnly: type !== undefined });
  }
  return found;
}

const sources = (dir: string): string[] =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.c?ts$/.test(name))
    .map((name) => path.join(ROOT, dir, name));

describe('the job model boundaries', () => {
  it('lets no file outside api/v1/ import the v1 answer schema', () => {
    const offenders = [...sources('main'), ...sources('renderer/src')]
      .filter((file) => !file.startsWith(V1 + path.sep))
      .flatMap(importsOf)
      .filter((i) => i.target === V1_SCHEMA)
      .filter((i) => !(i.typeOnly && V1_WRITERS.some((dir) => i.from.startsWith(dir + path.sep))))
      .map((i) => path.relative(ROOT, i.from));
    expect(offenders).toEqual([]);
  });

  it('lets no file outside api/v2/ import the v2 answer schema', () => {
    const offenders = [...sources('main'), ...sources('renderer/src')]
      .filter((file) => !file.startsWith(V2 + path.sep))
      .flatMap(importsOf)
      .filter((i) => i.target === V2_SCHEMA)
      .filter((i) => !(i.typeOnly && V1_WRITERS.some((dir) => i.from.startsWith(dir + path.sep))))
      .map((i) => path.relative(ROOT, i.from));
    expect(offenders).toEqual([]);
  });

  it('lets no file outside api/v2/ (and the simulator, which writes them) read raw v2 fields', () => {
    const offenders = [...sources('main'), ...sources('renderer/src')]
      .filter((file) => !file.startsWith(V2 + path.sep))
      .filter((file) => !V1_WRITERS.some((dir) => file.startsWith(dir + path.sep)))
      .filter((file) => V2_ONLY_FIELDS.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it('keeps zod out of the window: nothing the renderer loads imports it', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of importsOf(file)) {
        if (i.typeOnly) continue; // erased at build time
        if (path.isAbsolute(i.target)) visit(i.target);
        else packages.add(i.target.split('/')[0]!);
      }
    };
    visit(path.join(ROOT, 'renderer/src/main.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect([...packages]).toContain('lit');
    expect([...packages]).not.toContain('zod');
  });
});
