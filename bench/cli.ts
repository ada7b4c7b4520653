import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, percentile, table } from './stats.js';

const CLI = path.resolve('dist/main/cli.js');
const RUNS = 15;
const TARGET_RATIO = 2;

/** Wall-clock milliseconds of one run of `node ARGS`, to its exit. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * `npm run bench -- cli`: how long the CLI takes to answer when it has nothing to fetch, next to
 * Node starting and doing nothing (`node -e 0`) in the same run. The cases take turns, so a busy
 * moment on the machine slows each of them alike; the medians are compared.
 */
export async function cliBenchmark(): Promise<boolean> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pixverse-tray-bench-cli-'));
  const env = { PATH: process.env.PATH, HOME: home, PIXVERSE_TRAY_HOME: home };
  const cases: { name: string; args: string[]; target: boolean }[] = [
    { name: 'node -e 0', args: ['-e', '0'], target: false },
    { name: 'pixverse-tray --help', args: [CLI, '--help'], target: true },
    { name: 'pixverse-tray --version', args: [CLI, '--version'], target: true },
    { name: 'pixverse-tray status "bad id"', args: [CLI, 'status', 'bad id'], target: false },
  ];
  try {
    const times = cases.map(() => [] as number[]);
    for (const c of cases) timeRun(c.args, env); // warm the file cache
    for (let run = 0; run < RUNS; run++)
      for (const [i, c] of cases.entries()) times[i]!.push(timeRun(c.args, env));
    const medians = times.map((t) => percentile(t, 50));
    const baseline = medians[0]!;
    console.log(`\nCLI start-up (median of ${RUNS} runs each, wall clock to exit)`);
    const rows = [['', 'median ms', 'p90 ms', '× node -e 0']];
    for (const [i, c] of cases.entries())
      rows.push([c.name, fmt(medians[i]!), fmt(percentile(times[i]!, 90)), fmt(medians[i]! / baseline, 2)]);
    console.log(table(rows));
    const worst = Math.max(...cases.flatMap((c, i) => (c.target ? [medians[i]! / baseline] : [])));
    const pass = worst <= TARGET_RATIO;
    console.log(
      `--help and --version: at most ${fmt(worst, 2)}× node -e 0 (target ≤ ${TARGET_RATIO}×) → ${pass ? 'met' : 'NOT met'}`,
    );
    return pass;
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}
