// `watch` again on a job an earlier run followed: the new run says where the job stands at once, even
// when the API's next answers bring nothing new for a while (PixVerse refreshes a job every 15–60 s).
import { describe, expect, it } from 'vitest';
import { ndjson, startCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';
import { until } from '../helpers/until.js';

const startSim = useSimulator();
const TOKEN = 'tok-rewatch-4c1d';

describe('watch again on a job still running', () => {
  it('prints the job as it stands at the start, with its progress, in text and in --json', async () => {
    const sim = await startSim({ timeScale: 1, token: TOKEN });
    const home = tempHome();
    const env = { USEAPI_TOKEN: TOKEN, USEAPI_BASE_URL: sim.apiUrl, PIXVERSE_TRAY_HOME: home };
    // At 37% for the whole test: no answer of the second run is news.
    const job = sim.addJob({
      timeline: [
        { atMs: 0, status: 'progress', progress: 37 },
        { atMs: 3_600_000, status: 'completed' },
      ],
    });
    const asks = () => sim.apiRequests.filter((r) => r.jobid === job.jobid).length;
    const args = ['watch', job.jobid, '--interval', '0.1', '--no-download'];

    const first = startCli([...args, '--json'], env);
    await first.waitFor(/"progress":37/);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);

    for (const json of [false, true]) {
      const again = startCli(json ? [...args, '--json'] : args, env);
      const before = asks();
      await until(() => asks() >= before + 2, 20_000);
      again.child.kill('SIGINT');
      const result = await again.done;
      expect(result.code).toBe(130);
      if (json)
        expect(ndjson(result.stdout)).toContainEqual(
          expect.objectContaining({ type: 'job-updated', jobid: job.jobid, state: 'active', progress: 37 }),
        );
      else expect(result.stdout).toMatch(new RegExp(`${job.jobid} {2}running {2}37%`));
    }
  });
});
