import { describe, expect, it } from 'vitest';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import { ndjson, runCli, startCli, tempHome } from '../helpers/cli.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-8e2a61f4c09b';

/**
 * The simulator's time stands still until the test moves it: its jobs run for as long as the test
 * needs (however slowly the CLI starts on a busy machine), and end when it says.
 */
async function frozenSim(): Promise<{ sim: Simulator; clock: FakeClock }> {
  const clock = new FakeClock(Date.now());
  return { sim: await startSim({ clock, token: TOKEN }), clock };
}
const envFor = (s: Simulator, home = tempHome()) => ({
  USEAPI_TOKEN: TOKEN,
  USEAPI_BASE_URL: s.apiUrl,
  PIXVERSE_TRAY_HOME: home,
});
const FAST = ['--interval', '0.1', '--timeout', '2', '--no-download', '--json'];
const TEN_MINUTES = 600_000;
const finishedIds = (stdout: string) =>
  ndjson(stdout)
    .filter((r) => r.type === 'job-finished')
    .map((r) => r.jobid)
    .sort();

describe('pixverse-tray watch --all', () => {
  it('follows every job the account runs, picks up one started meanwhile, and --exit-when-idle ends with 0', async () => {
    const { sim, clock } = await frozenSim();
    const a = sim.addJob({ durationMs: 60_000 });
    const b = sim.addJob({ durationMs: 90_000 });
    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    await cli.waitFor(`"jobid":"${a.jobid}"`);
    await cli.waitFor(`"jobid":"${b.jobid}"`);
    const late = sim.addJob({ durationMs: 60_000 });
    await cli.waitFor(`"jobid":"${late.jobid}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    expect(finishedIds(result.stdout)).toEqual([a.jobid, b.jobid, late.jobid].sort());
    expect(ndjson(result.stdout).at(-1)).toMatchObject({
      type: 'summary',
      totals: { jobs: 3, completed: 3, unfinished: 0 },
    });
  }, 60_000);

  it('follows a running job this home already knew, which discovery alone would skip', async () => {
    const { sim, clock } = await frozenSim();
    const home = tempHome();
    const known = sim.addJob({ durationMs: 120_000 });
    // A first run is stopped while the job runs: the job stays in the home as active.
    const first = startCli(['watch', known.jobid, ...FAST], envFor(sim, home));
    await first.waitFor('"type":"job-updated"');
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);

    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim, home));
    await cli.waitFor(`"jobid":"${known.jobid}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    expect(finishedIds(result.stdout)).toEqual([known.jobid]);
  }, 60_000);

  it('--exit-when-idle with nothing running: one list answer, then the summary and 0', async () => {
    const { sim } = await frozenSim();
    const result = await runCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    expect(result.code, result.stderr).toBe(0);
    expect(ndjson(result.stdout)).toMatchObject([{ type: 'summary', totals: { jobs: 0 } }]);
    expect(sim.apiRequests.filter((r) => r.route === 'list').length).toBeGreaterThanOrEqual(1);
  });

  it('exits 1 when a job it picked up fails, with the reason in the summary', async () => {
    const { sim, clock } = await frozenSim();
    const bad = sim.addJob({ durationMs: 30_000, outcome: 'moderated' });
    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    await cli.waitFor(`"jobid":"${bad.jobid}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    expect(result.code).toBe(1);
    const summary = ndjson(result.stdout).at(-1)!;
    expect(summary.problems).toMatchObject([{ jobid: bad.jobid, problem: 'moderated' }]);
  }, 60_000);

  it('follows v1 jobs and v2 videos together (v1 jobs list, v2 scheduler), each with its source', async () => {
    const { sim, clock } = await frozenSim();
    const v1 = sim.addJob({ durationMs: 60_000 });
    const v2 = sim.addVideo({ queuedMs: 30_000, generatingMs: 60_000 });
    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    await cli.waitFor(`"jobid":"${v1.jobid}"`);
    await cli.waitFor(`"jobid":"${v2.id}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    const finished = ndjson(result.stdout).filter((r) => r.type === 'job-finished');
    expect(finished.map((r) => [r.jobid, r.source, r.state]).sort()).toEqual(
      [
        [v1.jobid, 'v1', 'completed'],
        [v2.id, 'v2', 'completed'],
      ].sort(),
    );
    const routes = new Set(sim.apiRequests.map((r) => r.route));
    expect([routes.has('list'), routes.has('v2-scheduler')]).toEqual([true, true]);
  }, 60_000);

  it('--exit-when-idle waits for both lists: a v2 video is not missed when the v1 list answers first', async () => {
    const { sim, clock } = await frozenSim();
    const v2 = sim.addVideo({ queuedMs: 30_000, generatingMs: 60_000 });
    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    await cli.waitFor(`"jobid":"${v2.id}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    expect(finishedIds(result.stdout)).toEqual([v2.id]);
  }, 60_000);

  it.each([
    ['v1', 'list', 'v2-scheduler'],
    ['v2', 'v2-scheduler', 'list'],
  ] as const)(
    '--api %s follows only that API: its list is asked, the other never',
    async (api, asked, never) => {
      const { sim, clock } = await frozenSim();
      const v1 = sim.addJob({ durationMs: 60_000 });
      const v2 = sim.addVideo({ queuedMs: 30_000, generatingMs: 60_000 });
      const followed = api === 'v1' ? v1.jobid : v2.id;
      const cli = startCli(['watch', '--all', '--api', api, '--exit-when-idle', ...FAST], envFor(sim));
      await cli.waitFor(`"jobid":"${followed}"`);
      await clock.advance(TEN_MINUTES);
      const result = await cli.done;
      expect(result.code, result.stderr).toBe(0);
      expect(finishedIds(result.stdout)).toEqual([followed]);
      const routes = new Set(sim.apiRequests.map((r) => r.route));
      expect([routes.has(asked), routes.has(never)]).toEqual([true, false]);
    },
    60_000,
  );

  it('--exit-when-idle without --all is a usage error', async () => {
    const result = await runCli(['watch', 'some-job', '--exit-when-idle'], { USEAPI_TOKEN: TOKEN });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('pixverse-tray: --exit-when-idle goes with --all.');
  });

  /** `watch --all --exit-when-idle` while the v1 list answers `status` (`count` times), run to its end. */
  async function listFailing(status: number, error: string, count: number) {
    const { sim, clock } = await frozenSim();
    const a = sim.addJob({ durationMs: 60_000 });
    sim.faults.add({ kind: 'status', status, error }, { route: 'list', count });
    const cli = startCli(['watch', '--all', '--exit-when-idle', ...FAST], envFor(sim));
    await cli.waitFor(status === 404 ? /Cannot read the v1 list/ : `"jobid":"${a.jobid}"`);
    await clock.advance(TEN_MINUTES);
    const result = await cli.done;
    const warnings = ndjson(result.stdout).filter((r) => r.type === 'warning');
    return { a, result, warnings };
  }

  it('says once that an account list cannot be read, and ends only once it has answered', async () => {
    const { a, result, warnings } = await listFailing(500, 'Backend hiccup', 3);
    expect(result.code, result.stderr).toBe(0);
    expect(warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Cannot read the v1 list of running jobs: .*500.*Backend hiccup/),
      }),
    ]);
    expect(finishedIds(result.stdout)).toEqual([a.jobid]);
  }, 60_000);

  it('--exit-when-idle does not wait for a list the host does not have (404): says so once, and ends', async () => {
    const { a, result, warnings } = await listFailing(404, 'Not found', 1000);
    expect(result.code, result.stderr).toBe(0);
    expect(warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/404.*; v1 jobs started elsewhere are not followed$/),
      }),
    ]);
    // The v1 job it runs cannot be seen without the list: not followed, as the warning said.
    expect(result.stdout).not.toContain(a.jobid);
  }, 60_000);
});
