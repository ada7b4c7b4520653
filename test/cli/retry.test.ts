import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../helpers/downloads.js';
import { ndjson, runCli, runCliPiped, tempHome } from '../helpers/cli.js';
import { seedHome } from '../helpers/cli-store.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-retry-5e1d22c0';
const MiB = 1024 * 1024;

/** A completed job whose video could not be saved: the CDN refused its link and a fresh one. */
async function failedDownload() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  const home = tempHome();
  const out = path.join(home, 'videos');
  const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
  const job = sim.addJob({ timeline: [{ atMs: 0, status: 'completed' }], videoSize: 2 * MiB });
  sim.cdnFaults.push({ kind: 'status', status: 404 }, { kind: 'status', status: 404 });
  const watched = await runCli(['watch', job.jobid, '--out', out, '--interval', '0.1'], env);
  expect(watched.code).toBe(1);
  expect(watched.stdout).toContain('download failed');
  return { sim, home, out, env, job };
}

describe('pixverse-tray retry', () => {
  it('downloads a failed video again into --out, reporting as watch does', async () => {
    const { env, job, home } = await failedDownload();
    const out = path.join(home, 'again');
    const result = await runCli(['retry', job.jobid, '--out', out], env);
    expect(result.code).toBe(0);
    const saved = new RegExp(`${job.jobid} {2}saved {2}(.+) \\(2\\.0 MB\\)$`, 'm').exec(result.stdout);
    expect(saved).not.toBeNull();
    expect(path.dirname(saved![1]!)).toBe(out);
    expect(sha256File(saved![1]!)).toBe(job.attachments[0]!.video.sha256());
    const problems = await runCli(['list', '--problems', '--json'], env);
    expect(ndjson(problems.stdout)).toEqual([]);
  }, 60_000);

  it('--json writes the records watch writes; without --out it saves into the download folder', async () => {
    const { env, job, home } = await failedDownload();
    const result = await runCli(['retry', job.jobid, '--json'], env);
    expect(result.code).toBe(0);
    const records = ndjson(result.stdout);
    expect(records[0]).toMatchObject({ type: 'job-known', jobid: job.jobid, source: 'v1' });
    const saved = records.find((r) => r.type === 'download-saved');
    // The CLI's HOME is the test's home folder: the default is ~/Downloads/PixVerse Tray there.
    expect(path.dirname(String(saved?.file))).toBe(path.join(home, 'Downloads', 'PixVerse Tray'));
  }, 60_000);

  it('a video already saved is not fetched again', async () => {
    const { sim, env, job } = await failedDownload();
    expect((await runCli(['retry', job.jobid], env)).code).toBe(0);
    const fetched = sim.cdnRequests.length;
    const again = await runCli(['retry', job.jobid], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${job.jobid}  already saved`);
    expect(sim.cdnRequests).toHaveLength(fetched);
  }, 60_000);

  it('a saved video deleted since is downloaded again under its name; list says it is missing till then', async () => {
    const { sim, env, job, out } = await failedDownload();
    expect((await runCli(['retry', job.jobid, '--out', out], env)).code).toBe(0);
    const file = path.join(out, fs.readdirSync(out)[0]!);
    fs.rmSync(file);

    const listed = await runCli(['list'], env);
    expect(listed.stdout).toContain(`${file} (missing)`);
    const records = ndjson((await runCli(['list', '--json'], env)).stdout);
    expect(records[0]!.files).toEqual([{ state: 'missing', file, bytes: 2 * MiB }]);

    const fetched = sim.cdnRequests.length;
    const again = await runCli(['retry', job.jobid, '--out', out], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('already saved');
    expect(again.stdout).toMatch(new RegExp(`${job.jobid} {2}saved {2}${file} \\(2\\.0 MB\\)$`, 'm'));
    expect(sim.cdnRequests.length).toBeGreaterThan(fetched);
    expect(fs.readdirSync(out)).toEqual([path.basename(file)]);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
    expect((await runCli(['list'], env)).stdout).not.toContain('(missing)');
  }, 60_000);

  it('watch on a job whose saved video was deleted saves it again, as retry does', async () => {
    const { sim, env, job, out } = await failedDownload();
    expect((await runCli(['retry', job.jobid, '--out', out], env)).code).toBe(0);
    const file = path.join(out, fs.readdirSync(out)[0]!);
    fs.rmSync(file);

    const fetched = sim.cdnRequests.length;
    const again = await runCli(['watch', job.jobid, '--out', out], env);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('already saved');
    expect(again.stdout).toMatch(new RegExp(`${job.jobid} {2}saved {2}${file} \\(2\\.0 MB\\)$`, 'm'));
    expect(sim.cdnRequests.length).toBeGreaterThan(fetched);
    expect(sha256File(file)).toBe(job.attachments[0]!.video.sha256());
  }, 60_000);

  it('stops quietly with 141 when its reader closes stdout (| head -1)', async () => {
    const { sim, env, job } = await failedDownload();
    // A slow link: progress records follow the first line while the reader is already gone.
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 50 });
    const result = await runCliPiped(['retry', job.jobid, '--json'], 'head -1', env);
    expect({ code: result.cliCode, stderr: result.stderr }).toEqual({ code: 141, stderr: '' });
    expect(ndjson(result.stdout).map((r) => r.type)).toEqual(['job-known']);
  }, 60_000);

  it.each([
    [
      'an unknown job',
      'no-such-job',
      /no-such-job is not tracked under .*; 'pixverse-tray watch no-such-job'/,
    ],
    ['a job still running', 'job-running', /job-running is still running; 'pixverse-tray watch job-running'/],
    [
      'a job that failed',
      'job-failed',
      /job-failed ended failed: it has no video to download\. Start the job again \(another seed or prompt may help\)\./,
    ],
  ])('refuses %s with exit 1, saying what to do', async (_what, jobid, message) => {
    const home = tempHome();
    seedHome(home, [
      { jobid: 'job-running', state: 'active' },
      { jobid: 'job-failed', state: 'failed', error: 'Generation failed' },
    ]);
    // No API behind this address: nothing may be asked of it.
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: 'http://127.0.0.1:9', PIXVERSE_TRAY_HOME: home };
    const result = await runCli(['retry', jobid], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('with --json, a refusal is also an error record on stdout naming the job', async () => {
    const home = tempHome();
    seedHome(home, [{ jobid: 'job-failed', source: 'v1', state: 'failed', error: 'Generation failed' }]);
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: 'http://127.0.0.1:9', PIXVERSE_TRAY_HOME: home };
    const result = await runCli(['retry', 'job-failed', '--json'], env);
    expect(result.code).toBe(1);
    expect(ndjson(result.stdout)).toEqual([
      {
        type: 'error',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        jobid: 'job-failed',
        source: 'v1',
        message: expect.stringMatching(/^job-failed ended failed: it has no video to download\./),
      },
    ]);
    expect(result.stderr).toContain('error: job-failed ended failed');
  });

  it.each([
    [[], {}, 'retry takes exactly one JOBID.'],
    [['a', 'b'], {}, 'retry takes exactly one JOBID.'],
    [['a', '--no-download'], {}, 'retry has no option "--no-download".'],
    [['a', '--timeout', 'soon'], {}, '--timeout must be a number of seconds.'],
    [['a'], { USEAPI_TOKEN: undefined }, 'Set USEAPI_TOKEN'],
  ])('refuses %j with exit 2', async (args, extra, message) => {
    const home = tempHome();
    const result = await runCli(['retry', ...args], {
      USEAPI_TOKEN: TOKEN,
      PIXVERSE_TRAY_HOME: home,
      ...extra,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(fs.readdirSync(home)).toEqual([]);
  });
});
