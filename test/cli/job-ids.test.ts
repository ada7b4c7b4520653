// The CLI's JOBID arguments: v1 jobids and v2 video ids mixed in one call, told apart by shape
// unless --api names the API; every --json line about a job names its source.
import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../main/cli/args.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { tempDir } from '../helpers/temp.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const V1 = 'user:12345-pixverse:987654321098765432-job:5b6d4c8e';
const V2 = 'user:12345-pixverse:ann.lee+work@example.com-video:998877665';
const TOKEN = 'tok-job-ids-3b9f2e7a';

/** Requests for a job at v1's endpoints (the simulator names them by route and `?jobid=`). */
const v1Requests = (sim: Simulator, jobid: string) =>
  sim.apiRequests.filter((r) => r.jobid === jobid && (r.route === 'job' || r.route === 'cancel'));

const jobsOf = (argv: string[]) => {
  const command = parseCommand(argv);
  if (command.command === 'watch') return command.jobs;
  if (command.command === 'status') return [{ jobid: command.jobid, source: command.source }];
  throw new Error(`not a command with jobs: ${command.command}`);
};
const usageError = (argv: string[]) => {
  try {
    parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no usage error');
};

describe('JOBID arguments', () => {
  it.each([
    [
      'v1 and v2 ids mixed',
      ['watch', V1, V2],
      [
        [V1, 'v1'],
        [V2, 'v2'],
      ],
    ],
    [
      'a v2 URL, a v1 curl line and a v2 answer',
      [
        'watch',
        `https://api.useapi.net/v2/pixverse/videos/${encodeURIComponent(V2)}`,
        `curl -H 'Authorization: Bearer x' 'https://api.useapi.net/v1/pixverse/jobs/?jobid=${V1}'`,
        JSON.stringify({ video_id: V2.replace('998877665', '1') }),
      ],
      [
        [V2, 'v2'],
        [V1, 'v1'],
        [V2.replace('998877665', '1'), 'v2'],
      ],
    ],
    ['the same job twice, once', ['watch', V2, `"${V2}"`], [[V2, 'v2']]],
    [
      '--api v2 for an id of either shape',
      ['watch', V1, V2, '--api', 'v2'],
      [
        [V1, 'v2'],
        [V2, 'v2'],
      ],
    ],
    ['--api=V1 in capitals', ['watch', V2, '--api=V1'], [[V2, 'v1']]],
    ['status of a v2 id', ['status', V2], [[V2, 'v2']]],
    ['status forced to v1', ['status', V2, '--api', 'v1'], [[V2, 'v1']]],
  ])('reads %s', (_what, argv, expected) => {
    expect(jobsOf(argv)).toEqual(expected.map(([jobid, source]) => ({ jobid, source })));
  });

  it.each([
    ['an unknown --api', ['watch', V1, '--api', 'v3'], /^--api must be v1 or v2/],
    ['an empty --api', ['status', V1, '--api', ''], /^--api must be v1 or v2/],
    ['--api without a value', ['watch', V1, '--api'], /--api/],
    [
      'a list of two jobs in one JOBID',
      ['watch', JSON.stringify([V1, V2])],
      /^JOBID ".*": .*one job at a time/,
    ],
    ['a cut-off v2 id', ['status', V2.replace(/\d+$/, '')], /^JOBID ".*": .*cut-off PixVerse v2 video id/],
  ])('refuses %s as a usage error naming it', (_what, argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });

  it.each([
    ['status', `curl -H 'Authorization: Bearer SECRET-TOKEN-XYZ' https://api.useapi.net/v1/pixverse/create`],
    ['forget', `curl -H "Authorization: Bearer SECRET-TOKEN-XYZ" https://api.useapi.net/v1/pixverse/jobs`],
    ['watch', `curl -H 'Authorization: SECRET-TOKEN-XYZ' 'https://api.useapi.net/v1/pixverse/jobs/?jobid='`],
  ])('never shows the token of a refused curl line (%s)', async (command, line) => {
    const result = await runCli([command, line], { USEAPI_TOKEN: TOKEN, PIXVERSE_TRAY_HOME: tempHome() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/curl/);
    expect(result.stdout + result.stderr).not.toContain('SECRET-TOKEN');
  });

  it('says what a JOBID may be in the usage text', async () => {
    const result = await runCli(['watch', V1, '--api', 'v9'], { USEAPI_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pixverse-tray: --api must be v1 or v2/);
    expect(result.stderr).toContain('watch JOBID... [--api v1|v2]');
    expect(result.stderr).toMatch(/a v2 video id \(user:<digits>-pixverse:<email>-video:<digits>\)/);
  });
});

describe('watch with v1 and v2 jobs in one call', () => {
  const startSim = useSimulator();

  it('tracks each with its source, names it on every --json line, and asks v1 only about v1 jobs', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const v1 = sim.addJob({ durationMs: 30_000, videoSize: 64 * 1024 });
    sim.faults.add({ kind: 'status', status: 503 }, { route: 'job', jobid: v1.jobid });
    const home = tempHome();
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
    const out = tempDir('videos');
    const cli = startCli(['watch', v1.jobid, V2, '--json', '--out', out, '--interval', '0.1'], env);
    // Whatever the v2 client answers for an id the simulator does not hold, a line about it comes.
    await cli.waitFor('"type":"download-saved"');
    await cli.waitFor(`"jobid":"${V2}"`);
    cli.child.kill('SIGINT');
    const result = await cli.done;

    const records = ndjson(result.stdout).filter((r) => typeof r.jobid === 'string');
    expect(records.length).toBeGreaterThan(1);
    for (const record of records) expect(record.source).toBe(record.jobid === V2 ? 'v2' : 'v1');
    expect(records.find((r) => r.jobid === v1.jobid && r.type === 'job-finished')).toMatchObject({
      state: 'completed',
    });
    expect(records.find((r) => r.type === 'download-saved')).toMatchObject({ jobid: v1.jobid, source: 'v1' });
    // The v2 id, unknown to the simulator, has job-error lines of its own (404: not available yet).
    const v1Error = records.find((r) => r.type === 'job-error' && r.jobid === v1.jobid);
    expect(v1Error).toMatchObject({ source: 'v1' });
    const stored = jobsOnDisk(home);
    expect(stored[V2]).toMatchObject({ source: 'v2' });
    expect(stored[v1.jobid]).toMatchObject({ source: 'v1', state: 'completed' });
    expect(v1Requests(sim, V2)).toEqual([]);
  });

  it('a job refused under the wrong --api is tracked again under the API a later call names', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const job = sim.addJob({ durationMs: 5_000, videoSize: 1024 });
    const home = tempHome();
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
    const quick = ['--no-download', '--interval', '0.1', '--timeout', '2'];
    const wrong = await runCli(['watch', job.jobid, '--api', 'v2', ...quick], env);
    expect(wrong.code).toBe(1);
    expect(jobsOnDisk(home)[job.jobid]).toMatchObject({ source: 'v2', state: 'rejected' });

    const right = await runCli(['watch', job.jobid, ...quick], env);
    expect(right.stdout).not.toContain('already rejected');
    expect(right.code).toBe(0);
    expect(jobsOnDisk(home)[job.jobid]).toMatchObject({ source: 'v1', state: 'completed' });
    expect(v1Requests(sim, job.jobid).length).toBeGreaterThan(0);
  });

  it('tracks a v1-shaped id as v2 when --api v2 says so', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    const home = tempHome();
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
    const cli = startCli(['watch', V1, '--api', 'v2', '--json', '--no-download', '--interval', '0.1'], env);
    await cli.waitFor(`"jobid":"${V1}"`);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    for (const record of ndjson(result.stdout).filter((r) => r.jobid === V1))
      expect(record.source).toBe('v2');
    expect(jobsOnDisk(home)[V1]).toMatchObject({ source: 'v2' });
    expect(v1Requests(sim, V1)).toEqual([]);
  });
});
