import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The window as it was before the first-page work (100-row pages, a virtualizer that measured every
 * row, the first request sent once the components were defined, videos created with the first
 * rows): the reference the first-page figures are printed beside, measured in the same run.
 */
export const BASELINE_COMMIT = '081ddcb237a94a898c2b946f3061df79924568f4';

/**
 * Builds that commit's renderer (its sources from git, bundled by this checkout's vite) into
 * dist/bench-baseline; returns the folder to serve, or the reason it could not.
 */
export function buildBaselineRenderer(): { dir: string } | { unavailable: string } {
  const root = path.resolve('dist/bench-baseline');
  const out = path.join(root, 'dist/renderer');
  try {
    if (fs.existsSync(path.join(out, 'index.html'))) return { dir: out };
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    // Inside this checkout, so that the sources find its node_modules.
    const archive = execFileSync('git', ['archive', BASELINE_COMMIT, 'renderer', 'main'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', root], { input: archive });
    addRemovedPackages(root);
    execFileSync(
      process.execPath,
      [
        path.resolve('node_modules/vite/bin/vite.js'),
        'build',
        '-c',
        path.join(root, 'renderer/vite.config.ts'),
        '--logLevel',
        'warn',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return { dir: out };
  } catch (error) {
    return { unavailable: (error as Error).message.split('\n')[0]! };
  }
}

/**
 * The baseline's dependencies that this checkout no longer installs (its virtualizer, since removed),
 * unpacked into the baseline's own node_modules: the versions its lockfile pins, taken from npm's
 * cache only (never the network) and checked against the lockfile's integrity.
 */
function addRemovedPackages(root: string): void {
  const read = (file: string) =>
    JSON.parse(execFileSync('git', ['show', `${BASELINE_COMMIT}:${file}`]).toString());
  const { dependencies } = read('package.json') as { dependencies: Record<string, string> };
  const { packages } = read('package-lock.json') as {
    packages: Record<string, { version: string; integrity: string }>;
  };
  const missing = Object.keys(dependencies).filter(
    (name) => !fs.existsSync(path.resolve('node_modules', name, 'package.json')),
  );
  for (const name of missing) {
    const { version, integrity } = packages[`node_modules/${name}`]!;
    const spec = `${name}@${version}`;
    let packed: { filename: string; integrity: string };
    try {
      const out = execFileSync('npm', ['pack', spec, '--offline', '--json', '--pack-destination', root], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      [packed] = JSON.parse(out.toString()) as [typeof packed];
    } catch {
      throw new Error(`${spec}, which the baseline needs, is not in npm's cache (npm cache add ${spec})`);
    }
    if (packed.integrity !== integrity)
      throw new Error(`${spec} from npm's cache differs from the baseline's lockfile`);
    const into = path.join(root, 'node_modules', name);
    fs.mkdirSync(into, { recursive: true });
    execFileSync('tar', ['-xzf', path.join(root, packed.filename), '-C', into, '--strip-components=1']);
  }
}
