import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RUNNER = path.resolve('dist/bench/run.js');

/** The benchmark runner as `npm run bench -- …` starts it, with arguments that stop it before any run. */
const bench = (...args: string[]) =>
  spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('npm run bench -- … (its arguments)', () => {
  it('--help prints the usage and the benchmarks, and runs none', () => {
    const result = bench('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('npm run bench -- [NAME] [--json] [--seed N]');
    for (const name of ['polling', 'download', 'renderer', 'store', 'cli'])
      expect(result.stdout).toContain(name);
    expect(result.stderr).toBe('');
  });

  it('an unknown option is one line naming it, with the usage, not a stack trace', () => {
    const result = bench('polling', '--jsn');
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown option --jsn.');
    expect(result.stderr).toContain('npm run bench -- [NAME] [--json] [--seed N]');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a second benchmark name and a bad seed are refused in one line', () => {
    expect(bench('polling', 'store').stderr).toContain('Choose one benchmark, not "polling store".');
    const badSeed = bench('polling', '--seed', 'x');
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toContain('--seed must be an integer, not "x".');
  });
});
