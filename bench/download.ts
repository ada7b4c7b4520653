import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Simulator } from '../main/core/simulator/simulator.js';
import { fmt, percentile, table } from './stats.js';

const SIZE = 1024 ** 3;
// The machine's noise (2 cores shared by the server, the client and its writes) swings single runs
// by 2×: each tool gets several rounds, compared best to best, and the medians are shown too.
const ROUNDS = 6;
const CLI = path.resolve('dist/main/cli.js');
const run = promisify(execFile);

/** Peak resident memory of a running process (Linux), polled until it exits. */
function watchPeakRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const timer = setInterval(() => {
    try {
      const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (kb) peak = Number(kb) * 1024;
    } catch {
      // gone, or not Linux
    }
  }, 20);
  return () => (clearInterval(timer), peak);
}

/** Writes back dirty pages so one run's leftovers do not throttle the next one's writes. */
async function flushDisk(): Promise<void> {
  await run('sync').catch(() => {});
}

async function curlSeconds(url: string, file: string): Promise<number | undefined> {
  try {
    const { stdout } = await run('curl', ['-sS', '-o', file, '-w', '%{time_total}', url]);
    return Number(stdout);
  } catch {
    return undefined;
  }
}

async function cliRun(sim: Simulator, jobid: string, out: string, home: string) {
  const child = spawn(process.execPath, [CLI, 'watch', jobid, '--out', out, '--interval', '0.1', '--json'], {
    env: { ...process.env, USEAPI_TOKEN: sim.token, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const peak = watchPeakRss(child.pid!);
  let savedAt = 0;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!savedAt && output.includes('"download-saved"')) savedAt = Date.now();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const startedAt = sim.cdnRequests.at(-1)?.at ?? 0;
  return { code, seconds: (savedAt - startedAt) / 1000, peakRss: peak() };
}

export async function downloadBenchmark(): Promise<boolean> {
  console.log('\n## Download: 1 GiB from the simulated CDN on loopback');
  const sim = await Simulator.start();
  // On tmpfs when there is one: the figures then compare the two programs, not the disk's mood.
  const scratch = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const work = fs.mkdtempSync(path.join(scratch, 'pxt-bench-dl-'));
  console.log(`files written to ${scratch}`);
  try {
    const rows: string[][] = [['tool', 'seconds', 'MiB/s', 'peak RSS']];
    const curlTimes: number[] = [];
    const cliTimes: number[] = [];
    let worstRss = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const job = sim.addJob({
        timeline: [{ atMs: 0, status: 'completed' }],
        videoSize: SIZE,
        filename: `r${round}.mp4`,
      });
      const url = sim.signLink(`/attachments/1100000000000000002/${job.attachments[0]!.id}/r${round}.mp4`);
      await flushDisk();
      const curl = await curlSeconds(url, path.join(work, `curl-${round}.mp4`));
      fs.rmSync(path.join(work, `curl-${round}.mp4`), { force: true });
      await flushDisk();
      const cli = await cliRun(sim, job.jobid, path.join(work, 'out'), path.join(work, `home-${round}`));
      fs.rmSync(path.join(work, 'out'), { recursive: true, force: true });
      if (cli.code !== 0) throw new Error(`the CLI exited ${cli.code}`);
      if (curl !== undefined) curlTimes.push(curl);
      cliTimes.push(cli.seconds);
      worstRss = Math.max(worstRss, cli.peakRss ?? 0);
      const mib = SIZE / 1024 ** 2;
      if (curl !== undefined) rows.push([`curl -o (round ${round})`, fmt(curl, 2), fmt(mib / curl, 0), '']);
      rows.push([
        `pixverse-tray watch --out (round ${round})`,
        fmt(cli.seconds, 2),
        fmt(mib / cli.seconds, 0),
        cli.peakRss ? `${fmt(cli.peakRss / 1024 ** 2)} MB` : 'n/a',
      ]);
    }
    console.log(table(rows));
    if (curlTimes.length === 0) {
      console.log('curl is not installed: no baseline (apt-get install curl).');
      return false;
    }
    const ratio = Math.min(...curlTimes) / Math.min(...cliTimes);
    const medianRatio = percentile(curlTimes, 50) / percentile(cliTimes, 50);
    const pass = ratio >= 0.9 && worstRss > 0 && worstRss <= 100 * 1024 ** 2;
    console.log(
      `throughput CLI/curl = ${fmt(ratio, 2)} (target ≥ 0.9, best of ${ROUNDS} rounds each; medians: ${fmt(medianRatio, 2)}; ` +
        `the CLI also fsyncs, curl does not); peak RSS ${fmt(worstRss / 1024 ** 2)} MB ` +
        `(target ≤ 100 MB) → ${pass ? 'met' : 'NOT met'}`,
    );
    return pass;
  } finally {
    await sim.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
