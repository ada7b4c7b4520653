import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-3b9f2e7a1c4d';

// 100× time: a 60 s job takes 0.6 s; the CLI polls every 0.1 s of real time.
async function sim(): Promise<Simulator> {
  return startSim({ timeScale: 100, token: TOKEN });
}
const envFor = (s: Simulator, home = tempHome()) => ({
  USEAPI_TOKEN: TOKEN,
  USEAPI_BASE_URL: s.apiUrl,
  PIXVERSE_TRAY_HOME: home,
});
// These tests are about polling; downloads have their own (download.test.ts).
const FAST = ['--interval', '0.1', '--timeout', '2', '--no-download'];

describe('pixverse-tray watch', () => {
  it('follows jobs to completion, one line per change, and exits 0', async () => {
    const s = await sim();
    // a: at least one progress step that lasts ≥ 15 s of simulated time, i.e. longer than the interval
    const a = s.addJob({ durationMs: 300_000 });
    const b = s.addJob({ durationMs: 90_000 });
    const result = await runCli(['watch', a.jobid, b.jobid, ...FAST], envFor(s));
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.includes(`${a.jobid}  completed  video: http://127.0.0.1`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(`${b.jobid}  completed`))).toHaveLength(1);
    expect(lines.some((l) => l.includes(`${a.jobid}  running  `) && /\d+%$/.test(l))).toBe(true);
  });

  it('names the job an unknown API field came from in its --json warning', async () => {
    const s = await sim();
    const job = s.addJob({ durationMs: 30_000, extra: { sparkle: 'new in the API' } });
    const result = await runCli(['watch', job.jobid, ...FAST, '--json'], envFor(s));
    expect(result.code).toBe(0);
    const warnings = ndjson(result.stdout).filter((r) => r.type === 'warning');
    expect(warnings).toEqual([
      expect.objectContaining({
        jobid: job.jobid,
        source: 'v1',
        message: expect.stringContaining('field:sparkle'),
      }),
    ]);
  });

  it.each(['failed', 'moderated', 'cancelled'] as const)(
    'exits 1 when a job ends %s, with the reason',
    async (outcome) => {
      const s = await sim();
      const ok = s.addJob({ durationMs: 30_000 });
      const bad = s.addJob({ durationMs: 30_000, outcome });
      const result = await runCli(['watch', ok.jobid, bad.jobid, ...FAST, '--json'], envFor(s));
      expect(result.code).toBe(1);
      const finished = ndjson(result.stdout).filter((r) => r.type === 'job-finished');
      expect(finished.map((r) => [r.jobid, r.state]).sort()).toEqual(
        [
          [ok.jobid, 'completed'],
          [bad.jobid, outcome],
        ].sort(),
      );
      if (outcome !== 'cancelled') expect(finished.find((r) => r.state === outcome)?.error).toBeTruthy();
      // The API's longer reason, when it gives one, is kept beside its short one.
      if (outcome === 'failed')
        expect(finished.find((r) => r.state === outcome)?.errorDetails).toMatch(/another seed/);
    },
  );

  it('exits 1 for an unknown or expired job, after a single request each', async () => {
    const s = await sim();
    const old = s.addJob({ createdAt: s.clock.now() - 40 * 24 * 3600 * 1000 });
    const result = await runCli(['watch', 'no-such-job', old.jobid, ...FAST], envFor(s));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/no-such-job {2}not-found {2}.*does not know job no-such-job \(404/);
    expect(result.stdout).toMatch(/expired {2}.*410/);
    expect(s.apiRequests.filter((r) => r.route === 'job')).toHaveLength(2);
  });

  it.each([
    [401, 'rejected the API token'],
    [402, 'no subscription'],
  ])('exits 3 when the API answers %i, without printing the token', async (status, message) => {
    const s = await sim();
    const job = s.addJob();
    if (status === 402) s.subscriptionActive = false;
    const env = { ...envFor(s), USEAPI_TOKEN: status === 401 ? 'wrong-token-55aa' : TOKEN };
    const result = await runCli(['watch', job.jobid, ...FAST], env);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(message);
    expect(result.stdout + result.stderr).not.toContain(env.USEAPI_TOKEN);
  });

  it('rides out 5xx, 429, malformed bodies, resets and hangs, then completes', async () => {
    const s = await sim();
    const job = s.addJob({ durationMs: 30_000 });
    s.faults.add({ kind: 'status', status: 503 }, { route: 'job' });
    s.faults.add({ kind: 'malformed' }, { route: 'job' });
    s.faults.add({ kind: 'reset' }, { route: 'job' });
    s.faults.add({ kind: 'rate-limit', retryAfter: '0.2' }, { route: 'job' });
    s.faults.add({ kind: 'hang' }, { route: 'job' });
    s.faults.add({ kind: 'not-a-job' }, { route: 'job' });
    const result = await runCli(
      ['watch', job.jobid, '--interval', '0.05', '--timeout', '0.3', '--no-download', '--json'],
      envFor(s),
    );
    expect(result.code).toBe(0);
    const errors = ndjson(result.stdout)
      .filter((r) => r.type === 'job-error')
      .map((r) => String(r.message));
    expect(errors.some((m) => m.includes('503'))).toBe(true);
    expect(errors.some((m) => m.includes('not what was expected'))).toBe(true);
    expect(errors.some((m) => m.includes('No answer'))).toBe(true);
    expect(
      ndjson(result.stdout).some((r) => r.type === 'notice' && String(r.message).includes('(429)')),
    ).toBe(true);
    // A 429 holds the account: said once as a notice, not again as the job's error.
    expect(errors.some((m) => m.includes('(429)'))).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('emits valid NDJSON with --json, and never the token', async () => {
    const s = await sim();
    const job = s.addJob({ durationMs: 30_000, prompt: `prompt mentioning nothing secret` });
    const result = await runCli(['watch', job.jobid, ...FAST, '--json'], envFor(s));
    expect(result.code).toBe(0);
    const records = ndjson(result.stdout);
    // The run's summary is always the last line; the job's end comes just before it.
    expect(records.at(-1)).toMatchObject({ type: 'summary', interrupted: false });
    expect(records.at(-2)).toMatchObject({ type: 'job-finished', jobid: job.jobid, state: 'completed' });
    expect((records.at(-2)!.results as unknown[]).length).toBe(1);
    expect(result.stdout).not.toContain(TOKEN);
  });

  it('resumes after kill -9: finished jobs are not announced again, active ones go on', async () => {
    const s = await sim();
    const quick = s.addJob({ durationMs: 20_000 });
    const slow = s.addJob({ durationMs: 240_000 });
    const env = envFor(s);
    const first = startCli(['watch', quick.jobid, slow.jobid, ...FAST, '--json'], env);
    await first.waitFor(`"type":"job-finished","time"`);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(ndjson(killed.stdout).some((r) => r.type === 'job-finished' && r.jobid === slow.jobid)).toBe(
      false,
    );

    const before = s.apiRequests.length;
    const second = await runCli(['watch', quick.jobid, slow.jobid, ...FAST, '--json'], env);
    expect(second.code).toBe(0);
    const records = ndjson(second.stdout);
    expect(records.filter((r) => r.jobid === quick.jobid).map((r) => r.type)).toEqual(['job-known']);
    expect(records.filter((r) => r.type === 'job-finished').map((r) => r.jobid)).toEqual([slow.jobid]);
    const afterRestart = s.apiRequests.slice(before);
    expect(afterRestart.some((r) => r.jobid === slow.jobid)).toBe(true);
    expect(afterRestart.some((r) => r.jobid === quick.jobid)).toBe(false);
  });
});

describe('pixverse-tray usage errors (exit 2)', () => {
  const cases: [string, string[], Record<string, string | undefined>, RegExp][] = [
    ['no jobid', ['watch'], { USEAPI_TOKEN: 'test-token-1234' }, /at least one JOBID/],
    [
      'a bad interval',
      ['watch', 'a', '--interval', 'soon'],
      { USEAPI_TOKEN: 'test-token-1234' },
      /--interval must be/,
    ],
    [
      'a negative timeout',
      ['watch', 'a', '--timeout=-1'],
      { USEAPI_TOKEN: 'test-token-1234' },
      /--timeout must be/,
    ],
    [
      'an unknown option',
      ['watch', 'a', '--fast'],
      { USEAPI_TOKEN: 'test-token-1234' },
      /watch has no option "--fast"/,
    ],
    ['a jobid with spaces', ['watch', 'a b'], { USEAPI_TOKEN: 'test-token-1234' }, /no spaces/],
    ['no token', ['watch', 'a'], {}, /Set USEAPI_TOKEN/],
    [
      'a bad base URL',
      ['watch', 'a'],
      { USEAPI_TOKEN: 'test-token-1234', USEAPI_BASE_URL: 'ftp://x' },
      /USEAPI_BASE_URL/,
    ],
    [
      'an interval under 10 s for the real API',
      ['watch', 'a', '--interval', '5'],
      { USEAPI_TOKEN: 'test-token-1234' },
      /at least 10 s/,
    ],
    ['an unknown command', ['fly'], {}, /Unknown command "fly"/],
  ];
  it.each(cases)('for %s', async (_what, args, env, message) => {
    const result = await runCli(args, { PIXVERSE_TRAY_HOME: tempHome(), ...env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('for an --out that is a file', async () => {
    const home = tempHome();
    const result = await runCli(['watch', 'a', '--out', `${process.execPath}/x`], {
      USEAPI_TOKEN: 'test-token-1234',
      PIXVERSE_TRAY_HOME: home,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out .* cannot be used as a download folder/);
  });
});

describe('pixverse-tray status', () => {
  it('prints the job as JSON: the normalised model, with the API answer in raw', async () => {
    const s = await sim();
    const job = s.addJob({ timeline: [{ atMs: 0, status: 'created' }] }); // time runs 100× here
    const result = await runCli(['status', job.jobid], envFor(s));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      source: 'v1',
      id: job.jobid,
      state: 'queued',
      raw: { jobid: job.jobid, status: 'created', code: 200 },
    });
    expect(s.apiRequests).toHaveLength(1);
  });

  it('says a v2 account in an error state must be added again, without the polling run\'s "paused"', async () => {
    const s = await sim();
    const video = s.addVideo({ prompt: 'A harbour at dusk' });
    s.faults.add({ kind: 'status', status: 596 }, { route: 'v2-video' });
    const result = await runCli(['status', video.id], envFor(s));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is in an error state at useapi.net (596): add it again at useapi.net');
    expect(result.stderr).not.toContain('paused');
    expect(result.stderr).toContain('then try again');
  });

  it('exits 1 with a message for an unknown job', async () => {
    const s = await sim();
    const result = await runCli(['status', 'missing'], envFor(s));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not know job missing');
  });
});

describe('pixverse-tray demo', () => {
  it('runs the demo jobs to their end against the simulator', async () => {
    const startedAt = Date.now();
    const result = await runCli(['demo', '--json'], { PIXVERSE_TRAY_HOME: tempHome() });
    const endedAt = Date.now();
    expect(result.code).toBe(0);
    // Stamped with wall time, though the demo's engine runs 30× faster: never in the future.
    for (const { time } of ndjson(result.stdout)) {
      expect(Date.parse(String(time))).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(Date.parse(String(time))).toBeLessThanOrEqual(endedAt);
    }
    const finished = ndjson(result.stdout).filter((r) => r.type === 'job-finished');
    expect(finished.map((r) => [r.source, r.state]).sort()).toEqual([
      ['v1', 'completed'],
      ['v1', 'completed'],
      ['v1', 'failed'],
      ['v1', 'moderated'],
      ['v2', 'completed'],
      ['v2', 'completed'],
    ]);
  }, 60_000);
});

describe('pixverse-tray watch: a failed job', () => {
  it("says the API's reason and its details, on the job's line and in the summary", async () => {
    const s = await sim();
    const bad = s.addJob({ durationMs: 30_000, outcome: 'failed' });
    const result = await runCli(['watch', bad.jobid, ...FAST], envFor(s));
    expect(result.code).toBe(1);
    const reason =
      'PixVerse could not generate this video (The generation failed on the PixVerse side; try again with another seed.)';
    expect(result.stdout).toContain(`${bad.jobid}  failed  ${reason}`);
    expect(result.stderr).toContain(reason);
  });
});
