import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const startSim = useSimulator();
const TOKEN = 'tok-shared-home-5c2e9d';
const KiB = 1024;

async function setup() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  return { sim, home, env };
}

const readIfPresent = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'latin1') : '');

describe('two CLI processes on one PIXVERSE_TRAY_HOME', () => {
  it("keep each other's jobs: the database ends with every job of both", async () => {
    const { sim, env, home } = await setup();
    const a = [1, 2].map(() => sim.addJob({ durationMs: 30_000 }));
    const b = [1, 2].map(() => sim.addJob({ durationMs: 60_000 }));
    const watch = (jobs: typeof a) =>
      runCli(['watch', ...jobs.map((j) => j.jobid), '--interval', '0.1', '--no-download'], env);
    const results = await Promise.all([watch(a), watch(b)]);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    expect(Object.keys(jobsOnDisk(home)).sort()).toEqual([...a, ...b].map((j) => j.jobid).sort());
  });

  it('lose no job, and announce and download each finished job once across both', async () => {
    const { sim, home, env } = await setup();
    const shared = [1, 2, 3].map(() => sim.addJob({ durationMs: 30_000, videoSize: 64 * KiB }));
    const onlyA = sim.addJob({ durationMs: 45_000, videoSize: 64 * KiB });
    const onlyB = sim.addJob({ durationMs: 45_000, videoSize: 64 * KiB });
    const watch = (own: string, out: string) =>
      startCli(
        [
          'watch',
          ...shared.map((j) => j.jobid),
          own,
          '--out',
          path.join(home, out),
          '--interval',
          '0.1',
          '--json',
        ],
        env,
      ).done;
    const [a, b] = await Promise.all([watch(onlyA.jobid, 'a'), watch(onlyB.jobid, 'b')]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, '']);

    const records = [...ndjson(a.stdout), ...ndjson(b.stdout)];
    for (const job of [...shared, onlyA, onlyB]) {
      const mine = records.filter((r) => r.jobid === job.jobid);
      expect(
        mine.filter((r) => r.type === 'job-finished'),
        job.jobid,
      ).toHaveLength(1);
      expect(
        mine.filter((r) => r.type === 'download-saved'),
        job.jobid,
      ).toHaveLength(1);
    }
    // Each run says where every video it was asked for is, saved by it or by the other one.
    for (const run of [a, b]) {
      const own = ndjson(run.stdout);
      const summary = own.at(-1) as { type: string; saved: { jobid: string }[] };
      expect(summary.type).toBe('summary');
      for (const job of shared) {
        const lines = own.filter(
          (r) => r.jobid === job.jobid && (r.type === 'download-saved' || r.type === 'download-known'),
        );
        expect(lines, job.jobid).toHaveLength(1);
        expect(summary.saved.map((s) => s.jobid)).toContain(job.jobid);
      }
    }
    const jobs = jobsOnDisk(home);
    expect(Object.keys(jobs).sort()).toEqual([...shared, onlyA, onlyB].map((j) => j.jobid).sort());
    for (const job of Object.values(jobs))
      expect(job).toMatchObject({ state: 'completed', finishAnnounced: true });
  });
});

describe('a job another process forgets while watch follows it', () => {
  it('is said and left, the other jobs are followed to their end, and the run ends with its summary (exit 1)', async () => {
    const { sim, env } = await setup();
    const forgotten = sim.addJob({ durationMs: 3_600_000, prompt: 'Forgotten: a long one' });
    const other = sim.addJob({ durationMs: 20_000, outcome: 'failed' });
    const watch = startCli(
      ['watch', forgotten.jobid, other.jobid, '--interval', '0.1', '--no-download'],
      env,
    );
    await watch.waitFor(forgotten.jobid);
    expect((await runCli(['forget', forgotten.jobid], env)).code).toBe(0);
    const result = await watch.done;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${forgotten.jobid}: forgotten by another PixVerse Tray process; no longer followed.`,
    );
    expect(result.stderr).toMatch(/Done in .*2 jobs/);
    expect(result.stderr).toMatch(/forgotten .*Forgotten: a long one/);
  });

  it('alone: the run ends at once with its summary, not silently with 0', async () => {
    const { sim, env } = await setup();
    const forgotten = sim.addJob({ durationMs: 3_600_000 });
    const watch = startCli(['watch', forgotten.jobid, '--interval', '0.1', '--json'], env);
    await watch.waitFor(forgotten.jobid);
    await runCli(['forget', forgotten.jobid], env);
    const result = await watch.done;
    expect(result.code).toBe(1);
    const records = ndjson(result.stdout);
    expect(records.at(-1)).toMatchObject({
      type: 'summary',
      problems: [{ jobid: forgotten.jobid, problem: 'forgotten' }],
    });
  });
});

describe('a job forgotten after its video was saved, while watch follows others', () => {
  it('keeps its saved video in the summary and the run ends 0 (no error from the closed database)', async () => {
    const { sim, env, home } = await setup();
    const out = path.join(home, 'videos');
    const quick = sim.addJob({ durationMs: 10_000, videoSize: 16 * KiB });
    const slow = sim.addJob({ durationMs: 300_000, videoSize: 16 * KiB });
    const watch = startCli(
      ['watch', quick.jobid, slow.jobid, '--interval', '0.1', '--out', out, '--json'],
      env,
    );
    await watch.waitFor('"type":"download-saved"');
    expect((await runCli(['forget', quick.jobid], env)).code).toBe(0);
    const result = await watch.done;
    expect(result.stderr).not.toContain('database');
    expect(result.code, result.stderr).toBe(0);
    const summary = ndjson(result.stdout).at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', problems: [] });
    expect((summary.saved as { jobid: string }[]).map((s) => s.jobid).sort()).toEqual(
      [quick.jobid, slow.jobid].sort(),
    );
  });
});

describe('jobids that are property names', () => {
  it.each(['__proto__', 'constructor'])('watch %s tracks it as an ordinary job', async (jobid) => {
    const { sim, env, home } = await setup();
    sim.addJob({ jobid, durationMs: 30_000 });
    const result = await runCli(['watch', jobid, '--interval', '0.1', '--no-download'], env);
    expect(result.stdout).toContain(`${jobid}  completed`);
    expect(result.code).toBe(0);
    expect(Object.keys(jobsOnDisk(home))).toEqual([jobid]);
    expect(jobsOnDisk(home)[jobid]).toMatchObject({ state: 'completed' });
  });
});

describe('an API error that echoes the token', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('is stored and printed without it', async () => {
    const server = http.createServer((request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: `Bad request with ${request.headers.authorization} (token ${TOKEN})` }),
      );
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const home = tempHome();
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: baseUrl, PIXVERSE_TRAY_HOME: home };
    const result = await runCli(['watch', 'job-echo-1', '--interval', '0.1', '--no-download'], env);
    expect(result.code).toBe(1);
    const text = ['jobs.db', 'jobs.db-wal'].map((f) => readIfPresent(path.join(home, f))).join('');
    expect(jobsOnDisk(home)['job-echo-1']!.lastError).toMatch(/Bearer \*\*\* \(token \*\*\*\)/);
    expect(text).not.toContain(TOKEN);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });
});
