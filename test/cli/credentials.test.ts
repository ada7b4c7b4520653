import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/cli.js';
import { useSimulator } from '../helpers/sim.js';

const startSim = useSimulator();
const TOKEN = 'tok-credentials-8e21f0';
const STEPS = {
  401: /rejected the API token \(401 Unauthorized\)\. Set USEAPI_TOKEN to a valid useapi\.net API token, then run the command again\./g,
  402: /no subscription or it expired \(402\)\. Renew the subscription at useapi\.net, then run the command again\./g,
};

describe('a refused token or subscription', () => {
  it.each([
    [401, []],
    [401, ['--json']],
    [402, []],
    [402, ['--json']],
  ] as const)(
    '%i: watch %j says it once, naming the host, with the next step, exit 3',
    async (status, extra) => {
      const sim = await startSim({ timeScale: 100, token: TOKEN });
      if (status === 402) sim.subscriptionActive = false;
      const a = sim.addJob();
      const b = sim.addJob();
      const env = {
        USEAPI_TOKEN: status === 401 ? 'tok-wrong-0000' : TOKEN,
        USEAPI_BASE_URL: sim.apiUrl,
        PIXVERSE_TRAY_HOME: tempHome(),
      };
      const result = await runCli(
        ['watch', a.jobid, b.jobid, '--interval', '0.1', '--no-download', ...extra],
        env,
      );
      expect(result.code).toBe(3);
      const said = result.stdout + result.stderr;
      expect(said.match(STEPS[status])).toHaveLength(1);
      expect(said).toContain(new URL(sim.apiUrl).host);
      expect(said).not.toMatch(/resume polling/);
    },
  );

  it.each([401, 402] as const)('%i: status says it with the same next step, exit 3', async (status) => {
    const sim = await startSim({ timeScale: 100, token: TOKEN });
    if (status === 402) sim.subscriptionActive = false;
    const job = sim.addJob();
    const env = { USEAPI_TOKEN: status === 401 ? 'tok-wrong-0000' : TOKEN, USEAPI_BASE_URL: sim.apiUrl };
    const result = await runCli(['status', job.jobid], env);
    expect(result.code).toBe(3);
    expect(result.stderr.match(STEPS[status])).toHaveLength(1);
  });
});
